package dev.migrate.dialect.postgresql;

import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Properties;

import org.postgresql.PGConnection;

import dev.migrate.dialect.AbstractDialect;
import dev.migrate.dialect.Connections;
import dev.migrate.dialect.ReadSnapshot;
import dev.migrate.dialect.ConstraintChecks;
import dev.migrate.dialect.Dialect;
import dev.migrate.dialect.LockNames;
import dev.migrate.dialect.LockRows;
import dev.migrate.dialect.NameRules;
import dev.migrate.dialect.NameRules.Refused;
import dev.migrate.dialect.Role;
import dev.migrate.schema.ColumnInfo;
import dev.migrate.schema.TableInfo;
import dev.migrate.transfer.RowStream;
import dev.migrate.transfer.RowWriter;
import dev.migrate.transfer.JdbcBatchWriter;
import dev.migrate.transfer.SourceCursor;
import dev.migrate.transfer.Utf8Text;
import dev.migrate.transfer.ValueConverter;
import dev.migrate.transfer.ValueKind;
import dev.migrate.transfer.ValueReader;
import dev.migrate.transfer.ValueReaders;
import dev.migrate.transfer.WriteTarget;

/** PostgreSQL: streams reads with a cursor (autocommit off), writes through {@code COPY ... FROM STDIN}. */
public final class PostgresDialect extends AbstractDialect {

    public PostgresDialect() {
        super("PostgreSQL", "jdbc:postgresql:");
    }

    /** Names of up to 63 bytes (NAMEDATALEN - 1) in the database's encoding, UTF-8 here; a longer one is cut with only a notice. */
    @Override
    public NameRules nameRules() {
        return NameRules.utf8Bytes(63).cuttingLongerNames().refusing(Refused.EMPTY, Refused.NUL);
    }

    @Override
    public Optional<String> maintenanceUrl(String jdbcUrl) {
        return Optional.of(jdbcUrl.replaceFirst("^(jdbc:postgresql://[^/?]*/)[^?]*", "$1postgres"));
    }

    @Override
    public String databaseExistsQuery() {
        return "SELECT 1 FROM pg_database WHERE datname = ?";
    }

    @Override
    public Properties driverProperties(Role role) {
        Properties p = new Properties();
        p.setProperty("ApplicationName", "migrate");
        if (role == Role.SOURCE) {
            // read-only is enforced by the server inside the transaction a streaming read opens
            p.setProperty("readOnlyMode", "always");
            // a SQL_ASCII database is read in its own encoding (see prepareStreamingRead)
            p.setProperty("allowEncodingChanges", "true");
        } else {
            p.setProperty("reWriteBatchedInserts", "true");
        }
        return p;
    }

    /**
     * A SQL_ASCII database stores bytes unchecked, and the server refuses to send ones that are not UTF-8 to a UTF8
     * client, failing the whole read: such a database is read as it stores its text, each value checked on its own.
     */
    @Override
    public void prepareStreamingRead(Connection connection) throws SQLException {
        super.prepareStreamingRead(connection);
        if ("SQL_ASCII".equals(connection.unwrap(PGConnection.class).getParameterStatus("server_encoding"))) {
            try (Statement s = connection.createStatement()) {
                s.execute("SET LOCAL client_encoding = 'SQL_ASCII'");
            }
        }
    }

    @Override
    public ValueReader reader(ColumnInfo column) {
        ValueKind kind = kindOf(column);
        // intervals, arrays, network and range types keep their exact text form, which COPY takes back
        return switch (kind) {
            case TEXT, JSON, OTHER -> (rs, i) -> ValueReaders.checkedText(rs, i, rs.getString(i));
            default -> ValueReaders.forKind(kind);
        };
    }

    /** PostgreSQL stores text as UTF-8, without NUL. */
    @Override
    public ValueConverter converter(ValueKind kind, ZoneId zone) {
        return Utf8Text.converter(kind, zone, name(), false);
    }

    /** Numbers print exactly (floats in their shortest exact form), dates and date-times in ISO form. */
    @Override
    public boolean textIsExact(ValueKind kind) {
        return switch (kind) {
            case DECIMAL, DOUBLE, REAL, DATE, TIMESTAMP -> true;
            default -> false;
        };
    }

    /** COPY parses every value from text; these kinds are the ones worth not decoding on the way. */
    @Override
    public boolean readsText(ValueKind kind) {
        return textIsExact(kind);
    }

    /** {@code COPY (SELECT ...) TO STDOUT}, when every column is of a type whose COPY text is decoded ({@code copy.text}). */
    @Override
    public Optional<SourceCursor> openExport(Connection connection, String select, List<ColumnInfo> columns,
                                                                  boolean[] asPrinted) throws SQLException {
        if (!columns.stream().allMatch(c -> types().names("copy.text").contains(c.typeName().toLowerCase(Locale.ROOT)))) {
            return Optional.empty();
        }
        return Optional.of(PostgresCopySource.open(connection, select, columns.stream().map(this::kindOf).toList(), asPrinted));
    }

