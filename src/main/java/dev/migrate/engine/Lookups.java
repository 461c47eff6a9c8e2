package dev.migrate.engine;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrate.connect.Database;
import dev.migrate.plan.ColumnTransform;
import dev.migrate.plan.Lookup;
import dev.migrate.plan.MigrationPlan;
import dev.migrate.plan.ScriptError;
import dev.migrate.plan.ScriptLocation;
import dev.migrate.plan.Suggestions;
import dev.migrate.plan.TableMapping;
import dev.migrate.plan.WriteMode;
import dev.migrate.schema.ColumnInfo;
import dev.migrate.schema.SchemaSnapshot;
import dev.migrate.schema.TableInfo;
import dev.migrate.transfer.TargetColumn;
import dev.migrate.transfer.ValueReader;

/**
 * The lookup tables a script's rules read, each loaded once and shared by every worker (read-only from then
 * on). A lookup into a table this run does not fill is read before anything is changed, so a key it holds twice
 * stops the run at once; one into a table the run fills is read once that table is loaded, which the load order
 * ensures. A dry run, which fills nothing, sees the rows it would have written instead.
 */
public final class Lookups implements Lookup.Values {

    private static final Logger LOG = LoggerFactory.getLogger(Lookups.class);

    /** A key has several values: more than the script allows. */
    static final class DuplicateKeys extends IllegalStateException {
        DuplicateKeys(String message) {
            super(message);
        }
    }

    /** How to read one lookup table, and whether this run fills it. */
    private record Source(Lookup lookup, ScriptLocation location, Database db, String sql, ValueReader keyReader,
                          ValueReader valueReader, boolean filledByRun, boolean exists) {
    }

    private final Map<Lookup, Source> sources = new LinkedHashMap<>();
    private final Map<Lookup, Map<Object, Object>> tables = new ConcurrentHashMap<>();
    private final boolean dryRun;
    /** In a dry run: per lookup into a table the run fills, the rows it would have written. */
    private final Map<Lookup, Map<Object, Object>> wouldWrite = new ConcurrentHashMap<>();
    private final Set<Lookup> unchecked = ConcurrentHashMap.newKeySet();
    private final Map<Lookup, Set<String>> duplicatesSeen = new ConcurrentHashMap<>();

    /** Whether the run empties the tables it fills first: a dry run then looks up only the rows it would write. */
    private final boolean truncates;

    private Lookups(boolean dryRun, boolean truncates) {
        this.dryRun = dryRun;
        this.truncates = truncates;
    }

    /**
     * Finds every lookup's table and columns, or fails with the script line that names a missing one.
     *
     * @param planned the target as the run leaves it before the load: its tables and the ones it creates
     * @param filled  the target tables (lower case) this run writes
     */
    public static Lookups prepare(MigrationPlan plan, Database source, SchemaSnapshot sourceSchema, Database target, SchemaSnapshot planned,
                           SchemaSnapshot existing, Set<String> filled) {
        Lookups lookups = new Lookups(plan.settings().dryRun(), plan.settings().mode() == WriteMode.TRUNCATE_INSERT);
        for (TableMapping mapping : plan.mappings()) {
            for (ColumnTransform t : mapping.transforms()) {
                if (t.rule() == null || t.rule().lookup() == null || lookups.sources.containsKey(t.rule().lookup())) {
                    continue;
                }
                Lookup lookup = t.rule().lookup();
                Database db = lookup.inSource() ? source : target;
                SchemaSnapshot schema = lookup.inSource() ? sourceSchema : planned;
                String side = lookup.inSource() ? "source" : "target";
                TableInfo table = schema.table(lookup.table()).orElseThrow(() -> new ScriptError(t.location(),
                        "lookup table '" + lookup.table() + "' does not exist in the " + side + Suggestions.nearest(lookup.table(), schema.tableNames())));
                ColumnInfo key = column(table, lookup.key(), t, side);
                ColumnInfo value = column(table, lookup.value(), t, side);
                String sql = "SELECT " + db.dialect().quote(key.name()) + ", " + db.dialect().quote(value.name()) + " FROM " + db.dialect().qualify(table);
                boolean filledByRun = !lookup.inSource() && filled.contains(table.name().toLowerCase(Locale.ROOT));
                boolean exists = lookup.inSource() || existing.table(table.name()).isPresent();
                lookups.sources.put(lookup, new Source(lookup, t.location(), db, sql, db.dialect().reader(key), db.dialect().reader(value),
                        filledByRun, exists));
            }
        }
        return lookups;
    }

