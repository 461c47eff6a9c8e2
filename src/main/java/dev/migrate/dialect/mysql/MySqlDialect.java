package dev.migrate.dialect.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.migrate.dialect.AbstractDialect;
import dev.migrate.dialect.Connections;
import dev.migrate.dialect.ReadSnapshot;
import dev.migrate.dialect.SessionSnapshot;
import dev.migrate.dialect.ConstraintChecks;
import dev.migrate.dialect.LockNames;
import dev.migrate.dialect.LockRows;
import dev.migrate.dialect.NameKind;
import dev.migrate.dialect.NameRules;
import dev.migrate.dialect.NameRules.Refused;
import dev.migrate.dialect.Role;
import dev.migrate.schema.ColumnInfo;
import dev.migrate.schema.IndexInfo;
import dev.migrate.schema.SchemaSnapshot;
import dev.migrate.schema.TableInfo;
import dev.migrate.transfer.RowWriter;
import dev.migrate.transfer.TargetColumn;
import dev.migrate.transfer.WriteTarget;
import dev.migrate.transfer.Utf8Text;
import dev.migrate.transfer.ValueConverter;
import dev.migrate.transfer.ValueKind;
import dev.migrate.transfer.ValueReader;

/**
 * MySQL and MariaDB, both through Connector/J: streaming reads (one row at a time off the wire),
 * batched inserts rewritten into multi-row statements, every session in UTC so instants survive.
 */
public final class MySqlDialect extends AbstractDialect {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");

    public MySqlDialect() {
        super("MySQL", "jdbc:mysql:");
    }

    /** Names of up to 64 characters of the Basic Multilingual Plane, not ending in a space; a table's also name its files. */
    @Override
    public NameRules nameRules() {
        return NameRules.characters(64).refusing(Refused.EMPTY, Refused.NUL, Refused.TRAILING_SPACE, Refused.OUTSIDE_BMP);
    }

    @Override
    public Optional<String> nameProblem(NameKind kind, String name) {
        Optional<String> problem = super.nameProblem(kind, name);
        return problem.isPresent() || kind != NameKind.TABLE ? problem : TableFileName.problem(name(), name);
    }

    @Override
    public boolean handles(String jdbcUrl) {
        return super.handles(jdbcUrl) || jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:mariadb:");
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:mysql:", "jdbc:mariadb:");
    }

    /** The server itself, no database selected. */
    @Override
    public Optional<String> maintenanceUrl(String jdbcUrl) {
        return Optional.of(jdbcUrl.replaceFirst("^(jdbc:[a-z]+://[^/?]*/)[^?]*", "$1"));
    }

    @Override
    public String databaseExistsQuery() {
        return "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?";
    }

    @Override
    public String driverUrl(String jdbcUrl) {
        return jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:mariadb:") ? "jdbc:mysql:" + jdbcUrl.substring("jdbc:mariadb:".length()) : jdbcUrl;
    }

    @Override
    public Properties driverProperties(Role role) {
        Properties p = new Properties();
        p.setProperty("characterEncoding", "UTF-8");
        // text comes converted by the server, which knows its character sets (see MySqlReads)
        p.setProperty("characterSetResults", "UTF-8");
        p.setProperty("connectionTimeZone", "UTC");
        p.setProperty("forceConnectionTimeZoneToSession", "true");
        // TINYINT(1) is a small integer to MySQL; it becomes a boolean only where the target column is one
        p.setProperty("tinyInt1isBit", "false");
        p.setProperty("yearIsDateType", "false");
        if (role == Role.TARGET) {
            p.setProperty("rewriteBatchedStatements", "true");
            p.setProperty("allowLoadLocalInfile", "true");
            p.setProperty("cachePrepStmts", "true");
            p.setProperty("useServerPrepStmts", "false");
        } else {
            p.setProperty("useCursorFetch", "false");
        }
        return p;
    }

    /**
     * MySQL's driver makes a read-only connection's session read-only only on servers it believes are MySQL 5.6.5 or
     * newer; MariaDB 10 introduces itself as 5.5.5, so a source says it itself.
     */
    @Override
    public String connectionInitSql(Role role) {
        return role == Role.SOURCE ? "SET SESSION TRANSACTION READ ONLY" : null;
    }

