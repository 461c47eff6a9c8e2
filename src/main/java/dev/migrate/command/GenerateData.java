package dev.migrate.command;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.migrate.connect.Database;
import dev.migrate.dialect.ConstraintChecks;
import dev.migrate.engine.Engine;
import dev.migrate.generate.GeneratedTable;
import dev.migrate.generate.GenerationFailure;
import dev.migrate.generate.GenerationPlan;
import dev.migrate.generate.TableGenerated;
import dev.migrate.generate.Tables;
import dev.migrate.plan.ScriptError;
import dev.migrate.plan.Suggestions;
import dev.migrate.schema.SchemaSnapshot;
import dev.migrate.schema.TableInfo;

/**
 * The {@code generate} command over one database: creates the block's missing tables where it says how, resolves the
 * block against the catalog (every mistake found before a row is written), empties the tables it says to replace and
 * nothing else, then fills the tables parents first.
 */
public final class GenerateData {

    private final Database database;
    private final GenerationPlan plan;

    public GenerateData(Database database, GenerationPlan plan) {
        this.database = database;
        this.plan = plan;
    }

    /** What one generation did, table by table, in the order the tables were filled. */
    public record Result(String database, long seed, List<TableGenerated> tables) {
    }

    public Result generate() throws SQLException {
        SchemaSnapshot schema = createMissing(database.readSchema());
        Map<String, TableInfo> found = new LinkedHashMap<>();
        for (GeneratedTable t : plan.tables()) {
            found.put(t.name(), schema.table(t.name()).orElseThrow());
        }
        Tables tables = Tables.resolve(plan, found, schema, database.dialect());
        List<List<String>> groups = tables.groups();
        emptyReplaced(groups, found);
        List<TableGenerated> done = new ArrayList<>();
        List<String> filled = new ArrayList<>();
        for (List<String> group : groups) {
            try {
                if (group.size() > 1) {
                    done.addAll(tables.fillCycle(group, database));
                } else {
                    done.add(tables.fill(group.get(0), database));
                }
                filled.addAll(group);
            } catch (SQLException e) {
                // each table (each cycle) commits on its own: say which one refused its rows, and which ones kept theirs
                String which = group.size() > 1 ? "tables " + String.join(", ", group) : "table " + group.get(0);
                throw new GenerationFailure(which + ": " + Engine.oneLine(e) + (filled.isEmpty() ? "; no table was filled"
                        : "; the tables filled before it keep their rows (" + String.join(", ", filled) + ")"), e);
            }
        }
        return new Result(database.endpoint().safeUrl(), plan.seed(), done);
    }

    /** Runs a table's {@code create} where the table is missing; a missing table without one is an error naming it. */
    private SchemaSnapshot createMissing(SchemaSnapshot schema) throws SQLException {
        boolean created = false;
        for (GeneratedTable t : plan.tables()) {
            if (schema.table(t.name()).isPresent()) {
                continue;
            }
            if (t.create() == null) {
                throw new ScriptError(t.location(), "generate: no table '" + t.name() + "' in " + database.endpoint().safeUrl()
                        + Suggestions.nearest(t.name(), schema.tableNames()));
            }
            try (Connection c = database.connection(); Statement s = c.createStatement()) {
                s.execute(t.create());
            }
            created = true;
        }
        if (!created) {
            return schema;
        }
        SchemaSnapshot again = database.readSchema();
        for (GeneratedTable t : plan.tables()) {
            if (again.table(t.name()).isEmpty()) {
                throw new ScriptError(t.location(), "table('" + t.name() + "'): its create statement made no table of that name");
            }
        }
        return again;
    }

    /**
     * {@code replace: true} tables emptied, children first, in one transaction; no other table is touched. The tables of a
     * cycle that are all replaced are emptied with foreign-key checks off, since each holds the other's rows; any other
     * table still referenced by rows that stay is refused by the database, and nothing is emptied.
     */
    private void emptyReplaced(List<List<String>> groups, Map<String, TableInfo> found) throws SQLException {
        List<List<String>> emptied = new ArrayList<>();
        for (int i = groups.size() - 1; i >= 0; i--) {
            List<String> group = groups.get(i);
            List<String> replaced = new ArrayList<>();
            for (int j = group.size() - 1; j >= 0; j--) {
                if (replaced(group.get(j))) {
                    replaced.add(database.dialect().qualify(found.get(group.get(j))));
                }
            }
            if (replaced.size() > 1 && replaced.size() == group.size()) {
                emptied.add(replaced);
            } else {
                replaced.forEach(table -> emptied.add(List.of(table)));
            }
        }
        if (emptied.isEmpty()) {
            return;
        }
        ConstraintChecks checks = database.dialect().constraintChecks().orElse(null);
        try (Connection c = database.connection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                // DELETE, not TRUNCATE: a parent's TRUNCATE is refused while any table references it, even an empty one
                for (List<String> together : emptied) {
                    boolean cycle = together.size() > 1 && checks != null;
                    if (cycle) {
                        for (String sql : checks.disable()) {
                            s.execute(sql);
                        }
                    }
                    try {
                        for (String table : together) {
                            s.execute("DELETE FROM " + table);
                        }
                    } finally {
                        if (cycle) {
                            for (String sql : checks.enable()) {
                                s.execute(sql);
                            }
                        }
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private boolean replaced(String name) {
        return plan.tables().stream().anyMatch(t -> t.name().equals(name) && t.replace());
    }
}
