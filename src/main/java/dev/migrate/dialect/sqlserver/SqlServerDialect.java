package dev.migrate.dialect.sqlserver;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
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

    /** Text in the forms the other databases print; trailing zeros are cut with TRIM(TRAILING ...), of SQL Server 2022. */
    @Override
    public Optional<String> canonicalText(String c, ValueKind kind) {
        String decimal = "CAST(" + c + " AS varchar(60))";
        return Optional.ofNullable(switch (kind) {
            case INTEGER, BIGINT -> "CAST(" + c + " AS varchar(40))";
            case DECIMAL -> "CASE WHEN CHARINDEX('.', " + decimal + ") > 0 THEN TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM " + decimal + ")) ELSE "
                    + decimal + " END";
            case TEXT -> "CAST(" + c + " AS nvarchar(max))";
            case BOOLEAN -> "CAST(" + c + " AS char(1))";
            case DATE -> "CONVERT(char(10), " + c + ", 23)";
            case TIMESTAMP -> "CONVERT(varchar(26), CAST(" + c + " AS datetime2(6)), 121)";
            case TIMESTAMP_TZ -> "CONVERT(varchar(26), CAST(SWITCHOFFSET(" + c + ", '+00:00') AS datetime2(6)), 121)";
            case BINARY -> "LOWER(CONVERT(varchar(max), " + c + ", 2))";
            case UUID -> "LOWER(CAST(" + c + " AS char(36)))";
            default -> null;
        });
    }

    /**
     * MD5 by HASHBYTES over the row's UTF-8 bytes (a UTF-8 collation turns the text into them); its first 60 bits as
     * the other databases take them, from a signed bigint.
     */
    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Override
    public Optional<String> rowDigest(List<String> texts, List<ValueKind> kinds) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            parts.add(kinds.get(i) == ValueKind.TEXT ? "CASE WHEN " + t + " IS NULL THEN N'n' ELSE CONCAT(DATALENGTH(CAST(CAST(" + t
                    + " AS nvarchar(max)) COLLATE Latin1_General_100_BIN2_UTF8 AS varchar(max))), N':', " + t + ") END" : "COALESCE(" + t + ", N'n')");
        }
        String row = "CONCAT(" + String.join(", N'|', ", parts) + (parts.size() == 1 ? ", N''" : "") + ")";
        String first = "CAST(CONVERT(binary(8), HASHBYTES('MD5', CAST(" + row + " COLLATE Latin1_General_100_BIN2_UTF8 AS varchar(max)))) AS bigint)";
        return Optional.of("COUNT_BIG(*), COALESCE(SUM(CAST((" + first + " & 9223372036854775807) / 16 + CASE WHEN " + first
                + " < 0 THEN 576460752303423488 ELSE 0 END AS decimal(38, 0))), 0)");
    }

    @Override
    public String byteOrder(String quotedColumn, ValueKind kind) {
        return kind == ValueKind.TEXT ? "CAST(" + quotedColumn + " AS nvarchar(max)) COLLATE Latin1_General_100_BIN2" : quotedColumn;
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

    @Override
    public String remainder(String expression, long divisor) {
        return "(" + expression + " % " + divisor + ")";
    }
}
