package dev.migrate.types;

/**
 * A declared column type in neutral terms.
 *
 * @param length    characters or bytes for CHAR, VARCHAR, BINARY, VARBINARY; 0 when unbounded or unknown
 * @param precision digits for DECIMAL; 0 when unbounded
 * @param scale     digits after the point for DECIMAL, fractional-second digits for TIME and TIMESTAMP; -1 when unknown
 * @param native_   the database's own type name, for messages and for OTHER
 */
public record DataType(TypeKind kind, int length, int precision, int scale, String native_) {

    public static DataType of(TypeKind kind) {
        return new DataType(kind, 0, 0, -1, kind.name());
    }

    public static DataType varchar(int length) {
        return new DataType(TypeKind.VARCHAR, length, 0, -1, "VARCHAR");
    }

    public static DataType decimal(int precision, int scale) {
        return new DataType(TypeKind.DECIMAL, 0, precision, scale, "DECIMAL");
    }

    /** {@code VARCHAR(50)}, {@code DECIMAL(12,2)}, {@code TIMESTAMP(6)}: how the plan shows it. */
    public String describe() {
        return switch (kind) {
            case CHAR, VARCHAR, BINARY, VARBINARY -> kind + (length > 0 ? "(" + length + ")" : "");
            case DECIMAL -> precision > 0 ? "DECIMAL(" + precision + "," + Math.max(scale, 0) + ")" : "DECIMAL";
            case TIME, TIMESTAMP, TIMESTAMP_TZ -> kind + (scale >= 0 ? "(" + scale + ")" : "");
            case OTHER -> native_;
            default -> kind.name();
        };
    }
}
