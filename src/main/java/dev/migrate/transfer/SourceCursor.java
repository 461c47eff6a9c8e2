package dev.migrate.transfer;

import java.sql.SQLException;

/**
 * The rows of one source query, read one after another: through a JDBC result set, or through a database's
 * own export stream where it has one (PostgreSQL's COPY TO STDOUT).
 */
public interface SourceCursor extends AutoCloseable {

    /** Moves to the next row; false after the last. */
    boolean next() throws SQLException;

    /** The current row's value in column {@code index} (0-based), null for SQL NULL. */
    Object value(int index) throws SQLException;

    /** Stops the query early, from the reading thread; the rest of the rows are not read. */
    void cancel();

    /**
     * Asks the database, from another thread, to stop the query: a reading thread waiting for rows gets an
     * error instead. Never throws.
     */
    void interrupt();

    @Override
    void close() throws SQLException;
}