    @Override
    public String defaultSchema(Connection connection) throws SQLException {
        return connection.getCatalog();
    }

    /**
     * Inserts go through LOAD DATA LOCAL INFILE when the server takes local data (MariaDB's default), else
     * through rewritten batches; merges always through batches.
     */
    @Override
    public RowWriter openWriter(Connection connection, WriteTarget target) throws SQLException {
        if (target.merges() || !localInfile(connection)) {
            return super.openWriter(connection, target);
        }
        return new MySqlLoadWriter(connection, target, false);
    }

    /** Each batch a LOAD DATA of its own where the streaming writer would load, else JDBC batches. */
    @Override
    public RowWriter openStatementWriter(Connection connection, WriteTarget target) throws SQLException {
        if (target.merges() || !localInfile(connection)) {
            return openBatchWriter(connection, target);
        }
        return new MySqlLoadWriter(connection, target, true);
    }

    /** Whether each server takes local data, asked once per server rather than once per partition. */
    private final Map<String, Boolean> localInfile = new ConcurrentHashMap<>();

    private boolean localInfile(Connection connection) throws SQLException {
        String server = connection.getMetaData().getURL();
        Boolean known = localInfile.get(server);
        if (known != null) {
            return known;
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT @@GLOBAL.local_infile")) {
            boolean allowed = rs.next() && rs.getInt(1) == 1;
            localInfile.put(server, allowed);
            return allowed;
        }
    }

    /**
     * Numbers print exactly. Dates do not count: a zero date prints as {@code 0000-00-00}, which the driver
     * refuses with advice when it decodes it.
     */
    @Override
    public boolean textIsExact(ValueKind kind) {
        return switch (kind) {
            case DECIMAL, DOUBLE, REAL -> true;
            default -> false;
        };
    }

    /** LOAD DATA (and, when local data is off, a bound string) is parsed by the server. */
    @Override
    public boolean readsText(ValueKind kind) {
        return switch (kind) {
            case DECIMAL, DOUBLE, REAL, DATE, TIMESTAMP -> true;
            default -> false;
        };
    }

    /** MySQL matches a row on every unique key it has, which the merge key is one of. */
    @Override
    public String upsert(WriteTarget target) {
        List<String> updated = target.updatedColumns().isEmpty() ? target.mergeKey() : target.updatedColumns();
        return "INSERT INTO " + target.qualifiedName() + " (" + target.columnList() + ") VALUES (" + target.placeholders()
                + ") ON DUPLICATE KEY UPDATE " + String.join(", ", updated.stream().map(c -> c + " = VALUES(" + c + ")").toList());
    }

    @Override
    public boolean defaultsAreBareValues() {
        return true;
    }

    @Override
    public boolean schemaIsCatalog() {
        return true;
    }

