package dev.migrate.ddl;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrate.connect.Database;
import dev.migrate.engine.Concurrently;
import dev.migrate.plan.MigrationPlan;
import dev.migrate.plan.SchemaMode;
import dev.migrate.plan.TableMapping;
import dev.migrate.plan.WriteMode;
import dev.migrate.schema.ColumnInfo;
import dev.migrate.schema.ForeignKeyInfo;
import dev.migrate.schema.IndexInfo;
import dev.migrate.schema.SchemaSnapshot;
import dev.migrate.schema.TableInfo;

/**
 * What a run does to the target's tables, as its {@code schema} setting allows: creates the tables the
 * target lacks before the load (columns, NOT NULL, defaults, primary key) and builds their unique
 * constraints, indexes and foreign keys after it; with CREATE_AND_ALTER, adds the columns existing tables
 * lack. It never drops a table or a column and never changes a column's type.
 */
public final class SchemaEvolution {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaEvolution.class);

    private final MigrationPlan plan;
    private final Database source;
    private final Database target;
    private final DdlWriter ddl;
    private final Map<String, TableDefinition> created = new LinkedHashMap<>();
    /** Tables an earlier run created and did not finish, which this run completes. */
    private final Set<String> adopted = new HashSet<>();
    private final List<String> executed = Collections.synchronizedList(new ArrayList<>());

    public SchemaEvolution(MigrationPlan plan, Database source, Database target) {
        this.plan = plan;
        this.source = source;
        this.target = target;
        this.ddl = new DdlWriter(target.dialect(), target.schema());
    }

    /** The statements that make the target ready for the load, in order; nothing is executed. */
    public List<String> beforeLoad(List<TableInfo> tables, SchemaSnapshot targetSchema) {
        SchemaMode mode = plan.settings().schema();
        List<String> statements = new ArrayList<>();
        created.keySet().removeIf(t -> !adopted.contains(t));
        if (mode == SchemaMode.NONE) {
            return statements;
        }
        Map<String, TableMapping> targetNames = parents(tables);
        for (TableInfo table : tables) {
          for (TableMapping mapping : plan.mappingsFor(table.name())) {
            Optional<TableInfo> existing = targetSchema.table(mapping.target());
            if (existing.isEmpty() && created.containsKey(mapping.target().toLowerCase())) {
                // a second source into a table this run creates: its columns join the first one's
                TableDefinition first = created.get(mapping.target().toLowerCase());
                TableDefinition more = TableDefinitions.from(table, mapping, source.dialect(), mapping.target(), targetNames::get, plan.settings().identifiers());
                List<ColumnDefinition> columns = new ArrayList<>(first.columns());
                more.columns().stream().filter(c -> columns.stream().noneMatch(f -> f.name().equalsIgnoreCase(c.name())))
                        .map(c -> new ColumnDefinition(c.name(), c.type(), true, false, c.defaultValue(), c.allowedValues()))
                        .forEach(columns::add);
                TableDefinition merged = new TableDefinition(first.name(), columns, first.primaryKey(), first.indexes(), first.foreignKeys());
                created.put(mapping.target().toLowerCase(), merged);
                statements.set(statements.indexOf(ddl.createTable(first, keyInCreate())), ddl.createTable(merged, keyInCreate()));
            } else if (existing.isEmpty()) {
                TableDefinition definition = TableDefinitions.from(table, mapping, source.dialect(), mapping.target(), targetNames::get, plan.settings().identifiers());
                created.put(mapping.target().toLowerCase(), definition);
                statements.add(ddl.createTable(definition, keyInCreate()));
            } else if (mode == SchemaMode.CREATE_AND_ALTER) {
                TableDefinition definition = TableDefinitions.from(table, mapping, source.dialect(), existing.get().name(), n -> null, plan.settings().identifiers());
                for (ColumnDefinition column : definition.columns()) {
                    if (existing.get().column(column.name()).isEmpty()) {
                        statements.add(ddl.addColumn(existing.get().name(), column));
                    }
                }
            }
          }
        }
        return statements;
    }

    /**
     * Runs {@link #beforeLoad}; true when it changed anything, so the target's catalog must be read again. It
     * leaves nothing half done: where the target runs DDL in transactions, all of it is one transaction; elsewhere
     * a statement that fails drops again the tables the statements before it created (empty, and not there before).
     */
    public boolean prepare(List<TableInfo> tables, SchemaSnapshot targetSchema) throws SQLException {
        List<String> statements = beforeLoad(tables, targetSchema);
        if (statements.isEmpty()) {
            return false;
        }
        LOG.info("before the load: {} (--debug shows each statement)", summary(statements));
        long clock = System.nanoTime();
        try (Connection c = target.connection()) {
            if (target.dialect().supportsDdlTransactions()) {
                c.setAutoCommit(false);
                try {
                    execute(c, statements);
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    rollback(c, e);
                    executed.clear();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            } else {
                try {
                    execute(c, statements);
                } catch (SQLException | RuntimeException e) {
                    dropCreated(c, e);
                    throw e;
                }
            }
        }
        LOG.debug("before the load: done in {} ms", (System.nanoTime() - clock) / 1_000_000);
        return true;
    }

    private static void rollback(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** Undoes the CREATE TABLEs this step executed before one failed: those tables are empty and were not there. */
    private void dropCreated(Connection c, Exception failure) {
        List<String> done = new ArrayList<>(executed);
        Collections.reverse(done);
        for (String sql : done) {
            String table = created.values().stream().filter(d -> sql.startsWith("CREATE TABLE " + ddl.qualified(d.name()) + " "))
                    .map(TableDefinition::name).findFirst().orElse(null);
            if (table == null) {
                continue;
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE " + ddl.qualified(table));
                LOG.info("DROP TABLE {} (created by this run a moment ago, empty)", ddl.qualified(table));
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
        }
        executed.clear();
    }

    /**
     * The target as it will be when the rows start to move: its tables, the ones the run creates, and the
     * columns it adds, so that everything a run could refuse is found before it changes anything.
     */
    public SchemaSnapshot planned(List<TableInfo> tables, SchemaSnapshot targetSchema) {
        beforeLoad(tables, targetSchema);
        List<TableInfo> all = new ArrayList<>();
        for (TableInfo existing : altered(tables, targetSchema).tables()) {
            // a table an earlier run created and left without its foreign keys gets them after this load
            TableDefinition adoptedDefinition = adopted.contains(existing.name().toLowerCase(Locale.ROOT))
                    ? created.get(existing.name().toLowerCase(Locale.ROOT)) : null;
            all.add(adoptedDefinition == null ? existing : new TableInfo(existing.schema(), existing.name(), existing.columns(),
                    existing.primaryKey(), adoptedDefinition.foreignKeys(), existing.indexes()));
        }
        for (TableDefinition definition : created.values()) {
            if (targetSchema.table(definition.name()).isEmpty()) {
                all.add(PlannedColumns.table(definition, target.schema(), target.dialect()));
            }
        }
        return new SchemaSnapshot(targetSchema.schema(), all);
    }

    /** The target's tables with the columns CREATE_AND_ALTER adds to them; the tables the run creates are not in it. */
    public SchemaSnapshot altered(List<TableInfo> tables, SchemaSnapshot targetSchema) {
        List<TableInfo> all = new ArrayList<>();
        for (TableInfo existing : targetSchema.tables()) {
            List<ColumnInfo> columns = new ArrayList<>(existing.columns());
            for (TableInfo table : tables) {
                for (TableMapping mapping : plan.mappingsFor(table.name())) {
                    if (plan.settings().schema() == SchemaMode.CREATE_AND_ALTER && mapping.target().equalsIgnoreCase(existing.name())) {
                        TableDefinitions.from(table, mapping, source.dialect(), existing.name(), n -> null, plan.settings().identifiers()).columns().stream()
                                .filter(c -> existing.column(c.name()).isEmpty() && columns.stream().noneMatch(x -> x.name().equalsIgnoreCase(c.name())))
                                .map(c -> PlannedColumns.of(new ColumnDefinition(c.name(), c.type(), true, false, null), target.dialect()))
                                .forEach(columns::add);
                    }
                }
            }
            all.add(existing.withColumns(columns));
        }
        return new SchemaSnapshot(targetSchema.schema(), all);
    }

    /**
     * Tables an earlier run created and left unfinished (without their keys and indexes): this run completes them
     * as if it had created them, skipping what that run already built.
     */
    public void adopt(List<TableInfo> tables, Set<String> unfinished) {
        Map<String, TableMapping> targetNames = parents(tables);
        for (TableInfo table : tables) {
            for (TableMapping mapping : plan.mappingsFor(table.name())) {
                String key = mapping.target().toLowerCase();
                if (unfinished.contains(key) && !created.containsKey(key)) {
                    created.put(key, TableDefinitions.from(table, mapping, source.dialect(), mapping.target(), targetNames::get, plan.settings().identifiers()));
                    adopted.add(key);
                }
            }
        }
    }

    /** The mapping each table of the run takes its target name from, by source name: what its foreign keys refer to. */
    private Map<String, TableMapping> parents(List<TableInfo> tables) {
        Map<String, TableMapping> parents = new HashMap<>();
        for (TableInfo t : tables) {
            parents.put(t.name(), plan.mappingsFor(t.name()).get(0));
        }
        return parents;
    }

    /** Whether this run creates (or completes for an earlier run) a target table (lower case). */
    public boolean creates(String table) {
        return created.containsKey(table.toLowerCase());
    }

    /**
     * The statements that complete the tables this run created, once they hold their rows.
     *
     * @param loaded the target tables (lower case) every job of which finished
     */
    public List<String> afterLoad(Set<String> loaded) {
        return afterLoad(loaded, new SchemaSnapshot(null, List.of()));
    }

    /**
     * The statements that complete the tables this run created, leaving out the keys, indexes and foreign keys
     * {@code current} shows already there (built by an earlier run that stopped before it finished).
     */
    public List<String> afterLoad(Set<String> loaded, SchemaSnapshot current) {
        return steps(loaded, current).stream().map(Map.Entry::getValue).toList();
    }

    /** The statements of {@link #afterLoad(Set, SchemaSnapshot)}, each with the target table it completes. */
    private List<Map.Entry<String, String>> steps(Set<String> loaded, SchemaSnapshot current) {
        List<Map.Entry<String, String>> statements = new ArrayList<>();
        List<String> names = new ArrayList<>();
        // names an earlier run already built are taken too: a resumed or restarted run must not reuse them
        for (TableInfo t : current.tables()) {
            t.indexes().forEach(i -> { if (i.name() != null) names.add(i.name().toLowerCase(Locale.ROOT)); });
            t.foreignKeys().forEach(k -> { if (k.name() != null) names.add(k.name().toLowerCase(Locale.ROOT)); });
        }
        Set<String> loadedTargets = new HashSet<>();
        created.forEach((target, definition) -> {
            if (loaded.contains(target)) {
                loadedTargets.add(definition.name());
            }
        });
        if (!keyInCreate()) {
            // every primary key first: the foreign keys below reference them
            created.forEach((target, definition) -> {
                boolean built = current.table(definition.name()).map(t -> !t.primaryKey().isEmpty()).orElse(false);
                if (loaded.contains(target) && !definition.primaryKey().isEmpty() && !built) {
                    statements.add(Map.entry(definition.name(), ddl.primaryKey(definition)));
                }
            });
        }
        for (Map.Entry<String, TableDefinition> e : created.entrySet()) {
            if (!loaded.contains(e.getKey())) {
                continue;
            }
            TableDefinition definition = e.getValue();
            Optional<TableInfo> existing = current.table(definition.name());
            List<ForeignKeyInfo> keys = definition.foreignKeys().stream()
                    .filter(fk -> loadedTargets.contains(fk.referencedTable()) || !isCreated(fk.referencedTable()))
                    .filter(fk -> existing.map(t -> t.foreignKeys().stream().noneMatch(k -> same(k.columns(), fk.columns()))).orElse(true))
                    .toList();
            List<IndexInfo> indexes = definition.indexes().stream()
                    .filter(i -> existing.map(t -> t.indexes().stream().noneMatch(x -> x.unique() == i.unique() && same(x.columns(), i.columns())))
                            .orElse(true))
                    .toList();
            ddl.afterLoad(new TableDefinition(definition.name(), definition.columns(), definition.primaryKey(), indexes, keys), names)
                    .forEach(sql -> statements.add(Map.entry(definition.name(), sql)));
        }
        return statements;
    }

    /** A step after the load that finished: the table it completes and its statement. */
    public interface Steps {
        void done(String table, String statement) throws SQLException;
    }

    /**
     * Builds the keys, indexes and foreign keys of the created tables in {@code loaded} that {@code current} does not
     * show yet, telling {@code steps} of each as it finishes.
     */
    public void complete(Set<String> loaded, SchemaSnapshot current, Steps steps) throws SQLException {
        List<Map.Entry<String, String>> statements = steps(loaded, current);
        if (statements.isEmpty()) {
            return;
        }
        LOG.info("after the load: {} (--debug shows each statement)", summary(statements.stream().map(Map.Entry::getValue).toList()));
        if (target.dialect().buildsTablesConcurrently()) {
            // each table's key and indexes on a connection of its own, several tables at once; the foreign keys after
            // them all (each references a key built here), one at a time: each locks two tables
            Map<String, List<Map.Entry<String, String>>> byTable = new LinkedHashMap<>();
            List<Map.Entry<String, String>> foreignKeys = new ArrayList<>();
            for (Map.Entry<String, String> step : statements) {
                if (FOREIGN_KEY.matcher(step.getValue()).find()) {
                    foreignKeys.add(step);
                } else {
                    byTable.computeIfAbsent(step.getKey(), t -> new ArrayList<>()).add(step);
                }
            }
            Concurrently.each("migrate-index", plan.settings().parallelism(), List.copyOf(byTable.values()), table -> build(table, steps));
            statements = foreignKeys;
        }
        build(statements, steps);
    }

    private static final Pattern FOREIGN_KEY = Pattern.compile("^\\s*ALTER\\s+TABLE\\s.*\\sFOREIGN\\s+KEY\\s", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** Executes {@code statements} in order on one connection set up for building indexes, telling {@code steps} of each. */
    private void build(List<Map.Entry<String, String>> statements, Steps steps) throws SQLException {
        if (statements.isEmpty()) {
            return;
        }
        try (Connection c = target.connection()) {
            session(c, target.dialect().indexBuildSession());
            try {
                for (Map.Entry<String, String> step : statements) {
                    execute(c, List.of(step.getValue()));
                    steps.done(step.getKey(), step.getValue());
                }
            } finally {
                session(c, target.dialect().indexBuildSessionReset());
            }
        }
    }

    private static void session(Connection c, List<String> statements) throws SQLException {
        for (String sql : statements) {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }
    }

    /**
     * What statements do, counted: {@code created 3 tables, added 1 column}. The dialects write DDL in the standard's
     * words (MySQL's {@code MODIFY} aside), so their first words say what each does.
     */
    static String summary(List<String> statements) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String sql : statements) {
            String s = sql.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
            String what = s.startsWith("CREATE TABLE") ? "created # table"
                    : s.matches("CREATE (UNIQUE )?INDEX.*") ? "built # index"
                    : s.matches("ALTER TABLE .* ADD (CONSTRAINT \\S+ )?PRIMARY KEY.*") ? "added # primary key"
                    : s.matches("ALTER TABLE .* ADD (CONSTRAINT \\S+ )?FOREIGN KEY.*") ? "added # foreign key"
                    : s.matches("ALTER TABLE .* ADD (CONSTRAINT \\S+ )?UNIQUE.*") ? "added # unique constraint"
                    : s.matches("ALTER TABLE .* ADD (COLUMN )?.*") ? "added # column"
                    : s.matches("ALTER TABLE .* (ALTER|MODIFY) .*") ? "changed # column"
                    : "ran # other statement";
            counts.merge(what, 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((what, n) -> parts.add(what.replace("#", String.valueOf(n)) + (n == 1 ? "" : what.endsWith("index") ? "es" : "s")));
        return String.join(", ", parts);
    }

    /** Every statement this run executed on the target's schema. */
    public List<String> executed() {
        return List.copyOf(executed);
    }

    /**
     * Whether created tables get their primary key in CREATE TABLE: where the dialect wants it so, and in MERGE
     * mode, which matches rows on it while loading.
     */
    private boolean keyInCreate() {
        return !target.dialect().primaryKeyAfterLoad() || plan.settings().mode() == WriteMode.MERGE;
    }

    private static boolean same(List<String> a, List<String> b) {
        return a.size() == b.size() && a.stream().map(String::toLowerCase).toList().equals(b.stream().map(String::toLowerCase).toList());
    }

    private boolean isCreated(String targetTable) {
        return created.values().stream().anyMatch(d -> d.name().equals(targetTable));
    }

    private void execute(Connection c, List<String> statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                LOG.debug("{}", sql.replaceAll("\\s*\\n\\s*", " "));
                try {
                    s.execute(sql);
                } catch (SQLException e) {
                    throw new SQLException("schema change failed: " + sql.replaceAll("\\s*\\n\\s*", " ") + ": " + e.getMessage(), e.getSQLState(), e);
                }
                executed.add(sql);
            }
        }
    }

}
