package dev.migrate.plan;

import java.util.List;
import java.util.Optional;

/**
 * Everything one migration script says, as an immutable value.
 *
 * @param name     the migration's name, used for reports
 * @param script   the script's file name, for messages
 * @param source   where rows come from
 * @param target   where rows go
 * @param settings how the engine runs
 * @param tables   the tables in the order the script gives; when empty, see {@link #everySourceTable()}
 * @param excludes tables left out
 * @param mappings what the script says per source table
 * @param before   hooks run before any row moves
 * @param after    hooks run after every table is done
 * @param location where the {@code migration} call is
 * @param allTables the script says {@code tables ALL}: every table of the source, whatever else it names
 */
public record MigrationPlan(String name, String script, Endpoint source, Endpoint target, Settings settings,
                            List<TableRef> tables, List<TableFilter> excludes, List<TableMapping> mappings,
                            List<ScriptHook> before, List<ScriptHook> after, ScriptLocation location, boolean allTables) {

    public MigrationPlan(String name, String script, Endpoint source, Endpoint target, Settings settings,
                         List<TableRef> tables, List<TableFilter> excludes, List<TableMapping> mappings,
                         List<ScriptHook> before, List<ScriptHook> after, ScriptLocation location) {
        this(name, script, source, target, settings, tables, excludes, mappings, before, after, location, false);
    }

    public MigrationPlan {
        tables = List.copyOf(tables);
        excludes = List.copyOf(excludes);
        mappings = List.copyOf(mappings);
        before = List.copyOf(before);
        after = List.copyOf(after);
    }

    public Optional<TableMapping> mappingFor(String sourceTable) {
        return mappings.stream().filter(m -> m.source().equalsIgnoreCase(sourceTable)).findFirst();
    }

    /** What the script says about a source table: one mapping per target it goes into; a plain copy when it says nothing. */
    public List<TableMapping> mappingsFor(String sourceTable) {
        List<TableMapping> found = mappings.stream().filter(m -> m.source().equalsIgnoreCase(sourceTable)).toList();
        return found.isEmpty() ? List.of(TableMapping.plain(sourceTable, location)) : found;
    }

    public MigrationPlan withSettings(Settings newSettings) {
        return new MigrationPlan(name, script, source, target, newSettings, tables, excludes, mappings, before, after, location, allTables);
    }

    /** The plan with these connections: a cluster's tasks connect as the run that sent them did. */
    public MigrationPlan withConnections(Endpoint newSource, Endpoint newTarget) {
        return new MigrationPlan(name, script, newSource, newTarget, settings, tables, excludes, mappings, before, after, location, allTables);
    }

    public MigrationPlan withTables(List<TableRef> newTables) {
        return new MigrationPlan(name, script, source, target, settings, newTables, excludes, mappings, before, after, location, allTables);
    }

    /**
     * Whether the run moves every table of the source (less the excluded ones): the script says {@code tables ALL}, or
     * has {@code exclude} and no {@code tables}, or names no table at all (no {@code tables}, {@code table(...)} or
     * {@code query}). A script that names tables moves those and no other.
     */
    public boolean everySourceTable() {
        return tables.isEmpty() && (allTables || !excludes.isEmpty() || mappings.isEmpty());
    }

    /** Whether the run moves this source table (a query is not one). */
    public boolean moves(String table) {
        if (excluded(table)) {
            return false;
        }
        if (!tables.isEmpty()) {
            return tables.stream().anyMatch(t -> t.name().equalsIgnoreCase(table));
        }
        return everySourceTable() || mappings.stream().anyMatch(m -> !m.isQuery() && m.source().equalsIgnoreCase(table));
    }

    public boolean excluded(String table) {
        return excludes.stream().anyMatch(f -> f.matches(table));
    }
}
