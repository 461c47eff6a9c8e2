package dev.migrate.transfer;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads one column of the current row as a plain Java value (null for SQL NULL). */
@FunctionalInterface
public interface ValueReader {
    Object read(ResultSet rs, int index) throws SQLException;
}
