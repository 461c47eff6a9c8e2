package dev.migrate.transfer;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * Rows copied from one database straight into another, without decoding a value on the way, where two
 * databases share a format (PostgreSQL's COPY TO STDOUT into COPY FROM STDIN).
 */
public interface RowStream {

    /**
     * Copies the rows of {@code select} into {@code table (columns)}; the target connection's transaction is
     * the caller's. Reports rows and bytes as they go; stops when {@code stop} says so.
     *
     * @param typeNames the source types of the columns, the same on both sides
     * @return the rows copied
     */
    long copy(Connection source, String select, Connection target, String table, String columns, List<String> typeNames,
              BooleanSupplier stop, LongConsumer rowsMoved, LongConsumer bytesMoved) throws SQLException;

    /** Whether rows of this source connection's database can travel this way (not every database's text can). */
    default boolean carries(Connection source) throws SQLException {
        return true;
    }

    /** How columns of these types are copied, for the report. */
    String method(List<String> typeNames);
}
