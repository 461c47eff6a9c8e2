package dev.migrate.schema;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/** The tables of one schema of one database, as read at the start of a run. */
public record SchemaSnapshot(String schema, List<TableInfo> tables) implements Serializable {

    public SchemaSnapshot {
        tables = List.copyOf(tables);
    }

    /** The table of that name: exact, then in another case, then the one table whose folded name is the same (TrackGenre, track_genre). */
    public Optional<TableInfo> table(String name) {
        Optional<TableInfo> found = Names.find(tables, TableInfo::name, name);
        if (found.isPresent()) {
            return found;
        }
        List<TableInfo> folded = tables.stream().filter(t -> Names.fold(t.name()).equals(Names.fold(name))).toList();
        return folded.size() == 1 ? Optional.of(folded.get(0)) : Optional.empty();
    }

    public List<String> tableNames() {
        return tables.stream().map(TableInfo::name).toList();
    }
}
