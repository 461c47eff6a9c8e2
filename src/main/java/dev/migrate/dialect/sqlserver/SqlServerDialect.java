package dev.migrate.dialect.sqlserver;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;

import dev.migrate.dialect.AbstractDialect;
import dev.migrate.dialect.Role;
import dev.migrate.schema.ColumnInfo;
import dev.migrate.schema.TableInfo;
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
            // keys and NULLs arrive as they are in the source, not as the table would number or default them
            p.setProperty("bulkCopyForBatchInsertKeepIdentity", "true");
            p.setProperty("bulkCopyForBatchInsertKeepNulls", "true");
            // bulk copy skips CHECK and foreign-key constraints unless told otherwise; nothing may slip past them
            p.setProperty("bulkCopyForBatchInsertCheckConstraints", "true");
        }
        return p;
    }

    @Override
    public void resetIdentities(Connection connection, TableInfo table, String qualifiedTable) throws SQLException {
        if (table.columns().stream().anyMatch(ColumnInfo::autoIncrement)) {
            try (Statement statement = connection.createStatement()) {
                // RESEED without a value sets the identity to the largest value in the column
                statement.execute("DBCC CHECKIDENT ('" + qualifiedTable.replace("'", "''") + "', RESEED)");
            }
        }
    }

    @Override
    protected String mergeTerminator() {
        return ";";
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
