package dev.migrate.versions;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.migrate.connect.Database;
import dev.migrate.dialect.Dialect;
import dev.migrate.schema.TableInfo;
import dev.migrate.types.DataType;
import dev.migrate.types.TypeKind;

/**
 * The versions applied to a target, in a table of the tool's own ({@code migrate_history} by default): the columns
 * Flyway's history has, and the rows a data version moved. One row per version applied, undone versions removed.
 */
public final class History {

    public static final String DEFAULT_NAME = "migrate_history";

    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    /** An instant as the history's reports show it: local time, to the second. */
    public static String shown(Instant instant) {
        return instant == null ? "" : SHOWN.format(instant);
    }

    private static final List<String> COLUMNS = List.of("installed_rank", "version", "description", "type", "script", "checksum",
            "installed_by", "installed_on", "execution_time", "rows_moved", "success");

    /**
     * One applied version.
     *
     * @param rank          the order it was applied in, from 1
     * @param version       null for a repeatable one
     * @param executionTime milliseconds
     * @param rows          rows a data version moved, 0 for the others
     */
    public record Entry(int rank, String version, String description, String type, String script, Integer checksum, String installedBy,
                        Instant installedOn, int executionTime, long rows, boolean success) {

        public Version parsedVersion() {
            return version == null ? null : Version.parse(version);
        }

        public boolean repeatable() {
            return version == null;
        }

        public boolean baseline() {
            return "BASELINE".equals(type);
        }
    }

    private final Database target;
    private final Dialect dialect;
    private final String schema;
    private final String name;
    private final String qualified;

    /** @param schema null for the target's own; {@code name} the table's name */
    public History(Database target, String schema, String name) {
        this.target = target;
        this.dialect = target.dialect();
        this.schema = schema == null ? target.schema() : schema;
        this.name = name;
        this.qualified = dialect.qualify(new TableInfo(this.schema, name, List.of(), List.of(), List.of()));
    }

    /** {@code settings.journal}-like text: {@code name} or {@code schema.name}. */
    public static History named(Database target, String table) {
        int dot = table.indexOf('.');
        return dot < 0 ? new History(target, null, table) : new History(target, table.substring(0, dot), table.substring(dot + 1));
    }

    public String qualifiedName() {
        return qualified;
    }

    public String name() {
        return name;
    }

