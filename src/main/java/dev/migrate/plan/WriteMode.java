package dev.migrate.plan;

/** How rows reach a target table. */
public enum WriteMode {
    /** Append the rows; a duplicate key fails the partition. */
    INSERT,
    /** Empty every target table of the run first (children before parents), then insert. */
    TRUNCATE_INSERT
}
