package dev.migrate.dialect.mysql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrate.dialect.SessionSnapshot;

/**
 * One moment for every reader of a MySQL or MariaDB source, as mydumper does it: the readers' sessions each
 * {@code START TRANSACTION WITH CONSISTENT SNAPSHOT} while a global read lock holds every writer off, which is
 * let go as soon as the last one has begun (milliseconds).
 */
final class MySqlSnapshot implements SessionSnapshot.Sessions {

    private static final Logger LOG = LoggerFactory.getLogger(MySqlSnapshot.class);

    /** How long the read lock may wait for statements that hold tables before the run goes on without it. */
    private static final int LOCK_WAIT_SECONDS = 10;

    @Override
    public boolean freeze(Connection lock) throws SQLException {
        try (Statement s = lock.createStatement()) {
            s.execute("SET SESSION lock_wait_timeout = " + LOCK_WAIT_SECONDS);
            s.execute("FLUSH TABLES WITH READ LOCK");
            return true;
        } catch (SQLException e) {
            String why = e.getErrorCode() == 1227 || e.getErrorCode() == 1044 || e.getErrorCode() == 1045
                    ? "the source user lacks the RELOAD privilege that FLUSH TABLES WITH READ LOCK needs (GRANT RELOAD ON *.* TO ...)"
                    : "FLUSH TABLES WITH READ LOCK failed: " + e.getMessage();
            LOG.warn("the readers' snapshots of the source begin one after another without a read lock: {}; a write committed"
                    + " in those milliseconds may be seen by some readers and not others (settings {{ snapshot false }} reads without"
                    + " a snapshot and without this warning)", why);
            return false;
        }
    }

    @Override
    public void thaw(Connection lock) throws SQLException {
        try (Statement s = lock.createStatement()) {
            s.execute("UNLOCK TABLES");
        }
    }

    @Override
    public void begin(Connection session) throws SQLException {
        session.setAutoCommit(false);
        try (Statement s = session.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
        }
    }
}
