package dev.migrate.dialect.postgresql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import dev.migrate.dialect.Connections;
import dev.migrate.dialect.ReadSnapshot;

/**
 * One moment for every reader of a PostgreSQL source, as pg_dump and pgcopydb do it: a session exports its
 * snapshot ({@code pg_export_snapshot()}) and keeps its transaction open to the end of the run; every reader
 * begins a REPEATABLE READ transaction with {@code SET TRANSACTION SNAPSHOT} and so sees exactly what it saw.
 */
final class PostgresSnapshot implements ReadSnapshot {

    private final Connections pool;
    private final Connection holder;
    private final String id;

    private PostgresSnapshot(Connections pool, Connection holder, String id) {
        this.pool = pool;
        this.holder = holder;
        this.id = id;
    }

    static ReadSnapshot export(Connections pool) throws SQLException {
        Connection holder = pool.connection();
        try {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                // the transaction waits, idle, for the whole run: a server-wide limit must not end it (and the snapshot with it)
                s.execute("SET LOCAL idle_in_transaction_session_timeout = 0");
                try (ResultSet rs = s.executeQuery("SELECT pg_export_snapshot()")) {
                    rs.next();
                    return new PostgresSnapshot(pool, holder, rs.getString(1));
                }
            }
        } catch (SQLException | RuntimeException e) {
            pool.discard(holder);
            throw e;
        }
    }

    /** The snapshot another process exported as {@code id} and holds: this pool's readers join it. */
    static ReadSnapshot join(Connections pool, String id) {
        return new PostgresSnapshot(pool, null, id);
    }

    @Override
    public String shared() {
        return id;
    }

    @Override
    public Connection open() throws SQLException {
        Connection c = pool.connection();
        try {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                try {
                    s.execute("SET TRANSACTION SNAPSHOT '" + id + "'");
                } catch (SQLException e) {
                    if (holder == null || holder.isValid(5)) {
                        // joined from elsewhere: whether the run that holds it is still there is not known here
                        if (holder == null && "22023".equals(e.getSQLState())) {
                            throw new SQLException("the source's snapshot " + id + " is gone: the run that holds it ended or lost its"
                                    + " session, so this partition cannot read the moment the others read", e.getSQLState(), e);
                        }
                        throw e;
                    }
                    // a snapshot lives as long as the transaction that exported it: no reader can see that moment any more
                    throw new SQLException("the source's snapshot is gone: the session that held it ended (a server restart or a"
                            + " terminated backend), so this partition cannot read the moment the others read; --resume goes on under"
                            + " a new snapshot", e.getSQLState(), e);
                }
            }
            return c;
        } catch (SQLException | RuntimeException e) {
            pool.discard(c);
            throw e;
        }
    }

    @Override
    public void release(Connection connection, boolean reusable) throws SQLException {
        ReadSnapshot.end(pool, connection, reusable);
    }

    @Override
    public String describe() {
        return "one snapshot (pg_export_snapshot " + id + ")";
    }

    @Override
    public void close() {
        if (holder == null) {
            return;
        }
        try {
            holder.rollback();
            holder.close();
        } catch (SQLException e) {
            pool.discard(holder);
        }
    }
}
