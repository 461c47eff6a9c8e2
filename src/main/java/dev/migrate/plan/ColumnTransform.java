package dev.migrate.plan;

/**
 * What a script says about one target column, and where: code that computes its value, or a declared rule
 * (a value map, a lookup, a default). Exactly one of {@code transform} and {@code rule} is set.
 */
public record ColumnTransform(String column, ValueTransform transform, ValueRule rule, ScriptLocation location) {

    public ColumnTransform(String column, ValueTransform transform, ScriptLocation location) {
        this(column, transform, null, location);
    }

    public static ColumnTransform rule(String column, ValueRule rule, ScriptLocation location) {
        return new ColumnTransform(column, null, rule, location);
    }
}
