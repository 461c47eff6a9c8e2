package dev.migrate.engine;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/**
 * How the engine tells what went wrong: on which side, whether a connection was lost, and what a cleanup
 * that failed after the first failure adds (it never hides the first one).
 */
final class Faults {

    /** PostgreSQL's codes for a session the server ended: an administrator's terminate, a shutdown, a crash. */
    private static final Set<String> SESSION_ENDED = Set.of("57P01", "57P02", "57P03");

    private Faults() {
    }

    /** A failure while reading the source: database and I/O errors are marked as the source's. */
    static Throwable fromSource(Throwable failure) {
        if (failure instanceof SQLException || failure instanceof IOException || failure instanceof UncheckedIOException) {
            return new SourceFailure(failure);
        }
        return failure;
    }

    /** Ends a connection's transaction after a read: rolls it back where one is open. */
    static void endTransaction(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
        }
    }

    /** Rolls back after {@code failure}; a rollback that fails too is added to it rather than thrown. */
    static void rollback(Connection connection, Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** Whether a failure is a connection that was lost (or a session the server ended), rather than a refused statement. */
    static boolean connectionLost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e && e.getSQLState() != null
                    && (e.getSQLState().startsWith("08") || SESSION_ENDED.contains(e.getSQLState()))) {
                return true;
            }
            if (t instanceof SocketException || t instanceof EOFException) {
                return true;
            }
        }
        return false;
    }

    /** A failure that happened while reading the source. */
    static final class SourceFailure extends Exception {
        SourceFailure(Throwable cause) {
            super(null, cause);
        }
    }
}
