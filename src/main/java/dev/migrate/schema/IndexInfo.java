package dev.migrate.schema;

import java.io.Serializable;
import java.util.List;

/** An index other than the primary key's: its columns in order, and whether it is unique. */
public record IndexInfo(String name, List<String> columns, boolean unique) implements Serializable {

    public IndexInfo {
        columns = List.copyOf(columns);
    }
}
