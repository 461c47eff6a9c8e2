package dev.migrate.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.migrate.connect.Database;
import dev.migrate.plan.ColumnTransform;
import dev.migrate.plan.Lookup;
import dev.migrate.plan.MigrationPlan;
import dev.migrate.plan.ScriptError;
import dev.migrate.plan.Suggestions;
import dev.migrate.plan.TableMapping;
import dev.migrate.plan.ValueRule;
import dev.migrate.schema.ColumnInfo;
import dev.migrate.schema.SchemaSnapshot;
import dev.migrate.schema.TableInfo;

/**
 * The lookup tables a script's rules read, each loaded once, before the first row moves, and shared by every
 * worker (read-only from then on).
 */
final class Lookups implements Lookup.Values {

    /** How to read one lookup table. */
    @FunctionalInterface
    private interface Loader {
        Map<Object, Object> load() throws SQLException;
    }

    private final Map<Lookup, Loader> loaders = new HashMap<>();
    private final Map<Lookup, Map<Object, Object>> tables = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The lookup's values, read at first use: a lookup into a table this run fills is read once that table is
     * loaded, which foreign-key order ensures for the tables that reference it.
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
                try {
                    values = loaders.get(lookup).load();
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot read lookup table " + lookup.table() + ": " + Engine.oneLine(e), e);
                }
                tables.put(lookup, values);
            }
            return values;
        }
    }

    static Lookups load(MigrationPlan plan, Database source, SchemaSnapshot sourceSchema, Database target, SchemaSnapshot targetSchema)
            throws SQLException {
        Lookups lookups = new Lookups();
        for (TableMapping mapping : plan.mappings()) {
            for (ColumnTransform t : mapping.transforms()) {
                if (t.rule() == null || t.rule().lookup() == null || lookups.loaders.containsKey(t.rule().lookup())) {
                    continue;
                }
                Lookup lookup = t.rule().lookup();
                Database db = lookup.inSource() ? source : target;
                SchemaSnapshot schema = lookup.inSource() ? sourceSchema : targetSchema;
                String side = lookup.inSource() ? "source" : "target";
                TableInfo table = schema.table(lookup.table()).orElseThrow(() -> new ScriptError(t.location(),
                        "lookup table '" + lookup.table() + "' does not exist in the " + side + Suggestions.nearest(lookup.table(), schema.tableNames())));
                ColumnInfo key = column(table, lookup.key(), t, side);
                ColumnInfo value = column(table, lookup.value(), t, side);
                String sql = "SELECT " + db.dialect().quote(key.name()) + ", " + db.dialect().quote(value.name()) + " FROM " + db.dialect().qualify(table);
                lookups.loaders.put(lookup, () -> {
                    Map<Object, Object> values = new LinkedHashMap<>();
                    // streamed, like a table's rows: only the map itself is held
                    try (Connection c = db.connection()) {
                        db.dialect().prepareStreamingRead(c);
                        try (PreparedStatement s = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                            s.setFetchSize(db.dialect().streamingFetchSize(5_000));
                            var keyReader = db.dialect().reader(key);
                            var valueReader = db.dialect().reader(value);
                            try (ResultSet rs = s.executeQuery()) {
                                while (rs.next()) {
                                    values.put(keyReader.read(rs, 1), valueReader.read(rs, 2));
                                }
                            }
                        } finally {
                            if (!c.getAutoCommit()) {
                                c.rollback();
                                c.setAutoCommit(true);
                            }
                        }
                    } catch (OutOfMemoryError e) {
                        int read = values.size();
                        values.clear();
                        throw new IllegalStateException("lookup table " + lookup.table() + " does not fit in memory (" + read
                                + " rows read): " + Engine.OUT_OF_MEMORY);
                    }
                    return ValueRule.byText(values);
                });
            }
        }
        return lookups;
    }

    private static ColumnInfo column(TableInfo table, String name, ColumnTransform t, String side) {
        return table.column(name).orElseThrow(() -> new ScriptError(t.location(), "lookup column '" + name + "' does not exist in "
                + side + " table " + table.name() + Suggestions.nearest(name, table.columns().stream().map(ColumnInfo::name).toList())));
    }


}
