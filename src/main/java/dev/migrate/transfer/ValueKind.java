package dev.migrate.transfer;

/**
 * What a column holds, in terms every database shares. Each dialect classifies its own types into these;
 * values move between kinds through {@link ValueConverter}.
 */
public enum ValueKind {
    BOOLEAN, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE, TEXT, BINARY, DATE, TIME, TIMESTAMP, TIMESTAMP_TZ, UUID, JSON, OTHER;

    /** The kind a column of this JDBC type holds when the dialect knows nothing better. */
    public static ValueKind ofJdbcType(int jdbcType) {
        return switch (jdbcType) {
            case java.sql.Types.BOOLEAN, java.sql.Types.BIT -> BOOLEAN;
            case java.sql.Types.TINYINT, java.sql.Types.SMALLINT, java.sql.Types.INTEGER -> INTEGER;
            case java.sql.Types.BIGINT -> BIGINT;
            case java.sql.Types.DECIMAL, java.sql.Types.NUMERIC -> DECIMAL;
            case java.sql.Types.REAL -> REAL;
            case java.sql.Types.FLOAT, java.sql.Types.DOUBLE -> DOUBLE;
            case java.sql.Types.CHAR, java.sql.Types.VARCHAR, java.sql.Types.LONGVARCHAR, java.sql.Types.NCHAR,
                    java.sql.Types.NVARCHAR, java.sql.Types.LONGNVARCHAR, java.sql.Types.CLOB, java.sql.Types.NCLOB,
                    java.sql.Types.SQLXML -> TEXT;
            case java.sql.Types.BINARY, java.sql.Types.VARBINARY, java.sql.Types.LONGVARBINARY, java.sql.Types.BLOB -> BINARY;
            case java.sql.Types.DATE -> DATE;
            case java.sql.Types.TIME, java.sql.Types.TIME_WITH_TIMEZONE -> TIME;
            case java.sql.Types.TIMESTAMP -> TIMESTAMP;
            case java.sql.Types.TIMESTAMP_WITH_TIMEZONE -> TIMESTAMP_TZ;
            default -> OTHER;
        };
    }
}