    /** Lookups whose tables a run read elsewhere and sent along: a cluster's task reads no lookup table itself. */
    public static Lookups loaded(Map<Lookup, Map<Object, Object>> values) {
        Lookups lookups = new Lookups(false, false);
        lookups.tables.putAll(values);
        return lookups;
    }

    /** The values of the lookups {@code mapping}'s rules read, each read now where it was not yet: what its tasks are sent. */
    Map<Lookup, Map<Object, Object>> valuesFor(TableMapping mapping) {
        Map<Lookup, Map<Object, Object>> values = new HashMap<>();
        for (ColumnTransform t : mapping.transforms()) {
            if (t.rule() != null && t.rule().lookup() != null) {
                values.put(t.rule().lookup(), of(t.rule().lookup()));
            }
        }
        return values;
    }

    /** Reads every lookup table this run does not fill, before anything is changed; a key with several values is a script error. */
    public void preload() throws SQLException {
        for (Source source : sources.values()) {
            if (!source.filledByRun()) {
                try {
                    tables.put(source.lookup(), load(source));
                } catch (DuplicateKeys e) {
                    throw new ScriptError(source.location(), e.getMessage(), e);
                }
            }
        }
    }

    /** The target tables (lower case) a job's lookups read, with the line of each: where the run fills one, the job waits for it. */
    static Map<String, ScriptLocation> filledTablesReadBy(TableMapping mapping) {
        Map<String, ScriptLocation> tables = new LinkedHashMap<>();
        for (ColumnTransform t : mapping.transforms()) {
            if (t.rule() != null && t.rule().lookup() != null && !t.rule().lookup().inSource()) {
                tables.putIfAbsent(t.rule().lookup().table().toLowerCase(Locale.ROOT), t.location());
            }
        }
        return tables;
    }

    /**
     * The lookup's values, read at first use: a lookup into a table this run fills is read once that table is
     * loaded, which the load order ensures for every table whose rules read it.
     */
    @Override
    public Map<Object, Object> of(Lookup lookup) {
        Map<Object, Object> values = tables.get(lookup);
        if (values != null) {
            return values;
        }
        synchronized (this) {
            values = tables.get(lookup);
            if (values == null) {
                Source source = sources.get(lookup);
                try {
                    values = unchecked.contains(lookup) ? ANY_KEY : load(source);
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot read lookup table " + lookup.table() + ": " + Engine.oneLine(e), e);
                }
                tables.put(lookup, values);
            }
            return values;
        }
    }

    /** Whether a dry run cannot check this lookup: the run writes no values into its value column (the target makes them). */
    boolean unchecked(Lookup lookup) {
        return unchecked.contains(lookup);
    }

    /** A dry run's rows for {@code job}'s target: lookups into that table will find them as a real run would. */
    void wouldWrite(TableJob job, Object[][] rows, int count) {
        if (!dryRun) {
            return;
        }
        for (Source source : sources.values()) {
            Lookup lookup = source.lookup();
            if (!source.filledByRun() || !lookup.table().equalsIgnoreCase(job.targetName())) {
                continue;
            }
            List<TargetColumn> columns = job.feeds().stream().map(ColumnFeed::target).toList();
            int key = indexOf(columns, lookup.key());
            int value = indexOf(columns, lookup.value());
            if (key < 0 || value < 0) {
                if (unchecked.add(lookup)) {
                    LOG.warn("dry run: lookup {} is not checked: this run writes no {} into {} (the target makes it)",
                            lookup.describe(), key < 0 ? lookup.key() : lookup.value(), lookup.table());
                }
                continue;
            }
            Map<Object, Object> values = wouldWrite.computeIfAbsent(lookup, l -> new ConcurrentHashMap<>());
            for (int r = 0; r < count; r++) {
                Object k = rows[r][key];
                if (k != null) {
                    Object v = rows[r][value];
                    Object before = values.putIfAbsent(k.toString(), v == null ? NULL : v);
                    if (before != null && !same(before == NULL ? null : before, v)) {
                        duplicatesSeen.computeIfAbsent(lookup, l -> ConcurrentHashMap.newKeySet()).add(k.toString());
                    }
                }
            }
        }
    }

