package dev.migrate.command;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.migrate.connect.Database;
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
        List<String> order = tables.order();
        emptyReplaced(order, found);
        List<TableGenerated> done = new ArrayList<>();
        List<String> filled = new ArrayList<>();
        for (String name : order) {
            try {
                done.add(tables.fill(name, database));
                filled.add(name);
            } catch (SQLException e) {
                // each table commits on its own: say which one refused its rows, and which ones kept theirs
                throw new GenerationFailure("table " + name + ": " + Engine.oneLine(e) + (filled.isEmpty() ? "; no table was filled"
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

    /** {@code replace: true} tables emptied, children first, on one connection; no other table is touched. */
    private void emptyReplaced(List<String> order, Map<String, TableInfo> found) throws SQLException {
        List<String> emptied = new ArrayList<>();
        for (int i = order.size() - 1; i >= 0; i--) {
            String name = order.get(i);
            boolean replace = plan.tables().stream().anyMatch(t -> t.name().equals(name) && t.replace());
            if (replace) {
                emptied.add(database.dialect().qualify(found.get(name)));
            }
        }
        if (emptied.isEmpty()) {
            return;
        }
        try (Connection c = database.connection(); Statement s = c.createStatement()) {
            // DELETE, not TRUNCATE: a parent's TRUNCATE is refused while any table references it, even an empty one
            for (String table : emptied) {
                s.execute("DELETE FROM " + table);
            }
        }
    }
}
