package dev.migrate.dialect.oracle;

import java.util.Locale;
import java.util.Properties;

import dev.migrate.dialect.AbstractDialect;
import dev.migrate.dialect.Role;
import dev.migrate.schema.ColumnInfo;
import dev.migrate.transfer.ValueKind;
import dev.migrate.types.DataType;
import dev.migrate.types.TypeKind;

/**
 * Oracle: NUMBER is an integer or a decimal by its scale, DATE carries a time of day; writes are
 * array-bound JDBC batches. Foreign-key checks cannot be turned off for a session.
 */
public final class OracleDialect extends AbstractDialect {

    public OracleDialect() {
        super("Oracle", "jdbc:oracle:");
    }

    @Override
    public Properties driverProperties(Role role) {
        Properties p = new Properties();
        if (role == Role.SOURCE) {
            p.setProperty("defaultRowPrefetch", "5000");
        }
        return p;
    }

    @Override
    public DataType dataType(ColumnInfo column) {
        if (column.typeName().equalsIgnoreCase("NUMBER") && column.scale() == 0 && column.size() > 0 && column.size() <= 18) {
            TypeKind kind = column.size() <= 4 ? TypeKind.SMALLINT : column.size() <= 9 ? TypeKind.INTEGER : TypeKind.BIGINT;
            return new DataType(kind, 0, 0, -1, column.typeName());
        }
        return super.dataType(column);
    }

    @Override
    public ValueKind kindOf(ColumnInfo column) {
        String type = column.typeName().toUpperCase(Locale.ROOT);
        if (type.equals("NUMBER") && column.scale() == 0 && column.size() > 0) {
            return column.size() <= 9 ? ValueKind.INTEGER : column.size() <= 18 ? ValueKind.BIGINT : ValueKind.DECIMAL;
        }
        if (type.equals("DATE")) {
            return ValueKind.TIMESTAMP;
        }
        if (type.contains("WITH TIME ZONE") || type.contains("WITH LOCAL TIME ZONE")) {
            return ValueKind.TIMESTAMP_TZ;
        }
        if (type.equals("RAW") || type.equals("LONG RAW") || type.equals("BLOB")) {
            return ValueKind.BINARY;
        }
        if (type.equals("BINARY_FLOAT")) {
            return ValueKind.REAL;
        }
        if (type.equals("BINARY_DOUBLE")) {
            return ValueKind.DOUBLE;
        }
        return super.kindOf(column);
    }
}