    public boolean exists() throws SQLException {
        try (Connection c = target.connection()) {
            DatabaseMetaData meta = c.getMetaData();
            String catalog = dialect.schemaIsCatalog() ? schema : null;
            String inSchema = dialect.schemaIsCatalog() ? null : schema;
            for (String candidate : new String[] {name, name.toUpperCase(Locale.ROOT)}) {
                try (ResultSet rs = meta.getTables(catalog, inSchema, candidate, null)) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** Creates the table where it is missing. */
    public void create() throws SQLException {
        if (exists()) {
            return;
        }
        String ddl = createStatement();
        try (Connection c = target.connection(); Statement s = c.createStatement()) {
            s.execute(ddl);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            // another run created it at the same moment
            if (!exists()) {
                throw e;
            }
        }
    }

    /** The table's CREATE TABLE. */
    public String createStatement() {
        String[] types = {
                dialect.types().write(DataType.of(TypeKind.INTEGER), false) + " NOT NULL",
                dialect.types().write(DataType.varchar(50), false),
                dialect.types().write(DataType.varchar(200), false) + " NOT NULL",
                dialect.types().write(DataType.varchar(20), false) + " NOT NULL",
                dialect.types().write(DataType.varchar(1000), false) + " NOT NULL",
                dialect.types().write(DataType.of(TypeKind.INTEGER), false),
                dialect.types().write(DataType.varchar(100), false) + " NOT NULL",
                dialect.types().write(DataType.of(TypeKind.TIMESTAMP), false) + " NOT NULL",
                dialect.types().write(DataType.of(TypeKind.INTEGER), false) + " NOT NULL",
                dialect.types().write(DataType.of(TypeKind.BIGINT), false) + " NOT NULL",
                dialect.types().write(DataType.of(TypeKind.BOOLEAN), false) + " NOT NULL"};
        StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(qualified).append(" (");
        for (int i = 0; i < COLUMNS.size(); i++) {
            ddl.append(i == 0 ? "" : ", ").append(dialect.quote(COLUMNS.get(i))).append(' ').append(types[i]);
        }
        return ddl.append(", PRIMARY KEY (").append(dialect.quote("installed_rank")).append("))").toString();
    }

    /** The INSERT that records {@code entry}, its values written out (installed on: the moment it runs). */
    public String insertStatement(Entry entry) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(qualified).append(" (");
        for (int i = 0; i < COLUMNS.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(dialect.quote(COLUMNS.get(i)));
        }
        boolean numericBoolean = dialect.types().write(DataType.of(TypeKind.BOOLEAN), false).toUpperCase(Locale.ROOT).matches(".*(BIT|NUMBER|TINYINT|INT).*");
        return sql.append(") VALUES (").append(entry.rank()).append(", ").append(text(entry.version())).append(", ").append(text(entry.description()))
                .append(", ").append(text(entry.type())).append(", ").append(text(entry.script())).append(", ")
                .append(entry.checksum() == null ? "NULL" : entry.checksum().toString()).append(", ").append(text(entry.installedBy()))
                .append(", CURRENT_TIMESTAMP, ").append(entry.executionTime()).append(", ").append(entry.rows()).append(", ")
                .append(numericBoolean ? (entry.success() ? "1" : "0") : (entry.success() ? "TRUE" : "FALSE")).append(")").toString();
    }

    private static String text(String value) {
        return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
    }

    /** Every entry, in the order applied; none when there is no table yet. */
    public List<Entry> entries() throws SQLException {
        List<Entry> entries = new ArrayList<>();
        if (!exists()) {
            return entries;
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < COLUMNS.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(dialect.quote(COLUMNS.get(i)));
        }
        sql.append(" FROM ").append(qualified).append(" ORDER BY ").append(dialect.quote("installed_rank"));
        try (Connection c = target.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
            while (rs.next()) {
                int checksum = rs.getInt(6);
                Integer sum = rs.wasNull() ? null : checksum;
                Timestamp on = rs.getTimestamp(8);
                entries.add(new Entry(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), sum, rs.getString(7),
                        on == null ? null : on.toInstant(), rs.getInt(9), rs.getLong(10), rs.getBoolean(11)));
            }
        }
        return entries;
    }

    /** Adds {@code entry} in {@code connection}'s transaction (the one that applied the version, where it can hold DDL). */
    public void add(Connection connection, Entry entry) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(qualified).append(" (");
        for (int i = 0; i < COLUMNS.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(dialect.quote(COLUMNS.get(i)));
        }
        sql.append(") VALUES (").append("?, ".repeat(COLUMNS.size() - 1)).append("?)");
        try (PreparedStatement p = connection.prepareStatement(sql.toString())) {
            p.setInt(1, entry.rank());
            p.setString(2, entry.version());
            p.setString(3, entry.description());
            p.setString(4, entry.type());
            p.setString(5, entry.script());
            if (entry.checksum() == null) {
                p.setNull(6, Types.INTEGER);
            } else {
                p.setInt(6, entry.checksum());
            }
            p.setString(7, entry.installedBy());
            p.setTimestamp(8, Timestamp.from(entry.installedOn()));
            p.setInt(9, entry.executionTime());
            p.setLong(10, entry.rows());
            p.setBoolean(11, entry.success());
            p.executeUpdate();
        }
    }

    /** Removes the entry of rank {@code rank}. */
    public void remove(Connection connection, int rank) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("DELETE FROM " + qualified + " WHERE " + dialect.quote("installed_rank") + " = ?")) {
            p.setInt(1, rank);
            p.executeUpdate();
        }
    }

    /** Sets the checksum of the entry of rank {@code rank} (repair, after a deliberate edit). */
    public void realign(Connection connection, int rank, int checksum, String description) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("UPDATE " + qualified + " SET " + dialect.quote("checksum") + " = ?, "
                + dialect.quote("description") + " = ? WHERE " + dialect.quote("installed_rank") + " = ?")) {
            p.setInt(1, checksum);
            p.setString(2, description);
            p.setInt(3, rank);
            p.executeUpdate();
        }
    }
}
