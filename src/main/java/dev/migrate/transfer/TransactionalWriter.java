package dev.migrate.transfer;

import java.sql.Connection;
import java.sql.SQLException;

/** What every writer does the same way: one transaction on its connection, committed or rolled back whole. */
public abstract class TransactionalWriter implements RowWriter {

    protected final Connection connection;
    /** Bytes sent so far; each writer counts its own way. */
    protected long bytes;

    protected TransactionalWriter(Connection connection) {
        this.connection = connection;
    }

    /** Nothing to send at the end: every batch is sent as it comes. */
    @Override
    public void finish() throws SQLException {
    }

    @Override
    public void commit() throws SQLException {
        connection.commit();
    }

    @Override
    public void abort() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it and the transaction dies with it
        }
    }

    @Override
    public long bytesWritten() {
        return bytes;
    }

    @Override
    public void close() throws SQLException {
    }
}