    private static int indexOf(List<TargetColumn> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Stands for NULL in the maps of a dry run, which take no null values. */
    private static final Object NULL = new Object();

    /** A lookup a dry run cannot check: every key is found; its value stays open (NULL). */
    private static final Map<Object, Object> ANY_KEY = new AbstractMap<>() {
        @Override
        public boolean containsKey(Object key) {
            return true;
        }

        @Override
        public Object get(Object key) {
            return null;
        }

        @Override
        public Set<Entry<Object, Object>> entrySet() {
            return Set.of();
        }
    };

    private Map<Object, Object> load(Source source) throws SQLException {
        Lookup lookup = source.lookup();
        Values values = new Values(lookup);
        if (!dryRun || source.exists() && !(truncates && source.filledByRun())) {
            read(source, values);
        }
        Map<Object, Object> written = wouldWrite.get(lookup);
        if (written != null) {
            written.forEach((k, v) -> values.put(k, v == NULL ? null : v));
            duplicatesSeen.getOrDefault(lookup, Set.of()).forEach(values::duplicate);
        }
        return values.finish();
    }

    /** Streamed, like a table's rows: only the map itself is held. */
    private static void read(Source source, Values values) throws SQLException {
        Database db = source.db();
        try (Connection c = db.connection()) {
            db.dialect().prepareStreamingRead(c);
            try (PreparedStatement s = c.prepareStatement(source.sql(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                s.setFetchSize(db.dialect().streamingFetchSize(5_000));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        values.put(source.keyReader().read(rs, 1), source.valueReader().read(rs, 2));
                    }
                }
            } finally {
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            }
        } catch (OutOfMemoryError e) {
            throw new IllegalStateException("lookup table " + source.lookup().table() + " does not fit in memory: " + Engine.OUT_OF_MEMORY);
        }
    }

    /** One lookup table's values by the text of their key, with the keys that have more than one. */
    private static final class Values {
        private final Lookup lookup;
        private final Map<Object, Object> byKey = new HashMap<>();
        private final Map<String, Set<Object>> duplicates = new LinkedHashMap<>();

        Values(Lookup lookup) {
            this.lookup = lookup;
        }

        void put(Object key, Object value) {
            if (key == null) {
                // a NULL source value never reaches a lookup: it stays NULL or takes the rule's default
                return;
            }
            String text = key.toString();
            if (!byKey.containsKey(text)) {
                byKey.put(text, value);
                return;
            }
            Object before = byKey.get(text);
            if (same(before, value)) {
                return;
            }
            duplicates.computeIfAbsent(text, k -> new LinkedHashSet<>(Collections.singleton(before))).add(value);
            if (lookup.pick() != null) {
                boolean lower = compare(value, before) < 0;
                if (lookup.pick().equals(Lookup.LOWEST) == lower) {
                    byKey.put(text, value);
                }
            }
        }

        void duplicate(String key) {
            duplicates.computeIfAbsent(key, k -> new LinkedHashSet<>());
        }

        Map<Object, Object> finish() {
            if (!duplicates.isEmpty() && lookup.pick() == null) {
                String named = duplicates.entrySet().stream().limit(5)
                        .map(e -> "'" + e.getKey() + "'" + (e.getValue().isEmpty() ? "" : " (" + e.getValue().stream().limit(5)
                                .map(String::valueOf).collect(Collectors.joining(", ")) + ")"))
                        .collect(Collectors.joining(", "));
                throw new DuplicateKeys("lookup '" + lookup.table() + "': " + duplicates.size() + (duplicates.size() == 1 ? " key has" : " keys have")
                        + " more than one " + lookup.value() + ": " + named + (duplicates.size() > 5 ? ", ..." : "")
                        + "; say which one wins: lookup '" + lookup.table() + "', key: '" + lookup.key() + "', value: '" + lookup.value()
                        + "', pick: 'lowest' (or 'highest')");
            }
            return byKey;
        }
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        return Objects.equals(a, b);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
        }
        if (a instanceof Comparable c && a.getClass().isInstance(b)) {
            return c.compareTo(b);
        }
        return a.toString().compareTo(b.toString());
    }

    private static ColumnInfo column(TableInfo table, String name, ColumnTransform t, String side) {
        return table.column(name).orElseThrow(() -> new ScriptError(t.location(), "lookup column '" + name + "' does not exist in "
                + side + " table " + table.name() + Suggestions.nearest(name, table.columns().stream().map(ColumnInfo::name).toList())));
    }
}
