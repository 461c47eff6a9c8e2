package dev.migrate.schema;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/** A table: its columns in order, its primary key, the foreign keys it declares and its other indexes. */
public record TableInfo(String schema, String name, List<ColumnInfo> columns, List<String> primaryKey,
                        List<ForeignKeyInfo> foreignKeys, List<IndexInfo> indexes) implements Serializable {

    public TableInfo {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        foreignKeys = List.copyOf(foreignKeys);
        indexes = List.copyOf(indexes);
    }

    public TableInfo(String schema, String name, List<ColumnInfo> columns, List<String> primaryKey, List<ForeignKeyInfo> foreignKeys) {
        this(schema, name, columns, primaryKey, foreignKeys, List.of());
    }

    public TableInfo withColumns(List<ColumnInfo> newColumns) {
        return new TableInfo(schema, name, newColumns, primaryKey, foreignKeys, indexes);
    }

    /** The column of that name: the exact name first, then ignoring case. */
    public Optional<ColumnInfo> column(String columnName) {
        return Names.find(columns, ColumnInfo::name, columnName);
    }
}
