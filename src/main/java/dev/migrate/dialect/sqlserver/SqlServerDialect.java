package dev.migrate.dialect.sqlserver;

import java.util.Locale;
import java.util.Properties;

import dev.migrate.dialect.AbstractDialect;
import dev.migrate.dialect.Role;
import dev.migrate.schema.ColumnInfo;
import dev.migrate.transfer.ValueKind;

/**
 * SQL Server: batched inserts go through the driver's bulk copy API; reads use adaptive buffering so a
 * large result never sits in memory. Foreign-key checks cannot be turned off for a session.
 */
public final class SqlServerDialect extends AbstractDialect {

    public SqlServerDialect() {
        super("SQL Server", "jdbc:sqlserver:");
    }

    @Override
    public Properties driverProperties(Role role) {
        Properties p = new Properties();
        if (role == Role.SOURCE) {
            p.setProperty("responseBuffering", "adaptive");
            p.setProperty("selectMethod", "direct");
        } else {
            p.setProperty("useBulkCopyForBatchInsert", "true");
        }
        return p;
    }

    @Override
    public String quote(String identifier) {
        return '[' + identifier.replace("]", "]]") + ']';
    }

    @Override
    public ValueKind kindOf(ColumnInfo column) {
        String type = column.typeName().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "datetimeoffset" -> ValueKind.TIMESTAMP_TZ;
            case "datetime", "datetime2", "smalldatetime" -> ValueKind.TIMESTAMP;
            case "uniqueidentifier" -> ValueKind.UUID;
            case "bit" -> ValueKind.BOOLEAN;
            case "money", "smallmoney" -> ValueKind.DECIMAL;
            default -> super.kindOf(column);
        };
    }
}
