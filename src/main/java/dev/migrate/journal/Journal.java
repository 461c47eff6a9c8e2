package dev.migrate.journal;

import java.io.IOException;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.migrate.connect.Database;
import dev.migrate.dialect.Dialect;
import dev.migrate.dialect.LockRows;
import dev.migrate.schema.TableInfo;
import dev.migrate.types.DataType;
import dev.migrate.types.TypeKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's record in the target, in a table of the tool's own ({@code migrate_journal}): per target table, the
 * last run that loaded it and whether it finished; per partition, that it committed, written in the same
 * transaction as the partition's rows. So a run can tell a table an earlier run left half loaded from one it
 * finished, whatever ended that run. Its rows also serve as locks where a database has no lock to name.
 */
public final class Journal implements LockRows {

    public static final String DEFAULT_NAME = "migrate_journal";

    static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private static final String TABLE_ENTRY = "table";
    private static final String LOCK_ENTRY = "lock";
    private static final String PARTITION_ENTRY = "partition ";
    private static final String SPLIT_ENTRY = "split of ";
    private static final String STEP_ENTRY = "step ";
    private static final int ENTRY_LENGTH = 200;
    private static final List<String> COLUMNS = List.of("table_name", "entry", "run_id", "migration", "state", "created",
            "key_range", "rows_written", "started_at", "finished_at", "host", "pid", "updated_at", "split_bounds");
    /** The width of the column {@code key_range}: a longer description of a partition's range is cut. */
    public static final int KEY_RANGE_LENGTH = 200;

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private final Database target;
    private final Dialect dialect;
    private final String name;
    private final String schema;
    private final String qualified;
    private final String runId;
    private final String migration;
    private final Instant started;
    private final String host;
    private final long pid;
    private boolean disabled;

    public Journal(Database target, String migration, Instant started) {
        this(target, migration, started, null, DEFAULT_NAME);
    }

    /** @param schema the journal table's schema, null for the target's own; {@code name} its name */
    public Journal(Database target, String migration, Instant started, String schema, String name) {
        this(target, migration, started, migration + "-" + UUID.randomUUID().toString().substring(0, 8), schema, name);
    }

    /** The journal of run {@code runId}, started at {@code started}: a new run, or one that goes on with an unfinished one. */
    private Journal(Database target, String migration, Instant started, String runId, String schema, String name) {
        this.target = target;
        this.dialect = target.dialect();
        this.name = name;
        this.schema = schema == null ? target.schema() : schema;
        this.qualified = dialect.qualify(new TableInfo(this.schema, name, List.of(), List.of(), List.of()));
        this.migration = migration;
        this.started = started;
        this.runId = runId;
        this.host = hostName();
        this.pid = ProcessHandle.current().pid();
    }

    /**
     * The journal of run {@code runId} as a cluster's task uses it: the task records its partition in the same journal
     * as the run that sent it. {@code enabled} false: that run has no journal.
     */
    public static Journal ofRun(Database target, String migration, Instant started, String runId, String schema, String name, boolean enabled) {
        Journal journal = new Journal(target, migration, started, runId, schema, name);
        journal.disabled = !enabled;
        return journal;
    }

    /** The journal table's schema as the script gives it, or null for the target's own. */
    public String schemaOf() {
        return schema;
    }

    /** This journal, carrying on with the unfinished run {@code previous}: its records and this run's are one run's. */
    public Journal resuming(TableState previous) {
        Journal resumed = new Journal(target, migration, previous.started(), previous.run(), schema, name);
        resumed.disabled = disabled;
        return resumed;
    }

    public String runId() {
        return runId;
    }

    /** Whether this run has a journal: false when the user may not create its table. */
    public boolean enabled() {
        return !disabled;
    }

    /** The journal table's plain name: a run leaves a source table of this name alone unless the script names it. */
    public String name() {
        return name;
    }

    /** How the journal names a target table: {@code schema.table}, lower case; its lock has this name too. */
    public String key(String table) {
        String schema = target.schema();
        return ((schema == null ? "" : schema + ".") + table).toLowerCase(Locale.ROOT);
    }

