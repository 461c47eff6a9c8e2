package dev.migrate.schema;

import java.util.List;
import java.util.Optional;

/** A table: its columns in order, its primary key and the foreign keys it declares. */
public record TableInfo(String schema, String name, List<ColumnInfo> columns, List<String> primaryKey,
                        List<ForeignKeyInfo> foreignKeys) {

    public TableInfo {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        foreignKeys = List.copyOf(foreignKeys);
    }

    /** The column of that name: the exact name first, then ignoring case. */
    public Optional<ColumnInfo> column(String columnName) {
        return Names.find(columns, ColumnInfo::name, columnName);
    }
}
