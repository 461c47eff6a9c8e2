package dev.migrate.dialect;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Rows of a table of the tool's own that a session can lock without waiting, for databases that have no
 * named lock of their own: the lock is the row, held by the session's open transaction.
 */
@FunctionalInterface
public interface LockRows {

    /** Locks the row of {@code name} in {@code session}'s open transaction; false when another session holds it. */
    boolean tryLock(Connection session, String name) throws SQLException;
}
