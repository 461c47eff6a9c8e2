package dev.migrate.dialect;

/** What a name names: some databases hold different names for different objects. */
public enum NameKind {
    TABLE, COLUMN, INDEX, CONSTRAINT
}
