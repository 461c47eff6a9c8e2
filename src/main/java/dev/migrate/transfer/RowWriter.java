package dev.migrate.transfer;

import java.sql.SQLException;

/**
 * Writes the rows of one partition into the target inside one transaction, through the dialect's fastest
 * path. The engine calls {@link #add} for each batch, then {@link #finish} and {@link #commit}, or
 * {@link #abort} when anything failed; nothing of an aborted partition stays in the target.
 */
public interface RowWriter extends AutoCloseable {

    /** Adds {@code count} rows; each holds one converted value per target column. */
    void add(Object[][] rows, int count) throws SQLException;

    /**
     * The row of the last {@link #add} (counted from 0) that {@code refusal}, which that add threw, names as the one
     * the database refused, or -1 when it names none. Only a hint: the caller writes that row again alone.
     */
    default int refusedRow(SQLException refusal) {
        return -1;
    }

    /** Sends whatever is buffered. */
    void finish() throws SQLException;

    void commit() throws SQLException;

    /** Rolls the partition back; never throws. */
    void abort();

    /** How this writer sends rows, for the report: {@code COPY}, {@code LOAD DATA LOCAL INFILE}, {@code JDBC batches}. */
    String method();

    /** Bytes sent to the database so far, where the writer can tell; otherwise an estimate. */
    long bytesWritten();

    @Override
    void close() throws SQLException;
}
