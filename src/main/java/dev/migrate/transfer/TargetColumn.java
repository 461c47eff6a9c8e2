package dev.migrate.transfer;

import dev.migrate.schema.ColumnInfo;

/** A target column being written, with the kind of value it holds. */
public record TargetColumn(ColumnInfo info, ValueKind kind) {

    public String name() {
        return info.name();
    }
}
