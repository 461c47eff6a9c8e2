package dev.migrate.types;

import dev.migrate.transfer.ValueKind;

/** The declared types every database has some form of. */
public enum TypeKind {
    BOOLEAN(ValueKind.BOOLEAN),
    SMALLINT(ValueKind.INTEGER),
    INTEGER(ValueKind.INTEGER),
    BIGINT(ValueKind.BIGINT),
    DECIMAL(ValueKind.DECIMAL),
    REAL(ValueKind.REAL),
    DOUBLE(ValueKind.DOUBLE),
    CHAR(ValueKind.TEXT),
    VARCHAR(ValueKind.TEXT),
    TEXT(ValueKind.TEXT),
    BINARY(ValueKind.BINARY),
    VARBINARY(ValueKind.BINARY),
    BLOB(ValueKind.BINARY),
    DATE(ValueKind.DATE),
    TIME(ValueKind.TIME),
    TIMESTAMP(ValueKind.TIMESTAMP),
    TIMESTAMP_TZ(ValueKind.TIMESTAMP_TZ),
    UUID(ValueKind.UUID),
    JSON(ValueKind.JSON),
    /** A type with no neutral form; kept as its text. */
    OTHER(ValueKind.OTHER);

    private final ValueKind valueKind;

    TypeKind(ValueKind valueKind) {
        this.valueKind = valueKind;
    }

    /** What values of this type are at run time. */
    public ValueKind valueKind() {
        return valueKind;
    }

    public boolean isInteger() {
        return this == SMALLINT || this == INTEGER || this == BIGINT;
    }

    public boolean isCharacter() {
        return this == CHAR || this == VARCHAR || this == TEXT;
    }

    public boolean isBinary() {
        return this == BINARY || this == VARBINARY || this == BLOB;
    }
}