    /** Whether the journal table exists in the target. */
    public boolean exists() throws SQLException {
        try (Connection c = target.connection()) {
            DatabaseMetaData meta = c.getMetaData();
            String catalog = dialect.schemaIsCatalog() ? schema : null;
            String inSchema = dialect.schemaIsCatalog() ? null : schema;
            try (ResultSet rs = meta.getTables(catalog, inSchema, name, null)) {
                while (rs.next()) {
                    if (name.equals(rs.getString("TABLE_NAME"))) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /**
     * Creates the journal table where it is missing (a run that starts at the same moment may create it too), and
     * adds the columns a journal made by an earlier version lacks.
     */
    public void create() throws SQLException {
        // the key (table, entry) stays within 900 bytes, SQL Server's limit, in UTF-16
        String varchar250 = dialect.types().write(DataType.varchar(250), false);
        String varchar200 = dialect.types().write(DataType.varchar(200), false);
        String varchar100 = dialect.types().write(DataType.varchar(100), false);
        String varchar40 = dialect.types().write(DataType.varchar(40), false);
        String bigint = dialect.types().write(DataType.of(TypeKind.BIGINT), false);
        String integer = dialect.types().write(DataType.of(TypeKind.INTEGER), false);
        // the cuts of a table split by its values, one a line: longer than key_range can hold
        String text = dialect.types().write(DataType.of(TypeKind.TEXT), false);
        String[] types = {varchar250 + " NOT NULL", varchar200 + " NOT NULL", varchar100, varchar200, varchar40, integer,
                varchar200, bigint, varchar40, varchar40, varchar200, bigint, varchar40, text};
        if (exists()) {
            addMissingColumns(types);
            return;
        }
        StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(qualified).append(" (");
        for (int i = 0; i < COLUMNS.size(); i++) {
            ddl.append(i == 0 ? "" : ", ").append(dialect.quote(COLUMNS.get(i))).append(' ').append(types[i]);
        }
        ddl.append(", PRIMARY KEY (").append(dialect.quote("table_name")).append(", ").append(dialect.quote("entry")).append("))");
        try (Connection c = target.connection(); Statement s = c.createStatement()) {
            s.execute(ddl.toString());
        } catch (SQLException e) {
            if (!exists()) {
                // a user who may not create tables loads tables made for it, whose keys stop a second copy of a row
                disabled = true;
                LOG.warn("no journal: cannot create {} in the target ({}); a run that stops half way cannot be told from one that"
                        + " finished. Let the user create it, or create it once as another user", qualified, first(e.getMessage()));
            }
        }
    }

    private void addMissingColumns(String[] types) throws SQLException {
        try (Connection c = target.connection()) {
            Set<String> present = new HashSet<>();
            String catalog = dialect.schemaIsCatalog() ? schema : null;
            String inSchema = dialect.schemaIsCatalog() ? null : schema;
            try (ResultSet rs = c.getMetaData().getColumns(catalog, inSchema, name, null)) {
                while (rs.next()) {
                    present.add(rs.getString("COLUMN_NAME"));
                }
            }
            for (int i = 0; i < COLUMNS.size(); i++) {
                if (!present.contains(COLUMNS.get(i))) {
                    try (Statement s = c.createStatement()) {
                        s.execute("ALTER TABLE " + qualified + " ADD " + dialect.quote(COLUMNS.get(i)) + " " + types[i]);
                    }
                }
            }
        }
    }

    private static String first(String message) {
        return message == null ? "no reason given" : message.lines().findFirst().orElse("").trim();
    }

    /** What the journal says of each of these target tables that it knows, by table name; nothing when there is no journal yet. */
    public Map<String, TableState> states(Collection<String> tables) throws SQLException {
        Map<String, TableState> states = new LinkedHashMap<>();
        if (disabled || !exists()) {
            return states;
        }
        String sql = "SELECT " + columns("table_name", "run_id", "migration", "state", "created", "started_at", "host", "pid", "updated_at")
                + " FROM " + qualified + " WHERE " + q("table_name") + " = ? AND " + q("entry") + " = ?";
        String committed = "SELECT COUNT(*), SUM(" + q("rows_written") + ") FROM " + qualified + " WHERE " + q("table_name")
                + " = ? AND " + q("run_id") + " = ? AND " + q("entry") + " LIKE ?";
        try (Connection c = target.connection(); PreparedStatement tableRow = c.prepareStatement(sql);
             PreparedStatement parts = c.prepareStatement(committed)) {
            for (String name : tables) {
                String table = key(name);
                tableRow.setString(1, table);
                tableRow.setString(2, TABLE_ENTRY);
                try (ResultSet rs = tableRow.executeQuery()) {
                    if (!rs.next()) {
                        continue;
                    }
                    String run = rs.getString(2);
                    parts.setString(1, table);
                    parts.setString(2, run);
                    parts.setString(3, PARTITION_ENTRY + "%");
                    long partitions;
                    long rows;
                    try (ResultSet p = parts.executeQuery()) {
                        p.next();
                        partitions = p.getLong(1);
                        rows = p.getLong(2);
                    }
                    states.put(name, new TableState(table, run, rs.getString(3), rs.getString(4), rs.getInt(5) == 1, partitions, rows,
                            Instant.parse(rs.getString(6)), rs.getString(7), rs.getLong(8),
                            Instant.parse(rs.getString(rs.getString(9) == null ? 6 : 9))));
                }
            }
        }
        return states;
    }

    /** This run starts loading {@code table}: what earlier runs recorded of it gives way to this run's record. */
    public void begin(String name, boolean created) throws SQLException {
        if (disabled) {
            return;
        }
        String table = key(name);
        try (Connection c = target.connection()) {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + qualified + " WHERE " + q("table_name") + " = ? AND "
                    + q("entry") + " <> ?")) {
                delete.setString(1, table);
                delete.setString(2, LOCK_ENTRY);
                delete.executeUpdate();
            }
            insert(c, table, TABLE_ENTRY, TableState.LOADING, created ? 1 : 0, null, 0, null);
        }
    }

    /** A partition's rows are in: recorded in the connection's open transaction, so both commit or neither does. */
    public void recordPartition(Connection transaction, String name, String job, int index, int count, String keyRange, long rows)
            throws SQLException {
        if (disabled) {
            return;
        }
        insert(transaction, key(name), partitionEntry(job, index, count), TableState.DONE, 0, keyRange, rows, Instant.now());
    }

    /**
     * Forgets the {@code count} partitions of {@code job} that committed without a row in them (every row of the table
     * was rejected), so that a resumed run loads the table again instead of taking it for done.
     */
    public void forgetPartitions(String name, String job, int count) throws SQLException {
        if (disabled) {
            return;
        }
        try (Connection c = target.connection()) {
            for (int i = 0; i < count; i++) {
                delete(c, key(name), partitionEntry(job, i, count));
            }
        }
    }

    /** How a partition's record is named: {@code partition 3/12 of items}. */
    public static String partitionEntry(String job, int index, int count) {
        return entry(PARTITION_ENTRY + (index + 1) + "/" + count + " of " + job);
    }

    private static String entry(String text) {
        return text.length() > ENTRY_LENGTH ? text.substring(0, ENTRY_LENGTH) : text;
    }

    /**
     * How job {@code job} into {@code name} was split into partitions, recorded before the first of them starts, so
     * that a resumed run splits it the same way and can tell which partitions are in.
     */
    public void recordSplit(String name, String job, String split) throws SQLException {
        if (disabled) {
            return;
        }
        try (Connection c = target.connection()) {
            delete(c, key(name), entry(SPLIT_ENTRY + job));
            // what key_range holds reads as a split to a version that knows only "whole" and "width min max column";
            // the cuts of a split by values go to split_bounds, its first line to key_range for a reader of the table
            boolean fits = split.length() <= KEY_RANGE_LENGTH && split.indexOf('\n') < 0 && !split.startsWith("values ");
            String head = split.lines().findFirst().orElse("");
            insert(c, key(name), entry(SPLIT_ENTRY + job), TableState.DONE, 0,
                    fits ? split : head.substring(0, Math.min(head.length(), KEY_RANGE_LENGTH)), 0, Instant.now(), fits ? null : split);
        }
    }

    /** A step after the load (a key, an index, a foreign key) is done: {@code what} is its statement. */
    public void recordStep(String name, String what) throws SQLException {
        if (disabled) {
            return;
        }
        String entry = entry(STEP_ENTRY + what.replaceAll("\\s+", " "));
        try (Connection c = target.connection()) {
            delete(c, key(name), entry);
            insert(c, key(name), entry, TableState.DONE, 0, null, 0, Instant.now());
        }
    }

    /**
     * What run {@code run} recorded of {@code name}: how each job was split, which partitions committed and how many
     * rows each wrote, and the steps after the load it finished.
     */
    public Progress progress(String name, String run) throws SQLException {
        Map<String, String> splits = new LinkedHashMap<>();
        Map<String, Long> partitions = new LinkedHashMap<>();
        List<String> steps = new ArrayList<>();
        if (disabled || !exists()) {
            return new Progress(splits, partitions, steps);
        }
        String sql = "SELECT " + columns("entry", "key_range", "rows_written", "split_bounds") + " FROM " + qualified + " WHERE " + q("table_name")
                + " = ? AND " + q("run_id") + " = ?";
        try (Connection c = target.connection(); PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, key(name));
            select.setString(2, run);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String entry = rs.getString(1);
                    if (entry.startsWith(SPLIT_ENTRY)) {
                        String bounds = rs.getString(4);
                        splits.put(entry.substring(SPLIT_ENTRY.length()), bounds != null ? bounds : rs.getString(2));
                    } else if (entry.startsWith(PARTITION_ENTRY)) {
                        partitions.put(entry, rs.getLong(3));
                    } else if (entry.startsWith(STEP_ENTRY)) {
                        steps.add(entry.substring(STEP_ENTRY.length()));
                    }
                }
            }
        }
        return new Progress(splits, partitions, steps);
    }

    /**
     * What a run recorded of one table.
     *
     * @param splits     how each job was split ({@link #recordSplit}), by job
     * @param partitions the rows each committed partition wrote, by its entry ({@link #partitionEntry})
     * @param steps      the steps after the load that finished
     */
    public record Progress(Map<String, String> splits, Map<String, Long> partitions, List<String> steps) {

        /** How {@code job} was split, or null when the run did not get that far. */
        public String split(String job) {
            return splits.get(entry(SPLIT_ENTRY + job).substring(SPLIT_ENTRY.length()));
        }

        /** The rows every committed partition of {@code job} wrote. */
        public long rows(String job) {
            String ofJob = partitionEntry(job, 0, 1).substring(partitionEntry(job, 0, 1).indexOf(" of "));
            return partitions.entrySet().stream().filter(e -> e.getKey().endsWith(ofJob)).mapToLong(Map.Entry::getValue).sum();
        }

        /** The rows partition {@code index} of {@code count} of {@code job} committed, or null when it did not commit. */
        public Long committed(String job, int index, int count) {
            return partitions.get(partitionEntry(job, index, count));
        }
    }

    /** This run goes on loading {@code name}, which an earlier attempt of it left unfinished: its records stay. */
    public void resume(String name) throws SQLException {
        if (disabled) {
            return;
        }
        try (Connection c = target.connection(); PreparedStatement update = c.prepareStatement("UPDATE " + qualified + " SET "
                + q("state") + " = ?, " + q("host") + " = ?, " + q("pid") + " = ?, " + q("finished_at") + " = NULL, " + q("updated_at")
                + " = ? WHERE " + q("table_name") + " = ? AND " + q("entry") + " = ? AND " + q("run_id") + " = ?")) {
            update.setString(1, TableState.LOADING);
            update.setString(2, host);
            update.setLong(3, pid);
            update.setString(4, Instant.now().toString());
            update.setString(5, key(name));
            update.setString(6, TABLE_ENTRY);
            update.setString(7, runId);
            update.executeUpdate();
        }
    }

    private void delete(Connection c, String table, String entry) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + qualified + " WHERE " + q("table_name") + " = ? AND "
                + q("entry") + " = ?")) {
            delete.setString(1, table);
            delete.setString(2, entry);
            delete.executeUpdate();
        }
    }

    /** How this run ended on {@code table}: {@code done} once its rows, keys and indexes are all in, else {@code failed}. */
    public void finish(String name, boolean done, long rows) throws SQLException {
        if (disabled) {
            return;
        }
        String table = key(name);
        try (Connection c = target.connection(); PreparedStatement update = c.prepareStatement("UPDATE " + qualified + " SET "
                + q("state") + " = ?, " + q("rows_written") + " = ?, " + q("finished_at") + " = ?, " + q("updated_at") + " = ? WHERE "
                + q("table_name") + " = ? AND "
                + q("entry") + " = ? AND " + q("run_id") + " = ?")) {
            String now = Instant.now().toString();
            update.setString(1, done ? TableState.DONE : TableState.FAILED);
            update.setLong(2, rows);
            update.setString(3, now);
            update.setString(4, now);
            update.setString(5, table);
            update.setString(6, TABLE_ENTRY);
            update.setString(7, runId);
            update.executeUpdate();
        }
    }

    /** Locks the lock row of {@code name} (made first where it is missing) in the session's open transaction. */
    @Override
    public boolean tryLock(Connection session, String lockName) throws SQLException {
        if (disabled) {
            LOG.warn("table {} is not locked against another run: there is no journal to hold the lock", lockName);
            return true;
        }
        try (Connection c = target.connection()) {
            insert(c, lockName, LOCK_ENTRY, null, 0, null, 0, null);
        } catch (SQLException alreadyThere) {
            // another run made it first: it is there to lock
        }
        session.setAutoCommit(false);
        String lock = "SELECT " + q("entry") + " FROM " + qualified + " WHERE " + q("table_name") + " = ? AND " + q("entry") + " = ? FOR UPDATE NOWAIT";
        try (PreparedStatement statement = session.prepareStatement(lock)) {
            statement.setString(1, lockName);
            statement.setString(2, LOCK_ENTRY);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException held) {
            session.rollback();
            if (isLockConflict(held)) {
                return false;
            }
            throw held;
        }
    }

    /** Lock timeouts and busy resources: Oracle's ORA-00054, H2's HYT00 and SQL Server's 1222 come here. */
    private static boolean isLockConflict(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return e.getErrorCode() == 54 || e.getErrorCode() == 1222 || state.equals("HYT00") || state.equals("61000") || state.equals("55P03");
    }

    private void insert(Connection c, String table, String entry, String state, int created, String keyRange, long rows, Instant finished)
            throws SQLException {
        insert(c, table, entry, state, created, keyRange, rows, finished, null);
    }

    private void insert(Connection c, String table, String entry, String state, int created, String keyRange, long rows, Instant finished,
                        String splitBounds) throws SQLException {
        String sql = "INSERT INTO " + qualified + " (" + columns(COLUMNS.toArray(new String[0])) + ") VALUES ("
                + String.join(", ", Collections.nCopies(COLUMNS.size(), "?")) + ")";
        try (PreparedStatement insert = c.prepareStatement(sql)) {
            insert.setString(1, table);
            insert.setString(2, entry);
            insert.setString(3, runId);
            insert.setString(4, migration);
            insert.setString(5, state);
            insert.setInt(6, created);
            insert.setString(7, keyRange);
            insert.setLong(8, rows);
            insert.setString(9, started.toString());
            insert.setString(10, finished == null ? null : finished.toString());
            insert.setString(11, host);
            insert.setLong(12, pid);
            insert.setString(13, Instant.now().toString());
            insert.setString(14, splitBounds);
            insert.executeUpdate();
        }
    }

    private String q(String column) {
        return dialect.quote(column);
    }

    private String columns(String... names) {
        return String.join(", ", Arrays.stream(names).map(this::q).toList());
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown host";
        }
    }
}
