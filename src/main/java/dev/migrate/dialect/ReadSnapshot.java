package dev.migrate.dialect;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * How a run's readers see the source: as of one moment for all of them (a snapshot the dialect takes when the
 * load starts), or each as of the moment it starts ({@link #none}). A reader opens its connection here and gives it
 * back here, never to the pool directly: a snapshot may live in the connection's transaction.
 */
public interface ReadSnapshot extends AutoCloseable {

    /** A connection that reads as this snapshot sees, in its open transaction. */
    Connection open() throws SQLException;

    /**
     * The read on {@code connection} ended. {@code reusable} is false when a query on it was cancelled under it: it
     * leaves the pool. A failure to end its transaction is thrown, after the connection was let go.
     */
    void release(Connection connection, boolean reusable) throws SQLException;

    /** For the log: what the readers see, e.g. {@code one snapshot (pg_export_snapshot 00000003-0000001B-1)}. */
    String describe();

    /**
     * The snapshot's name, by which sessions of other processes (a cluster's tasks) join it while this one holds it
     * (see {@link Dialect#joinSnapshot}); null when it cannot be shared beyond this process.
     */
    default String shared() {
        return null;
    }

    @Override
    void close();

    /** No snapshot: each read opens a connection of its own and sees the source as it is when its transaction starts. */
    static ReadSnapshot none(Connections pool) {
        return new ReadSnapshot() {
            @Override
            public Connection open() throws SQLException {
                return pool.connection();
            }

            @Override
            public void release(Connection connection, boolean reusable) throws SQLException {
                end(pool, connection, reusable);
            }

            @Override
            public String describe() {
                return "no snapshot: each partition reads the source as it is when it starts";
            }

            @Override
            public void close() {
            }
        };
    }

    /** Rolls back a read's transaction and gives the connection back (or lets it go, when it is not reusable or the rollback fails). */
    static void end(Connections pool, Connection connection, boolean reusable) throws SQLException {
        if (!reusable) {
            pool.discard(connection);
            return;
        }
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            pool.discard(connection);
            throw e;
        }
        connection.close();
    }
}
