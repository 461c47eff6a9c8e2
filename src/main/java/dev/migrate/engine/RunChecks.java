package dev.migrate.engine;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.migrate.connect.Database;
import dev.migrate.journal.TableState;
import dev.migrate.plan.MigrationPlan;
import dev.migrate.plan.ScriptError;
import dev.migrate.plan.TableMapping;
import dev.migrate.plan.WriteMode;
import dev.migrate.schema.ForeignKeyInfo;
import dev.migrate.schema.SchemaSnapshot;
import dev.migrate.schema.TableInfo;

/** What a run checks before it changes anything in the target, so that a run that will stop stops first. */
public final class RunChecks {

    private RunChecks() {
    }

    /** A {@code where} the source refuses is a mistake in the script: it is reported with the line that says it. */
    public static void whereClauses(MigrationPlan plan, List<TableInfo> selected, Database source) throws SQLException {
        try (Connection c = source.connection(); Statement s = c.createStatement()) {
            for (TableInfo table : selected) {
                for (TableMapping mapping : plan.mappingsFor(table.name())) {
                    if (mapping.where() == null) {
                        continue;
                    }
                    String sql = "SELECT 1 FROM " + JobPlanner.from(mapping, table, source.dialect()) + " WHERE (" + mapping.where() + ") AND 1 = 0";
                    try (ResultSet ignored = s.executeQuery(sql)) {
                        // the source takes it
                    } catch (SQLException e) {
                        if (!c.getAutoCommit()) {
                            c.rollback();
                        }
                        throw new ScriptError(mapping.whereLocation(), "where '" + mapping.where() + "' of table('" + mapping.source()
                                + "') does not run in the source: " + source.endpoint().scrub(Engine.oneLine(e)), e);
                    }
                }
            }
        }
    }

    /** The target tables (as the target names them, or as the script does for tables to be created) a run writes. */
    public static List<String> targetTables(MigrationPlan plan, List<TableInfo> selected, SchemaSnapshot target) {
        Set<String> names = new LinkedHashSet<>();
        for (TableInfo table : selected) {
            for (TableMapping mapping : plan.mappingsFor(table.name())) {
                names.add(target.table(mapping.target()).map(TableInfo::name).orElse(mapping.target()));
            }
        }
        return new ArrayList<>(names);
    }

