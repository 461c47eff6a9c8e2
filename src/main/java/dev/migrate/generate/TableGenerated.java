package dev.migrate.generate;

/** What {@code generate} did to one table: rows written, how many of them dirty, how, and in how long. */
public record TableGenerated(String table, long rows, long dirtyRows, String method, double seconds) {
}
