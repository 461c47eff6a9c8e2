package dev.migrate.dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One moment for every reader where a database cannot hand a snapshot from one session to another (MySQL,
 * MariaDB, SQLite, H2): a fixed set of sessions, each in a transaction begun at that moment, that the readers take
 * turns on. The sessions begin one after another, where the database allows under a lock that holds writers off
 * meanwhile (MySQL's global read lock), so that no commit falls between them. A reader gives its session back with
 * the transaction still open; a session a failed read leaves unusable is let go, and the run goes on with the rest.
 */
public final class SessionSnapshot implements ReadSnapshot {

    private static final Logger LOG = LoggerFactory.getLogger(SessionSnapshot.class);

    /** How a database begins a session's snapshot, and how it holds writers off while the sessions begin. */
    public interface Sessions {
        /** Holds writers off on {@code lock} until {@link #thaw}; false (after a warning) when the user may not. */
        boolean freeze(Connection lock) throws SQLException;

        void thaw(Connection lock) throws SQLException;

        /** Begins the snapshot in {@code session}'s transaction. */
        void begin(Connection session) throws SQLException;
    }

    private final Connections pool;
    private final BlockingQueue<Connection> idle = new LinkedBlockingQueue<>();
    private final Set<Connection> all = ConcurrentHashMap.newKeySet();
    private final AtomicInteger alive = new AtomicInteger();
    private final String description;

    private SessionSnapshot(Connections pool, String description) {
        this.pool = pool;
        this.description = description;
    }

    /** Begins {@code count} sessions at one moment. */
    public static ReadSnapshot start(Connections pool, int count, Sessions sessions, String what) throws SQLException {
        Connection lock = pool.connection();
        boolean frozen = false;
        SessionSnapshot snapshot = null;
        try {
            frozen = sessions.freeze(lock);
            snapshot = new SessionSnapshot(pool, "one snapshot (" + (count == 1 ? "" : count + " sessions, ") + what
                    + (frozen ? ", begun under a read lock)" : ")"));
            for (int i = 0; i < count; i++) {
                Connection session = pool.connection();
                snapshot.all.add(session);
                snapshot.alive.incrementAndGet();
                sessions.begin(session);
                snapshot.idle.add(session);
            }
        } catch (SQLException | RuntimeException e) {
            if (snapshot != null) {
                snapshot.close();
            }
            throw e;
        } finally {
            try {
                if (frozen) {
                    sessions.thaw(lock);
                }
            } finally {
                lock.close();
            }
        }
        return snapshot;
    }

    /**
     * One session the readers take turns on, for a database that cannot begin several at one moment: begun with
     * {@code statements}, the last a read that starts its view.
     */
    public static ReadSnapshot oneSession(Connections pool, String what, String... statements) throws SQLException {
        return start(pool, 1, new Sessions() {
            @Override
            public boolean freeze(Connection lock) {
                return false;
            }

            @Override
            public void thaw(Connection lock) {
            }

            @Override
            public void begin(Connection session) throws SQLException {
                session.setAutoCommit(false);
                try (Statement s = session.createStatement()) {
                    for (String sql : statements) {
                        if (s.execute(sql)) {
                            try (ResultSet rs = s.getResultSet()) {
                                rs.next();
                            }
                        }
                    }
                }
            }
        }, what);
    }

    @Override
    public Connection open() throws SQLException {
        while (true) {
            if (alive.get() == 0) {
                throw new SQLException("every session that held the run's snapshot of the source was lost", "08003");
            }
            try {
                Connection session = idle.poll(1, TimeUnit.SECONDS);
                if (session != null) {
                    return session;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for a session of the run's snapshot", e);
            }
        }
    }

    /**
     * A session a query was cancelled on is kept when it still answers: the cancel, if it landed after the query had
     * ended, is spent on a probe rather than on the next reader's query (the snapshot lives in this session's
     * transaction, and no other session can take it up).
     */
    @Override
    public void release(Connection session, boolean reusable) {
        boolean usable;
        try {
            usable = session.isValid(5) && (reusable || answers(session) || answers(session));
        } catch (SQLException e) {
            usable = false;
        }
        if (usable) {
            idle.add(session);
            return;
        }
        all.remove(session);
        alive.decrementAndGet();
        LOG.warn("a session of the run's snapshot of the source was lost; {} remain", alive.get());
        pool.discard(session);
    }

    private static boolean answers(Connection session) {
        try (Statement s = session.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            return rs.next();
        } catch (SQLException cancelled) {
            return false;
        }
    }

    @Override
    public String describe() {
        return description;
    }

    /** Ends every session's transaction; the sessions leave the pool, as their settings were made for the snapshot. */
    @Override
    public void close() {
        for (Connection session : all) {
            try {
                if (!session.isClosed()) {
                    session.rollback();
                }
            } catch (SQLException e) {
                // it is let go either way
            }
            pool.discard(session);
        }
        all.clear();
        idle.clear();
    }
}