    /**
     * TRUNCATE_INSERT empties the run's own target tables and nothing else: the tables outside the run that
     * reference one of them (in this schema, or any other the database tells of), by the table they reference.
     */
    public static Map<String, Set<String>> referencedFromOutside(Database target, SchemaSnapshot schema, Collection<String> tables)
            throws SQLException {
        Set<String> inRun = new LinkedHashSet<>();
        tables.forEach(t -> inRun.add(t.toLowerCase(Locale.ROOT)));
        Map<String, Set<String>> outside = new LinkedHashMap<>();
        for (TableInfo other : schema.tables()) {
            if (inRun.contains(other.name().toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (ForeignKeyInfo fk : other.foreignKeys()) {
                if (inRun.contains(fk.referencedTable().toLowerCase(Locale.ROOT))) {
                    outside.computeIfAbsent(fk.referencedTable(), k -> new LinkedHashSet<>()).add(other.name());
                }
            }
        }
        try (Connection c = target.connection()) {
            DatabaseMetaData meta = c.getMetaData();
            boolean catalogs = target.dialect().schemaIsCatalog();
            for (String table : tables) {
                Optional<TableInfo> info = schema.table(table);
                if (info.isEmpty()) {
                    continue;
                }
                try (ResultSet rs = meta.getExportedKeys(catalogs ? target.schema() : null, catalogs ? null : target.schema(), info.get().name())) {
                    while (rs.next()) {
                        String child = rs.getString("FKTABLE_NAME");
                        String childSchema = catalogs ? rs.getString("FKTABLE_CAT") : rs.getString("FKTABLE_SCHEM");
                        boolean sameSchema = childSchema == null || target.schema() == null || childSchema.equalsIgnoreCase(target.schema());
                        if (!sameSchema || !inRun.contains(child.toLowerCase(Locale.ROOT))) {
                            outside.computeIfAbsent(info.get().name(), k -> new LinkedHashSet<>()).add(sameSchema ? child : childSchema + "." + child);
                        }
                    }
                }
            }
        }
        return outside;
    }

    /** The one-line refusal for tables outside the run that reference tables TRUNCATE_INSERT would empty. */
    public static String truncateRefusal(Map<String, Set<String>> outside) {
        List<String> parts = new ArrayList<>();
        Set<String> children = new LinkedHashSet<>();
        outside.forEach((parent, refs) -> {
            parts.add(String.join(", ", refs) + (refs.size() == 1 ? " references " : " reference ") + parent);
            children.addAll(refs);
        });
        return "mode TRUNCATE_INSERT empties the run's target tables, and " + String.join("; ", parts)
                + ", which this run does not load: emptying them would break or cascade into " + String.join(", ", children)
                + "; add " + (children.size() == 1 ? "it" : "them") + " to the run, or use mode INSERT or MERGE (nothing was changed)";
    }

    /**
     * Tables this run must not add to: an earlier run left rows of its own in them and stopped before it finished
     * (in INSERT mode they would be there twice), or an earlier run finished loading them and they have no key to
     * refuse the same rows a second time. Each with the choices, as one line; empty when the run may go on.
     */
    public static List<String> unfinished(MigrationPlan plan, Database target, SchemaSnapshot schema, Map<String, TableState> states) throws SQLException {
        WriteMode mode = plan.settings().mode();
        List<String> refusals = new ArrayList<>();
        TableState previous = unfinishedRun(plan.name(), states);
        for (Map.Entry<String, TableState> entry : states.entrySet()) {
            TableState state = entry.getValue();
            Optional<TableInfo> table = schema.table(entry.getKey());
            if (table.isEmpty() || mode == WriteMode.TRUNCATE_INSERT) {
                continue;
            }
            boolean keyed = !table.get().primaryKey().isEmpty() || table.get().indexes().stream().anyMatch(i -> i.unique());
            boolean ours = previous != null && previous.run().equals(state.run());
            if (state.leftRows() && !(mode == WriteMode.MERGE && keyed) && !isEmpty(target, table.get())) {
                refusals.add("table " + table.get().name() + " was left unfinished by " + state.describeRun() + ", which committed "
                        + String.format(Locale.ROOT, "%,d", state.rowsCommitted()) + " rows into it and stopped"
                        + (state.created() ? " before building its keys and indexes" : "")
                        + "; loading it again in " + mode + " mode would add those rows twice: "
                        + (ours ? CHOICES : "run with settings { mode TRUNCATE_INSERT } to empty it and load it anew, or empty it yourself"));
            } else if (ours && !state.unfinished() && mode == WriteMode.INSERT && !isEmpty(target, table.get())) {
                refusals.add("table " + table.get().name() + " was loaded by " + state.describeRun() + ", which stopped before it finished"
                        + " its other tables; loading it again in INSERT mode would add its rows twice: " + CHOICES);
            } else if (!state.unfinished() && mode == WriteMode.INSERT && !keyed && !isEmpty(target, table.get())) {
                refusals.add("table " + table.get().name() + " already holds the rows of " + state.describeRun()
                        + ", which finished, and has no primary key or unique index to refuse them a second time: use settings { mode"
                        + " TRUNCATE_INSERT } to replace them, mode MERGE with a key (table('...') { key 'column' }), or empty it yourself");
            }
        }
        return refusals;
    }

    /** The two ways on from a run of this migration that stopped half way. */
    static final String CHOICES = "run again with --resume to go on where it stopped, or with --restart to remove what it wrote and begin again";

    /**
     * The latest run of migration {@code migration} that left one of these tables unfinished, as the journal records
     * that table; null when there is none.
     */
    public static TableState unfinishedRun(String migration, Map<String, TableState> states) {
        return states.values().stream().filter(s -> s.unfinished() && migration.equals(s.migration()))
                .max(Comparator.comparing(TableState::started)).orElse(null);
    }

    /**
     * What {@code --restart} removes before it begins again: in INSERT mode, the tables the unfinished run created are
     * emptied (added to {@code emptied}, qualified); a table that held rows before that run cannot be told apart from
     * them, and is refused. Other modes replace or match the rows themselves.
     */
    public static List<String> restart(MigrationPlan plan, Database target, SchemaSnapshot schema, Map<String, TableState> ours, List<String> emptied) {
        List<String> refusals = new ArrayList<>();
        if (plan.settings().mode() != WriteMode.INSERT) {
            return refusals;
        }
        for (TableState state : ours.values()) {
            String name = state.table().contains(".") ? state.table().substring(state.table().lastIndexOf('.') + 1) : state.table();
            Optional<TableInfo> table = schema.table(name);
            if (table.isEmpty() || (state.partitions() == 0 && state.unfinished())) {
                continue;
            }
            if (state.created()) {
                emptied.add(target.dialect().qualify(table.get()));
            } else {
                refusals.add("--restart cannot remove what " + state.describeRun() + " wrote into table " + table.get().name()
                        + ": the table held rows before that run, and its rows cannot be told from them; run with --resume to go on"
                        + " with it, or empty the table yourself");
            }
        }
        return refusals;
    }

    private static boolean isEmpty(Database target, TableInfo table) throws SQLException {
        try (Connection c = target.connection(); Statement s = c.createStatement()) {
            s.setMaxRows(1);
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM " + target.dialect().qualify(table))) {
                return !rs.next();
            }
        }
    }
}
