package dev.migrate.ddl;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrate.connect.Database;
import dev.migrate.plan.MigrationPlan;
import dev.migrate.plan.SchemaMode;
import dev.migrate.plan.TableMapping;
import dev.migrate.schema.ForeignKeyInfo;
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
    private final List<String> executed = new ArrayList<>();

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
        if (mode == SchemaMode.NONE) {
            return statements;
        }
        Map<String, String> targetNames = new HashMap<>();
        for (TableInfo t : tables) {
            targetNames.put(t.name(), plan.mappingsFor(t.name()).get(0).target());
        }
        for (TableInfo table : tables) {
          for (TableMapping mapping : plan.mappingsFor(table.name())) {
            Optional<TableInfo> existing = targetSchema.table(mapping.target());
            if (existing.isEmpty() && created.containsKey(mapping.target().toLowerCase())) {
                // a second source into a table this run creates: its columns join the first one's
                TableDefinition first = created.get(mapping.target().toLowerCase());
                TableDefinition more = TableDefinitions.from(table, mapping, source.dialect(), mapping.target(), targetNames::get);
                List<ColumnDefinition> columns = new ArrayList<>(first.columns());
                more.columns().stream().filter(c -> columns.stream().noneMatch(f -> f.name().equalsIgnoreCase(c.name())))
                        .map(c -> new ColumnDefinition(c.name(), c.type(), true, false, c.defaultValue(), c.allowedValues()))
                        .forEach(columns::add);
                TableDefinition merged = new TableDefinition(first.name(), columns, first.primaryKey(), first.indexes(), first.foreignKeys());
                created.put(mapping.target().toLowerCase(), merged);
                statements.set(statements.indexOf(ddl.createTable(first, keyInCreate())), ddl.createTable(merged, keyInCreate()));
            } else if (existing.isEmpty()) {
                TableDefinition definition = TableDefinitions.from(table, mapping, source.dialect(), mapping.target(), targetNames::get);
                created.put(mapping.target().toLowerCase(), definition);
                statements.add(ddl.createTable(definition, keyInCreate()));
            } else if (mode == SchemaMode.CREATE_AND_ALTER) {
                TableDefinition definition = TableDefinitions.from(table, mapping, source.dialect(), existing.get().name(), n -> null);
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

    /** Runs {@link #beforeLoad}; true when it changed anything, so the target's catalog must be read again. */
    public boolean prepare(List<TableInfo> tables, SchemaSnapshot targetSchema) throws SQLException {
        List<String> statements = beforeLoad(tables, targetSchema);
        execute(statements);
        return !statements.isEmpty();
    }

    /**
     * The statements that complete the tables this run created, once they hold their rows.
     *
     * @param loaded the target tables (lower case) every job of which finished
     */
    public List<String> afterLoad(Set<String> loaded) {
        List<String> statements = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Set<String> loadedTargets = new java.util.HashSet<>();
        created.forEach((target, definition) -> {
            if (loaded.contains(target)) {
                loadedTargets.add(definition.name());
            }
        });
        if (!keyInCreate()) {
            // every primary key first: the foreign keys below reference them
            created.forEach((target, definition) -> {
                if (loaded.contains(target) && !definition.primaryKey().isEmpty()) {
                    statements.add(ddl.primaryKey(definition));
                }
            });
        }
        for (Map.Entry<String, TableDefinition> e : created.entrySet()) {
            if (!loaded.contains(e.getKey())) {
                continue;
            }
            TableDefinition definition = e.getValue();
            List<ForeignKeyInfo> keys = definition.foreignKeys().stream()
                    .filter(fk -> loadedTargets.contains(fk.referencedTable()) || !isCreated(fk.referencedTable())).toList();
            statements.addAll(ddl.afterLoad(new TableDefinition(definition.name(), definition.columns(), definition.primaryKey(),
                    definition.indexes(), keys), names));
        }
        return statements;
    }

    public void complete(Set<String> loaded) throws SQLException {
        List<String> statements = afterLoad(loaded);
        if (statements.isEmpty()) {
            return;
        }
        try (Connection c = target.connection()) {
            session(c, target.dialect().indexBuildSession());
            try {
                execute(c, statements);
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

    /** Every statement this run executed on the target's schema. */
    public List<String> executed() {
        return List.copyOf(executed);
    }

    /**
     * Whether created tables get their primary key in CREATE TABLE: where the dialect wants it so, and in MERGE
     * mode, which matches rows on it while loading.
     */
    private boolean keyInCreate() {
        return !target.dialect().primaryKeyAfterLoad() || plan.settings().mode() == dev.migrate.plan.WriteMode.MERGE;
    }

    private boolean isCreated(String targetTable) {
        return created.values().stream().anyMatch(d -> d.name().equals(targetTable));
    }

    private void execute(List<String> statements) throws SQLException {
        if (statements.isEmpty()) {
            return;
        }
        try (Connection c = target.connection()) {
            execute(c, statements);
        }
    }

    private void execute(Connection c, List<String> statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                LOG.info("{}", sql.replaceAll("\\s*\\n\\s*", " "));
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
