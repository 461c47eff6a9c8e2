package dev.migrate.schema;

import java.io.Serializable;
import java.util.List;

/** A foreign key: {@code table(columns)} references {@code referencedTable(referencedColumns)}. */
public record ForeignKeyInfo(String name, String table, List<String> columns, String referencedTable,
                             List<String> referencedColumns) implements Serializable {

    public ForeignKeyInfo {
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
    }
}
