package dev.migrate.schema;

/**
 * One column of a table as the database declares it.
 *
 * @param jdbcType      a {@link java.sql.Types} constant
 * @param typeName      the database's own type name ({@code timestamptz}, {@code DATETIME}, {@code jsonb})
 * @param size          length or precision
 * @param scale         digits after the decimal point
 * @param generated     computed by the database: never written
 */
public record ColumnInfo(String name, int jdbcType, String typeName, int size, int scale, boolean nullable,
                         boolean autoIncrement, boolean generated) {

    public String describeType() {
        return typeName + (size > 0 && size < Integer.MAX_VALUE ? "(" + size + (scale > 0 ? "," + scale : "") + ")" : "");
    }
}
