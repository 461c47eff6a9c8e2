package dev.migrate.engine;

import java.time.Instant;
import java.util.List;

/**
 * How a whole run went: one result per table, in load order.
 *
 * @param cycles the foreign-key cycles found, each as {@code a -> b -> a}; they were loaded with checks off
 * @param error  why the run as a whole failed, where no table says it (it stopped before the load, or building
 *               keys after it failed); null otherwise
 */
public record MigrationResult(String migration, String script, String source, String target, boolean dryRun,
                              Instant started, Instant finished, List<TableResult> tables, List<String> cycles, String error) {

    public MigrationResult {
        tables = List.copyOf(tables);
        cycles = List.copyOf(cycles);
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
