package dev.migrate.generate;

import dev.migrate.generate.ColumnDefaults.Meaning;
import dev.migrate.schema.ColumnInfo;
import dev.migrate.transfer.ValueConverter;
import dev.migrate.transfer.ValueKind;

/** One written column of a table being generated, and how its values are made. */
final class Slot {

    final int index;
    final ColumnInfo column;
    final ValueKind kind;
    final ValueConverter converter;
    final int maxLength;
    final Meaning meaning;
    /** The block's code for the column, or null for a default. */
    final ColumnRecipe recipe;
    ValueMaker maker;
    /** Numbered from the table's largest value on: a key the tool keeps unique by counting. */
    boolean numbered;
    long next;
    /** The reference that fills this column, and which of its columns this is; -1 for none. */
    int reference = -1;
    int referencePosition;
    boolean inUniqueKey;
    boolean enumerated;

    Slot(int index, ColumnInfo column, ValueKind kind, ValueConverter converter, ColumnRecipe recipe) {
        this.index = index;
        this.column = column;
        this.kind = kind;
        this.converter = converter;
        this.recipe = recipe;
        this.maxLength = ColumnDefaults.maxLength(column);
        this.meaning = ColumnDefaults.meaning(column.name(), kind);
        this.enumerated = ColumnDefaults.isEnum(column);
    }

    String name() {
        return column.name();
    }

    /** Whether dirt may go into this column: text nobody relies on being exact (no key, no reference, no enum). */
    boolean takesDirt() {
        return kind == ValueKind.TEXT && !inUniqueKey && reference < 0 && !enumerated && !numbered;
    }

    /** Whether a default may leave this column NULL now and then. */
    boolean sometimesNull() {
        return column.nullable() && recipe == null && !inUniqueKey;
    }
}
