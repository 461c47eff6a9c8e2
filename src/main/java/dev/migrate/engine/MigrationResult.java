package dev.migrate.engine;

import java.time.Instant;
import java.util.List;

/**
 * How a whole run went: one result per table, in load order.
 *
 * @param cycles the foreign-key cycles found, each as {@code a -> b -> a}; they were loaded with checks off
 * @param error  why the run as a whole failed, where no table says it (it stopped before the load, or building
 *               keys after it failed); null otherwise
 * @param resumed the unfinished run this one went on with ({@code run --resume}), as {@code run 'shop' (started ...)}; else null
 */
public record MigrationResult(String migration, String script, String source, String target, boolean dryRun,
                              Instant started, Instant finished, List<TableResult> tables, List<String> cycles, String error,
                              String resumed) {

    public MigrationResult {
        tables = List.copyOf(tables);
        cycles = List.copyOf(cycles);
    }

    public MigrationResult(String migration, String script, String source, String target, boolean dryRun,
                           Instant started, Instant finished, List<TableResult> tables, List<String> cycles, String error) {
        this(migration, script, source, target, dryRun, started, finished, tables, cycles, error, null);
    }

    /** The rows of this result that an earlier attempt of the run committed. */
    public long resumedRows() {
        return tables.stream().mapToLong(TableResult::resumed).sum();
    }

    /** A run that stopped before it moved any row, for {@code reason}. */
    public static MigrationResult stopped(String migration, String script, String source, String target, boolean dryRun,
                                          Instant started, String reason) {
        return new MigrationResult(migration, script, source, target, dryRun, started, Instant.now(), List.of(), List.of(), reason);
    }

    public boolean succeeded() {
        return error == null && tables.stream().allMatch(t -> t.status() == TableResult.Status.DONE);
    }

    public double seconds() {
        return (finished.toEpochMilli() - started.toEpochMilli()) / 1000.0;
    }
}
