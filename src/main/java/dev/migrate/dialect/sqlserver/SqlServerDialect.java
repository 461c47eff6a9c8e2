package dev.migrate.dialect.sqlserver;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import dev.migrate.dialect.AbstractDialect;
import dev.migrate.dialect.LockNames;
import dev.migrate.dialect.LockRows;
import dev.migrate.dialect.NameRules;
import dev.migrate.dialect.NameRules.Refused;
import dev.migrate.dialect.Role;
import dev.migrate.schema.ColumnInfo;
import dev.migrate.schema.TableInfo;
import dev.migrate.transfer.RowWriter;
import dev.migrate.transfer.ValueKind;
import dev.migrate.transfer.WriteTarget;

/**
 * SQL Server: rows go in through the driver's bulk copy API (merges and rows checked one by one through JDBC
 * batches); reads use adaptive buffering so a large result never sits in memory. Foreign-key checks cannot
 * be turned off for a session.
 */
public final class SqlServerDialect extends AbstractDialect {

    public SqlServerDialect() {
        super("SQL Server", "jdbc:sqlserver:");
    }

    /** Names are {@code sysname}, {@code nvarchar(128)}: up to 128 UTF-16 characters. */
    @Override
    public NameRules nameRules() {
        return NameRules.utf16Units(128).refusing(Refused.EMPTY, Refused.NUL);
    }

    @Override
    public Properties driverProperties(Role role) {
        Properties p = new Properties();
        if (role == Role.SOURCE) {
            p.setProperty("responseBuffering", "adaptive");
            p.setProperty("selectMethod", "direct");
        } else {
            // batches of INSERTs (the fallback) go to the server as one round trip each
            p.setProperty("useBulkCopyForBatchInsert", "false");
        }
        return p;
    }

    @Override
    public RowWriter openWriter(Connection connection, WriteTarget target) throws SQLException {
        return target.merges() ? super.openWriter(connection, target) : new SqlServerBulkWriter(connection, target);
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

    /** An application lock owned by the session ({@code sp_getapplock}): freed when the session ends. */
    @Override
    public Optional<AutoCloseable> tryLock(Connection session, String name, LockRows rows) throws SQLException {
        String resource = LockNames.shortName(name, 255);
        try (CallableStatement call = session.prepareCall(APPLOCK)) {
            call.registerOutParameter(1, Types.INTEGER);
            call.setString(2, resource);
            call.execute();
            // 0 granted, 1 granted after waiting; negative: not granted
            if (call.getInt(1) < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(() -> {
            try (CallableStatement release = session.prepareCall(APPLOCK_RELEASE)) {
                release.setString(1, resource);
                release.execute();
            }
        });
    }

    static final String APPLOCK = "{? = call sp_getapplock(?, 'Exclusive', 'Session', 0)}";
    static final String APPLOCK_RELEASE = "{call sp_releaseapplock(?, 'Session')}";

    @Override
    public boolean supportsDdlTransactions() {
        return true;
    }
}
