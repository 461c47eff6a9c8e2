package dev.migrate.plan;

/** What a run may do to the target's tables before it moves rows. It never drops or narrows anything. */
public enum SchemaMode {
    /** Create target tables that do not exist (the default); leave existing ones as they are. */
    CREATE,
    /** Also add the columns existing target tables lack. */
    CREATE_AND_ALTER,
    /** Touch no table: every target table must exist. */
    NONE
}