    @Override
    public String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }

    @Override
    public String qualify(TableInfo table) {
        return quote(table.name());
    }

    @Override
    public Optional<String> canonicalText(String c, ValueKind kind) {
        String text = "CAST(" + c + " AS CHAR)";
        return Optional.ofNullable(switch (kind) {
            case INTEGER, BIGINT, UUID, REAL, DOUBLE -> text;
            case BOOLEAN -> "CAST(" + c + " <> 0 AS CHAR)";
            case DECIMAL -> "IF(LOCATE('.', " + text + ") > 0, TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM " + text + ")), " + text + ")";
            case TEXT -> "CONVERT(" + c + " USING utf8mb4)";
            case DATE -> "DATE_FORMAT(" + c + ", '%Y-%m-%d')";
            case TIMESTAMP, TIMESTAMP_TZ -> "DATE_FORMAT(" + c + ", '%Y-%m-%d %H:%i:%s.%f')";
            case BINARY -> "LOWER(HEX(" + c + "))";
            default -> null;
        });
    }

    /**
     * The column itself, which CONCAT prints: integers, doubles, dates, DATETIME without fraction, decimals with their
     * declared places; text as it is where its character set stores UTF-8 (or ASCII), else converted to it.
     */
    @Override
    public Optional<String> plainText(ColumnInfo column, String c, ValueKind kind) {
        return Optional.ofNullable(switch (kind) {
            case INTEGER, BIGINT, DOUBLE, DECIMAL, DATE, TIMESTAMP -> c;
            case TEXT -> UTF8.contains(String.valueOf(column.characterSet())) ? c : "CONVERT(" + c + " USING utf8mb4)";
            default -> null;
        });
    }

    /** Character sets whose bytes are UTF-8's. */
    private static final Set<String> UTF8 = Set.of("utf8mb4", "utf8mb3", "utf8");

    /**
     * The row's terms are UTF-8 already (numbers and dates print in ASCII), so MD5 hashes the row's bytes as they are;
     * OCTET_LENGTH counts bytes under every sql_mode (LENGTH counts characters under ORACLE).
     */
    @Override
    public Optional<String> rowDigest(List<String> texts, List<ValueKind> kinds) {
        StringBuilder row = new StringBuilder("CONCAT(");
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i);
            row.append(i == 0 ? "" : ", '|', ").append(kinds.get(i) == ValueKind.TEXT
                    ? "COALESCE(CONCAT(OCTET_LENGTH(" + t + "), ':', " + t + "), 'n')" : "COALESCE(" + t + ", 'n')");
        }
        row.append(")");
        return Optional.of("COUNT(*), COALESCE(SUM(CAST(CONV(SUBSTR(MD5(" + row + "), 1, 15), 16, 10) AS UNSIGNED)), 0)");
    }

    @Override
    public String byteOrder(String quotedColumn, ValueKind kind) {
        return kind == ValueKind.TEXT ? "CONVERT(" + quotedColumn + " USING utf8mb4) COLLATE utf8mb4_bin" : quotedColumn;
    }

    @Override
    public Optional<ReadSnapshot> snapshot(Connections pool, int readers) throws SQLException {
        return Optional.of(SessionSnapshot.start(pool, readers, new MySqlSnapshot(), "START TRANSACTION WITH CONSISTENT SNAPSHOT"));
    }

    @Override
    public void prepareStreamingRead(Connection connection) {
        // Connector/J streams a forward-only result row by row when the fetch size is Integer.MIN_VALUE
    }

    @Override
    public int streamingFetchSize(int requested) {
        return Integer.MIN_VALUE;
    }

    /**
     * Date-times go to the server as text: Connector/J drops fractional seconds when it takes MariaDB's
     * version string ({@code 5.5.5-10.x}) for a server older than MySQL 5.6.4. Sessions run in UTC, so an
     * instant is written as its UTC wall time.
     */
    @Override
    protected void bind(PreparedStatement statement, int index, Object value, TargetColumn column) throws SQLException {
        if (value instanceof LocalDateTime t) {
            statement.setString(index, DATE_TIME.format(t));
        } else if (value instanceof OffsetDateTime t) {
            statement.setString(index, DATE_TIME.format(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()));
        } else if (value instanceof LocalTime t) {
            statement.setString(index, TIME.format(t));
        } else {
            super.bind(statement, index, value, column);
        }
    }

    /**
     * JDBC metadata cannot tell {@code tinyint(1)}, MySQL's boolean, from other TINYINTs, nor the values of an
     * ENUM; information_schema can.
     */
    @Override
    public SchemaSnapshot enrich(Connection connection, SchemaSnapshot snapshot) throws SQLException {
        Map<String, String> declared = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT table_name, column_name, column_type FROM information_schema.columns WHERE table_schema = ?"
                        + " AND (column_type LIKE 'tinyint(1)%' OR column_type LIKE 'bit(1)%' OR column_type LIKE 'enum(%' OR column_type LIKE 'set(%')")) {
            statement.setString(1, snapshot.schema() != null ? snapshot.schema() : connection.getCatalog());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString(3);
                    declared.put(rs.getString(1) + "." + rs.getString(2),
                            type.startsWith("enum(") || type.startsWith("set(") ? type : type.startsWith("bit") ? "bit(1)" : "tinyint(1)");
                }
            }
        }
        List<TableInfo> tables = snapshot.tables().stream().map(t -> withoutForeignKeyIndexes(t.withColumns(t.columns().stream()
                .map(c -> declared.containsKey(t.name() + "." + c.name()) ? c.withDeclaredType(declared.get(t.name() + "." + c.name())) : c)
                .toList()))).toList();
        return MySqlReads.withCharacterSets(connection, new SchemaSnapshot(snapshot.schema(), tables));
    }

    /** Sessions send text as utf8mb4, which holds NUL. */
    @Override
    public ValueConverter converter(ValueKind kind, ZoneId zone) {
        return Utf8Text.converter(kind, zone, name(), true);
    }

    @Override
    public String selectColumn(ColumnInfo column) {
        return MySqlReads.select(column, quote(column.name()));
    }

    @Override
    public ValueReader reader(ColumnInfo column) {
        return MySqlReads.reader(column, kindOf(column), super.reader(column));
    }

    /** The index InnoDB makes for a foreign key by itself, named after it, is part of the key, not of the schema's design. */
    private static TableInfo withoutForeignKeyIndexes(TableInfo table) {
        List<IndexInfo> indexes = table.indexes().stream()
                .filter(i -> i.unique() || table.foreignKeys().stream().noneMatch(fk -> fk.name() != null
                        && fk.name().equalsIgnoreCase(i.name()) && fk.columns().equals(i.columns())))
                .toList();
        return new TableInfo(table.schema(), table.name(), table.columns(), table.primaryKey(), table.foreignKeys(), indexes);
    }

    /** {@code information_schema.tables.table_rows}: InnoDB's sampled estimate. */
    @Override
    public OptionalLong estimatedRows(Connection connection, TableInfo table) throws SQLException {
        return positiveNumber(connection, "SELECT table_rows FROM information_schema.tables WHERE table_schema = COALESCE(?, DATABASE())"
                + " AND table_name = ?", table.schema(), table.name());
    }

    /** {@code data_length}: InnoDB's clustered index with the pages its long values overflow into. */
    @Override
    public OptionalLong estimatedBytes(Connection connection, TableInfo table) throws SQLException {
        return positiveNumber(connection, "SELECT data_length FROM information_schema.tables WHERE table_schema = COALESCE(?, DATABASE())"
                + " AND table_name = ?", table.schema(), table.name());
    }

    @Override
    public String hintFor(String message) {
        if (message != null && message.contains("Zero date value prohibited")) {
            return " (MySQL zero dates have no value elsewhere; to load them as NULL, say so in the source block:"
                    + " property 'zeroDateTimeBehavior', 'CONVERT_TO_NULL')";
        }
        return "";
    }

    @Override
    public Optional<ConstraintChecks> constraintChecks() {
        return Optional.of(ConstraintChecks.session(List.of("SET FOREIGN_KEY_CHECKS = 0"), List.of("SET FOREIGN_KEY_CHECKS = 1")));
    }

    /** GET_LOCK, under a name of at most 64 characters made from the table's: freed when the session ends. */
    @Override
    public Optional<AutoCloseable> tryLock(Connection session, String name, LockRows rows) throws SQLException {
        String lock = LockNames.shortName(name, 64);
        try (PreparedStatement statement = session.prepareStatement("SELECT GET_LOCK(?, 0)")) {
            statement.setString(1, lock);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next() || rs.getInt(1) != 1) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(() -> {
            try (PreparedStatement release = session.prepareStatement("SELECT RELEASE_LOCK(?)")) {
                release.setString(1, lock);
                release.execute();
            }
        });
    }

    /**
     * DELETE (TRUNCATE would need the DROP privilege), with the checks off, so that rows of a table that reference
     * each other go too: the run has made sure no table outside it references these.
     */
    @Override
    public List<String> emptyTables(List<String> qualifiedTables) {
        List<String> statements = new ArrayList<>(List.of("SET FOREIGN_KEY_CHECKS = 0"));
        qualifiedTables.forEach(t -> statements.add("DELETE FROM " + t));
        statements.add("SET FOREIGN_KEY_CHECKS = 1");
        return statements;
    }
}
