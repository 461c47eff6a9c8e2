package dev.migrate.dialect;

/** Which side of a migration a connection pool serves. */
public enum Role {
    /** Read only, streaming. */
    SOURCE,
    /** Written in transactions, one per partition. */
    TARGET
}
