package dev.migrate.plan;

/** A script's transform of one target column, and where the script declared it. */
public record ColumnTransform(String column, ValueTransform transform, ScriptLocation location) {
}
