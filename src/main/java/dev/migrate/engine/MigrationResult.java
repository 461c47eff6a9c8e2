package dev.migrate.engine;

import java.time.Instant;
import java.util.List;

/**
 * How a whole run went: one result per table, in load order.
 *
 * @param cycles the foreign-key cycles found, each as {@code a -> b -> a}; they were loaded with checks off
 */
public record MigrationResult(String migration, String script, String source, String target, boolean dryRun,
                              Instant started, Instant finished, List<TableResult> tables, List<String> cycles) {

    public MigrationResult {
        tables = List.copyOf(tables);
        cycles = List.copyOf(cycles);
    }

    public boolean succeeded() {
        return tables.stream().allMatch(t -> t.status() == TableResult.Status.DONE);
    }

    public double seconds() {
        return (finished.toEpochMilli() - started.toEpochMilli()) / 1000.0;
    }
}