    /** From PostgreSQL to PostgreSQL, one COPY streams into the other. */
    @Override
    public Optional<String> canonicalText(String c, ValueKind kind) {
        return Optional.ofNullable(switch (kind) {
            case INTEGER, BIGINT, UUID -> c + "::text";
            case DECIMAL -> "trim_scale(" + c + ")::text";
            case REAL, DOUBLE -> c + "::float8::text";
            case TEXT -> c + "::text";
            case BOOLEAN -> "CASE WHEN " + c + " THEN '1' ELSE '0' END";
            case DATE -> "to_char(" + c + ", 'YYYY-MM-DD')";
            case TIMESTAMP -> "to_char(" + c + ", 'YYYY-MM-DD HH24:MI:SS.US')";
            case TIMESTAMP_TZ -> "to_char(" + c + " AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')";
            case BINARY -> "encode(" + c + ", 'hex')";
            default -> null;
        });
    }

    /** Integers, dates, times without fraction and decimals of a declared scale print as the canonical form says. */
    @Override
    public Optional<String> plainText(ColumnInfo column, String c, ValueKind kind) {
        return Optional.ofNullable(switch (kind) {
            case INTEGER, BIGINT, DECIMAL, DATE, TIMESTAMP, TEXT -> c + "::text";
            case DOUBLE -> c + "::float8::text";
            default -> null;
        });
    }

