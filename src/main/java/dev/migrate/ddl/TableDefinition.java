package dev.migrate.ddl;

import java.util.List;

import dev.migrate.schema.ForeignKeyInfo;
import dev.migrate.schema.IndexInfo;

/** A table to create in the target, in neutral terms, with the keys and indexes it gets after its load. */
public record TableDefinition(String name, List<ColumnDefinition> columns, List<String> primaryKey,
                              List<IndexInfo> indexes, List<ForeignKeyInfo> foreignKeys) {

    public TableDefinition {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        indexes = List.copyOf(indexes);
        foreignKeys = List.copyOf(foreignKeys);
    }
}
