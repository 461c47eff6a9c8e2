package dev.migrate.ddl;

import dev.migrate.types.DataType;

/** A column to create: its neutral type, nullability, whether it is an identity, and its default (neutral SQL) or null. */
public record ColumnDefinition(String name, DataType type, boolean nullable, boolean identity, String defaultValue) {
}