    @Override
    public long copyIn(Connection connection, String copy, Reader rows) throws SQLException {
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, rows);
        } catch (IOException e) {
            throw new SQLException("reading the rows of " + copy + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    @Override
    public Optional<String> rowDigest(List<String> texts, List<ValueKind> kinds) {
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            row.append(i == 0 ? "" : " || '|' || ").append(kinds.get(i) == ValueKind.TEXT
                    ? "COALESCE(octet_length(" + t + ")::text || ':' || " + t + ", 'n')" : "COALESCE(" + t + ", 'n')");
        }
        return Optional.of("COUNT(*), COALESCE(SUM(('x' || substr(md5(" + row + "), 1, 15))::bit(60)::bigint), 0)");
    }

    /**
     * The row hashed to 64 bits by the server's own hash of each value's type ({@code hash_record_extended}, of
     * PostgreSQL 14: the hashes hash partitioning keeps stable across versions), no value printed as text; where a
     * column's type has no hash (json, point) or the server is older, the row's own text (which tells NULL from '')
     * hashed by {@code hashtextextended}. Summed as numeric.
     */
    @Override
    public List<String> nativeRowDigests(List<String> quotedColumns) {
        String row = "ROW(" + String.join(", ", quotedColumns) + ")";
        return List.of("COUNT(*), COALESCE(SUM(hash_record_extended(" + row + ", 0)), 0)",
                "COUNT(*), COALESCE(SUM(hashtextextended(" + row + "::text, 0)), 0)");
    }

    @Override
    public String byteOrder(String quotedColumn, ValueKind kind) {
        return kind == ValueKind.TEXT ? quotedColumn + " COLLATE \"C\"" : quotedColumn;
    }

    @Override
    public Optional<ReadSnapshot> snapshot(Connections pool, int readers) throws SQLException {
        return Optional.of(PostgresSnapshot.export(pool));
    }

    @Override
    public Optional<ReadSnapshot> joinSnapshot(Connections pool, String name) {
        return Optional.of(PostgresSnapshot.join(pool, name));
    }

    @Override
    public Optional<RowStream> streamTo(Dialect target) {
        return target instanceof PostgresDialect ? Optional.of(PostgresStream.INSTANCE) : Optional.empty();
    }

    @Override
    public boolean primaryKeyAfterLoad() {
        return true;
    }

    /**
     * Index builds sort in {@code maintenance_work_mem}; the server's default (64 MB) sends a few million keys
     * to disk. 256 MB sorts them in memory (about a third faster), unless the server is set higher already.
     */
    @Override
    public List<String> indexBuildSession() {
        return List.of("SELECT set_config('maintenance_work_mem', '262144kB', false) FROM pg_settings"
                + " WHERE name = 'maintenance_work_mem' AND setting::bigint < 262144");
    }

    @Override
    public boolean buildsTablesConcurrently() {
        return true;
    }

    @Override
    public List<String> indexBuildSessionReset() {
        return List.of("RESET maintenance_work_mem");
    }

    @Override
    public RowWriter openWriter(Connection connection, WriteTarget target) throws SQLException {
        return new PostgresCopyWriter(connection, target, false);
    }

    /** Each batch a COPY of its own; merges, whose rows meet the table's constraints only in the final upsert, through JDBC batches. */
    @Override
    public RowWriter openStatementWriter(Connection connection, WriteTarget target) throws SQLException {
        return target.merges() ? openBatchWriter(connection, target) : new PostgresCopyWriter(connection, target, true);
    }

    @Override
    public String upsert(WriteTarget target) {
        return JdbcBatchWriter.insert(target) + onConflict(target);
    }

    @Override
    public Optional<ConstraintChecks> constraintChecks() {
        // replica mode skips the triggers that enforce foreign keys, for this session only (needs superuser)
        return Optional.of(ConstraintChecks.session(
                List.of("SET session_replication_role = replica"),
                List.of("SET session_replication_role = DEFAULT")));
    }

    @Override
    public void resetIdentities(Connection connection, TableInfo table, String qualifiedTable) throws SQLException {
        for (ColumnInfo column : table.columns()) {
            if (!column.autoIncrement()) {
                continue;
            }
            String sql = "SELECT setval(pg_get_serial_sequence(?, ?), MAX(" + quote(column.name()) + ")) FROM " + qualifiedTable
                    + " HAVING MAX(" + quote(column.name()) + ") IS NOT NULL";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, qualifiedTable);
                statement.setString(2, column.name());
                statement.execute();
            }
        }
    }

    @Override
    public String hintFor(String message) {
        if (message != null && message.contains("session_replication_role")) {
            return " (tables that reference each other are loaded with foreign-key checks off, which PostgreSQL allows"
                    + " a superuser only: run as one, or drop those foreign keys in a before { } hook and add them back in after { })";
        }
        return "";
    }

    /** {@code pg_class.reltuples}: what the last ANALYZE or VACUUM counted; -1 when there was none. */
    @Override
    public OptionalLong estimatedRows(Connection connection, TableInfo table) throws SQLException {
        return positiveNumber(connection, "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(?)", qualify(table));
    }

    /** Whole pages picked at random (TABLESAMPLE SYSTEM): a large table is sampled without reading it all. */
    @Override
    public Optional<String> quickKeySample(String table, String quotedKey, String filter, long rows, int wanted) {
        if (rows < 20L * wanted) {
            return Optional.empty();
        }
        return Optional.of("SELECT " + quotedKey + " FROM " + table + " TABLESAMPLE SYSTEM (" + String.format(Locale.ROOT, "%.6f",
                100.0 * wanted / rows) + ") WHERE " + quotedKey + " IS NOT NULL" + (filter == null ? "" : " AND (" + filter + ")")
                + " ORDER BY " + quotedKey);
    }

    @Override
    public Optional<String> rowLocator() {
        return Optional.of("ctid");
    }

    @Override
    public OptionalLong pages(Connection connection, TableInfo table) throws SQLException {
        return positiveNumber(connection, "SELECT pg_relation_size(to_regclass(?)) / current_setting('block_size')::bigint", qualify(table));
    }

    @Override
    public OptionalDouble physicalOrder(Connection connection, TableInfo table, String column) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT s.correlation FROM pg_stats s JOIN pg_class c ON c.relname = s.tablename"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = s.schemaname WHERE c.oid = to_regclass(?) AND s.attname = ?")) {
            statement.setString(1, qualify(table));
            statement.setString(2, column);
            try (ResultSet rs = statement.executeQuery()) {
                if (rs.next()) {
                    double correlation = rs.getDouble(1);
                    return rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(correlation);
                }
                return OptionalDouble.empty();
            }
        }
    }

    @Override
    public String pageBound(long page) {
        return "'(" + page + ",0)'::tid";
    }

    /** An escape string: it reads the same whatever standard_conforming_strings says. */
    @Override
    public String textLiteral(String text) {
        return "E'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** Sent untyped, so that PostgreSQL reads it as the type of the column it is compared with (uuid, date, text). */
    @Override
    public void bindText(PreparedStatement statement, int index, String text) throws SQLException {
        statement.setObject(index, text, Types.OTHER);
    }

    /** {@code pg_table_size}: the table with its TOAST table, where values of more than about 2 KB are kept. */
    @Override
    public OptionalLong estimatedBytes(Connection connection, TableInfo table) throws SQLException {
        return positiveNumber(connection, "SELECT pg_table_size(to_regclass(?))", qualify(table));
    }

    /**
     * One TRUNCATE of all of them, so that tables referencing each other can go together; without CASCADE, so
     * that PostgreSQL refuses rather than empties a table the run does not name.
     */
    @Override
    public List<String> emptyTables(List<String> qualifiedTables) {
        return List.of("TRUNCATE TABLE " + String.join(", ", qualifiedTables));
    }

    /** A session advisory lock, keyed by the name's hash: the server frees it when the session ends, however it ends. */
    @Override
    public Optional<AutoCloseable> tryLock(Connection session, String name, LockRows rows) throws SQLException {
        long key = LockNames.hash64(name);
        try (PreparedStatement statement = session.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            statement.setLong(1, key);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(() -> {
            try (PreparedStatement unlock = session.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, key);
                unlock.execute();
            }
        });
    }

    @Override
    public boolean supportsDdlTransactions() {
        return true;
    }
}
