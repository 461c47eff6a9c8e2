package dev.migrate.ddl;

import java.sql.Types;
import java.util.List;
import java.util.Locale;

import dev.migrate.dialect.Dialect;
import dev.migrate.schema.ColumnInfo;
import dev.migrate.schema.TableInfo;
import dev.migrate.types.DataType;

/**
 * Tables and columns a run is about to create, as the target's catalog will show them once they exist, so
 * that the run can be checked against them before anything is created.
 */
final class PlannedColumns {

    private PlannedColumns() {
    }

    static TableInfo table(TableDefinition definition, String schema, Dialect dialect) {
        List<ColumnInfo> columns = definition.columns().stream().map(c -> of(c, dialect)).toList();
        return new TableInfo(schema, definition.name(), columns, definition.primaryKey(), definition.foreignKeys(), definition.indexes());
    }

    static ColumnInfo of(ColumnDefinition column, Dialect dialect) {
        DataType type = column.type();
        String written = dialect.types().write(type, column.identity()).toLowerCase(Locale.ROOT);
        // the catalog names a type without its length (varchar, not varchar(50)) and without NULL
        String name = written.replaceAll("\\([^)]*\\)", "").replaceAll("\\s+(not\\s+)?null$", "").trim().replaceAll("\\s+", " ");
        int size = switch (type.kind()) {
            case CHAR, VARCHAR, BINARY, VARBINARY -> type.length();
            case DECIMAL -> type.precision();
            default -> 0;
        };
        return new ColumnInfo(column.name(), jdbcType(type), name, size, Math.max(type.scale(), 0), column.nullable(),
                column.identity(), false, column.defaultValue(), written);
    }

    private static int jdbcType(DataType type) {
        return switch (type.kind()) {
            case BOOLEAN -> Types.BOOLEAN;
            case SMALLINT -> Types.SMALLINT;
            case INTEGER -> Types.INTEGER;
            case BIGINT -> Types.BIGINT;
            case DECIMAL -> Types.DECIMAL;
            case REAL -> Types.REAL;
            case DOUBLE -> Types.DOUBLE;
            case CHAR -> Types.CHAR;
            case VARCHAR -> Types.VARCHAR;
            case TEXT -> Types.LONGVARCHAR;
            case BINARY -> Types.BINARY;
            case VARBINARY -> Types.VARBINARY;
            case BLOB -> Types.BLOB;
            case DATE -> Types.DATE;
            case TIME -> Types.TIME;
            case TIMESTAMP -> Types.TIMESTAMP;
            case TIMESTAMP_TZ -> Types.TIMESTAMP_WITH_TIMEZONE;
            case UUID, JSON, OTHER -> Types.OTHER;
        };
    }
}
