package dev.migrate.ddl;

import java.util.List;

import dev.migrate.types.DataType;

/**
 * A column to create: its neutral type, nullability, whether it is an identity, its default (neutral SQL) or
 * null, and the values it allows when it comes from an enumeration (empty otherwise).
 */
public record ColumnDefinition(String name, DataType type, boolean nullable, boolean identity, String defaultValue,
                               List<String> allowedValues) {

    public ColumnDefinition {
        allowedValues = List.copyOf(allowedValues);
    }

    public ColumnDefinition(String name, DataType type, boolean nullable, boolean identity, String defaultValue) {
        this(name, type, nullable, identity, defaultValue, List.of());
    }
}
