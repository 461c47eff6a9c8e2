package dev.migrate.diff;

/** How much a difference asks of the script. */
public enum Category {
    /** Handled automatically: a table created, a column left to its default. */
    SAFE,
    /** Converted automatically: a widening type change, a text value parsed, a detected rename. */
    TRANSFORMABLE,
    /** Needs a decision in the script: values could be lost or refused. */
    BREAKING
}
