package dev.migrate.schema;

import java.io.Serializable;

/**
 * One column of a table as the database declares it.
 *
 * @param jdbcType      a {@link java.sql.Types} constant
 * @param typeName      the database's own type name ({@code timestamptz}, {@code DATETIME}, {@code jsonb})
 * @param size          length or precision
 * @param scale         digits after the decimal point
 * @param generated     computed by the database: never written
 * @param defaultValue  the column's default as the database shows it, or null
 * @param declaredType  the full declared type where the database tells more than JDBC does
 *                      ({@code tinyint(1)}, {@code enum('a','b')} on MySQL), or null
 * @param characterSet  the character set a text column stores its text in, where the database has one per column
 *                      ({@code cp1250} on MySQL), or null
 */
public record ColumnInfo(String name, int jdbcType, String typeName, int size, int scale, boolean nullable,
                         boolean autoIncrement, boolean generated, String defaultValue, String declaredType, String characterSet)
        implements Serializable {

    public ColumnInfo(String name, int jdbcType, String typeName, int size, int scale, boolean nullable,
                      boolean autoIncrement, boolean generated, String defaultValue, String declaredType) {
        this(name, jdbcType, typeName, size, scale, nullable, autoIncrement, generated, defaultValue, declaredType, null);
    }

    public ColumnInfo(String name, int jdbcType, String typeName, int size, int scale, boolean nullable,
                      boolean autoIncrement, boolean generated) {
        this(name, jdbcType, typeName, size, scale, nullable, autoIncrement, generated, null, null, null);
    }

    public ColumnInfo withName(String newName) {
        return new ColumnInfo(newName, jdbcType, typeName, size, scale, nullable, autoIncrement, generated, defaultValue, declaredType);
    }

    public ColumnInfo withDeclaredType(String declared) {
        return new ColumnInfo(name, jdbcType, typeName, size, scale, nullable, autoIncrement, generated, defaultValue, declared, characterSet);
    }

    public ColumnInfo withCharacterSet(String charset) {
        return new ColumnInfo(name, jdbcType, typeName, size, scale, nullable, autoIncrement, generated, defaultValue, declaredType, charset);
    }

    public String describeType() {
        return typeName + (size > 0 && size < Integer.MAX_VALUE ? "(" + size + (scale > 0 ? "," + scale : "") + ")" : "");
    }
}
