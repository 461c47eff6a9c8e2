package dev.migrate.dialect.sqlite;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneId;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import dev.migrate.dialect.AbstractDialect;
import dev.migrate.dialect.Connections;
import dev.migrate.dialect.ReadSnapshot;
import dev.migrate.dialect.SessionSnapshot;
import dev.migrate.dialect.ConstraintChecks;
import dev.migrate.dialect.LockRows;
import dev.migrate.dialect.NameRules;
import dev.migrate.dialect.NameRules.Refused;
import dev.migrate.dialect.Role;
import dev.migrate.schema.ColumnInfo;
import dev.migrate.schema.TableInfo;
import dev.migrate.transfer.TargetColumn;
import dev.migrate.transfer.JdbcBatchWriter;
import dev.migrate.transfer.Utf8Text;
import dev.migrate.transfer.ValueConverter;
import dev.migrate.transfer.ValueKind;
import dev.migrate.transfer.WriteTarget;
import dev.migrate.transfer.ValueReader;
import dev.migrate.transfer.ValueReaders;

/**
 * SQLite, embedded: a column's declared type is only a hint, so values are read as stored and converted
 * by what the target column holds. One writer at a time; read-only is an open mode of the driver.
 */
public final class SqliteDialect extends AbstractDialect {

    private static final int OPEN_READONLY = 0x01;

    public SqliteDialect() {
        super("SQLite", "jdbc:sqlite:");
    }

    /** Names of any length; {@code sqlite_} begins only its own tables and indexes. */
    @Override
    public NameRules nameRules() {
        return NameRules.characters(Integer.MAX_VALUE).refusing(Refused.NUL).reserving("sqlite_");
    }

    /**
     * One read transaction that the readers take turns on: SQLite keeps a transaction's view (in WAL mode beside
     * writers; otherwise its shared lock keeps writers waiting until the run ends), and two sessions begun one after
     * the other could see a commit between them. The reads of a SQLite source take turns; the writes do not.
     */
    @Override
    public Optional<ReadSnapshot> snapshot(Connections pool, int readers) throws SQLException {
        return Optional.of(SessionSnapshot.oneSession(pool, "a read transaction the readers take turns on", "SELECT COUNT(*) FROM sqlite_master"));
    }

    @Override
    public Properties driverProperties(Role role) {
        Properties p = new Properties();
        p.setProperty("busy_timeout", "30000");
        if (role == Role.SOURCE) {
            p.setProperty("open_mode", String.valueOf(OPEN_READONLY));
        }
        return p;
    }

    @Override
    public boolean foreignKeysInCreateTable() {
        return true;
    }

    @Override
    public boolean enforcesDeclaredTypes() {
        return false;
    }

    @Override
    public int maxConcurrentWriters() {
        return 1;
    }

    @Override
    public String defaultSchema(Connection connection) {
        return null;
    }

    @Override
    public String qualify(TableInfo table) {
        return quote(table.name());
    }

    @Override
    public boolean transactionalDdl() {
        return true;
    }

    /** Text is stored as UTF-8 (or UTF-16 made from it), which holds NUL. */
    @Override
    public ValueConverter converter(ValueKind kind, ZoneId zone) {
        return Utf8Text.converter(kind, zone, name(), true);
    }

    @Override
    public ValueReader reader(ColumnInfo column) {
        // the stored value as it is (integer, real, text or blob); the target column decides what it becomes
        return (rs, i) -> ValueReaders.checkedText(rs, i, rs.getObject(i));
    }

    @Override
    protected void bind(PreparedStatement statement, int index, Object value, TargetColumn column) throws SQLException {
        if (value == null) {
            statement.setNull(index, column.info().jdbcType());
        } else if (value instanceof Boolean b) {
            statement.setInt(index, b ? 1 : 0);
        } else if (value instanceof Temporal || value instanceof UUID) {
            statement.setString(index, value.toString());
        } else if (value instanceof BigDecimal d) {
            statement.setString(index, d.toPlainString());
        } else {
            statement.setObject(index, value);
        }
    }

    @Override
    public String upsert(WriteTarget target) {
        return JdbcBatchWriter.insert(target) + onConflict(target);
    }

    @Override
    public Optional<ConstraintChecks> constraintChecks() {
        return Optional.of(ConstraintChecks.session(List.of("PRAGMA foreign_keys = OFF"), List.of("PRAGMA foreign_keys = ON")));
    }

    /** SQLite has no lock a session can name: a lock file beside the database file stands in for one. */
    @Override
    public Optional<AutoCloseable> tryLock(Connection session, String name, LockRows rows) throws SQLException {
        return SqliteFileLock.tryLock(session.getMetaData().getURL(), name);
    }

    @Override
    public boolean supportsDdlTransactions() {
        return true;
    }

    /** Rows that reference each other in one table go too: checks off for the moment, which SQLite allows outside a transaction. */
    @Override
    public List<String> emptyTables(List<String> qualifiedTables) {
        List<String> statements = new ArrayList<>(List.of("PRAGMA foreign_keys = OFF"));
        qualifiedTables.forEach(t -> statements.add("DELETE FROM " + t));
        statements.add("PRAGMA foreign_keys = ON");
        return statements;
    }

    @Override
    public String remainder(String expression, long divisor) {
        return "(" + expression + " % " + divisor + ")";
    }
}
