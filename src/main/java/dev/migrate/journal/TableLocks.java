package dev.migrate.journal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.migrate.connect.Database;

/**
 * A run's hold on the target tables it loads: one lock per table, taken without waiting, held by one session
 * for the whole run, and freed when the run ends or its process dies. A second run on any of those tables
 * stops before it changes anything and says which run holds them.
 */
public final class TableLocks implements AutoCloseable {

    /** How often the session that holds the locks speaks to the server, so that no idle timeout ends it (and frees them). */
    private static final long KEEP_ALIVE_SECONDS = 60;

    private final Database target;
    private final Connection session;
    private final List<AutoCloseable> held;
    private final ScheduledExecutorService keepAlive;

    private TableLocks(Database target, Connection session, List<AutoCloseable> held) {
        this.target = target;
        this.session = session;
        this.held = held;
        this.keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "migrate-locks");
            thread.setDaemon(true);
            return thread;
        });
        keepAlive.scheduleWithFixedDelay(this::ping, KEEP_ALIVE_SECONDS, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
    }

    private synchronized void ping() {
        try {
            session.isValid(10);
        } catch (SQLException ignored) {
            // a session that is gone has freed its locks; the run's journal records still stand
        }
    }

    /** Takes every table's lock, or none. */
    public static TableLocks take(Database target, Journal journal, Collection<String> tables) throws SQLException {
        Connection session = target.connection();
        List<AutoCloseable> held = new ArrayList<>();
        try {
            // in one order for every run, so two runs never each wait on the other's half
            for (String table : new TreeSet<>(tables.stream().map(String::toLowerCase).toList())) {
                Optional<AutoCloseable> lock = target.dialect().tryLock(session, journal.key(table), journal);
                if (lock.isEmpty()) {
                    throw new RunRefused("table " + table + " is being loaded by another run" + holder(journal, table)
                            + "; wait for it to end (or stop it), then run this again");
                }
                held.add(lock.get());
            }
            return new TableLocks(target, session, held);
        } catch (SQLException | RuntimeException | Error e) {
            release(held, e);
            target.discard(session);
            throw e;
        }
    }

    private static String holder(Journal journal, String table) {
        try {
            TableState state = journal.states(List.of(table)).get(table);
            return state != null && state.unfinished() ? ", " + state.describeRun() : "";
        } catch (SQLException e) {
            return "";
        }
    }

    /** Frees every lock: the session that holds them is closed for good, not handed back to the pool. */
    @Override
    public synchronized void close() {
        keepAlive.shutdownNow();
        release(held, null);
        try {
            if (!session.getAutoCommit()) {
                // the journal rows that stand in for locks are held by this transaction
                session.rollback();
            }
        } catch (SQLException ignored) {
            // the session is closed below either way, and the server frees what it held
        }
        target.discard(session);
    }

    private static void release(List<AutoCloseable> held, Throwable failure) {
        for (AutoCloseable lock : held) {
            try {
                lock.close();
            } catch (Exception e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                }
            }
        }
    }
}
