package dev.migrate.schema;

import java.util.List;
import java.util.Optional;

/** The tables of one schema of one database, as read at the start of a run. */
public record SchemaSnapshot(String schema, List<TableInfo> tables) {

    public SchemaSnapshot {
        tables = List.copyOf(tables);
    }

    public Optional<TableInfo> table(String name) {
        return Names.find(tables, TableInfo::name, name);
    }

    public List<String> tableNames() {
        return tables.stream().map(TableInfo::name).toList();
    }
}
