package dev.migrate.engine;

import java.io.IOException;
import java.io.Serializable;
import java.sql.SQLException;
import java.util.List;

/**
 * What a partition's task did, sent back to the run: its counts and the lines of its rejected rows, or why it
 * failed. A failure travels as its one line and its kind, never as an exception of the task's JVM (whose classes,
 * driver's or database's, the run may not have).
 *
 * @param earlier true when an earlier or a simultaneous attempt of the same partition had committed it: this one
 *                wrote nothing, and the counts are that attempt's, as the journal holds them
 */
public record PartitionOutcome(long rowsRead, long rowsWritten, long skipped, long bytes, String method, List<String> rejects,
                               boolean earlier, Kind failure, String message, String column, String reason) implements Serializable {

    /** How a partition's task failed. */
    public enum Kind { NONE, ROW, CONNECTION_LOST, SOURCE_CONNECTION_LOST, SOURCE, CANCELLED, OTHER }

    public PartitionOutcome {
        rejects = List.copyOf(rejects);
    }

    static PartitionOutcome of(PartitionRun.Outcome outcome, List<String> rejects) {
        return new PartitionOutcome(outcome.rowsRead(), outcome.rowsWritten(), outcome.skipped(), outcome.bytes(), outcome.method(), rejects,
                false, Kind.NONE, null, null, null);
    }

    static PartitionOutcome committedEarlier(long rows) {
        return new PartitionOutcome(rows, rows, 0, 0, null, List.of(), true, Kind.NONE, null, null, null);
    }

    static PartitionOutcome failed(Throwable failure, List<String> rejects) {
        if (failure instanceof RowFailure row) {
            return new PartitionOutcome(0, 0, 0, 0, null, rejects, false, Kind.ROW, row.getMessage(), row.column(), row.reason());
        }
        Kind kind = failure instanceof PartitionRun.CancelledPartition ? Kind.CANCELLED
                : Faults.connectionLost(failure) ? (failure instanceof Faults.SourceFailure ? Kind.SOURCE_CONNECTION_LOST : Kind.CONNECTION_LOST)
                : failure instanceof Faults.SourceFailure ? Kind.SOURCE : Kind.OTHER;
        return new PartitionOutcome(0, 0, 0, 0, null, rejects, false, kind, Engine.oneLine(failure), null, null);
    }

    /** A task that ended without an outcome of its own: lost with its executor, or cancelled. */
    public static PartitionOutcome lost(String why) {
        return new PartitionOutcome(0, 0, 0, 0, null, List.of(), false, Kind.OTHER, why, null, null);
    }

    /** A task that was cancelled before it ended: its transaction rolled back. */
    public static PartitionOutcome cancelled() {
        return new PartitionOutcome(0, 0, 0, 0, null, List.of(), false, Kind.CANCELLED, "cancelled", null, null);
    }

    boolean succeeded() {
        return failure == Kind.NONE;
    }

    PartitionRun.Outcome outcome() {
        return new PartitionRun.Outcome(rowsRead, rowsWritten, rowsRead - rowsWritten - skipped, skipped, bytes, method);
    }

    /** The failure as the engine tells failures apart: a refused row, a lost connection, a cancel, on which side. */
    Exception exception() {
        return switch (failure) {
            case ROW -> new RowFailure(message, column, reason, null);
            case CANCELLED -> new PartitionRun.CancelledPartition();
            case CONNECTION_LOST -> new SQLException(message, "08006");
            case SOURCE_CONNECTION_LOST -> new Faults.SourceFailure(new SQLException(message, "08006"));
            case SOURCE -> new Faults.SourceFailure(new IOException(message));
            default -> new TaskFailure(message);
        };
    }

    /** A failure of a task elsewhere, as its one line. */
    static final class TaskFailure extends Exception {
        TaskFailure(String message) {
            super(message);
        }
    }
}
