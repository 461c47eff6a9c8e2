package dev.migrate.transfer;

import java.sql.Types;

/**
 * What a column holds, in terms every database shares. Each dialect classifies its own types into these;
 * values move between kinds through {@link ValueConverter}.
 */
public enum ValueKind {
    BOOLEAN, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE, TEXT, BINARY, DATE, TIME, TIMESTAMP, TIMESTAMP_TZ, UUID, JSON, OTHER;

    /** The kind a column of this JDBC type holds when the dialect knows nothing better. */
    public static ValueKind ofJdbcType(int jdbcType) {
        return switch (jdbcType) {
            case Types.BOOLEAN, Types.BIT -> BOOLEAN;
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> INTEGER;
            case Types.BIGINT -> BIGINT;
            case Types.DECIMAL, Types.NUMERIC -> DECIMAL;
            case Types.REAL -> REAL;
            case Types.FLOAT, Types.DOUBLE -> DOUBLE;
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR,
                    Types.NVARCHAR, Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB,
                    Types.SQLXML -> TEXT;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> BINARY;
            case Types.DATE -> DATE;
            case Types.TIME, Types.TIME_WITH_TIMEZONE -> TIME;
            case Types.TIMESTAMP -> TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE -> TIMESTAMP_TZ;
            default -> OTHER;
        };
    }
}
