package dev.migrate.plan;

/** How rows reach a target table. */
public enum WriteMode {
    /** Append the rows; a duplicate key fails the partition. */
    INSERT,
    /** Insert new rows, update the ones whose key is already there (the primary key, or the table's declared key). */
    MERGE,
    /** Empty every target table of the run first (children before parents), then insert. */
    TRUNCATE_INSERT
}
