package dev.migrate.diff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.migrate.plan.ColumnTransform;
import dev.migrate.plan.Identifiers;
import dev.migrate.plan.MigrationPlan;
import dev.migrate.plan.ScriptError;
import dev.migrate.plan.ScriptLocation;
import dev.migrate.plan.TableMapping;
import dev.migrate.plan.TableRef;
import dev.migrate.schema.ColumnInfo;
import dev.migrate.schema.TableInfo;

/**
 * The script's plan with the target names its {@code identifiers} setting gives: every table it moves gets a mapping
 * whose target and column renames are the folded source names ({@code Album} into {@code album}, {@code AlbumId} into
 * {@code album_id}). A name the script writes is taken as written: a table's new name, a query's name, a column's
 * {@code rename}, a column it computes. Two source names that would become one target name are a {@link ScriptError}
 * naming both, never one table or column silently filled from two.
 */
public final class NameFolding {

    private final MigrationPlan plan;
    private final List<String> changes;

    private NameFolding(MigrationPlan plan, List<String> changes) {
        this.plan = plan;
        this.changes = List.copyOf(changes);
    }

    /** The names of {@code selected}, the source tables the run moves, under {@code plan}'s setting. */
    public static NameFolding of(MigrationPlan plan, List<TableInfo> selected) {
        Identifiers identifiers = plan.settings().identifiers();
        if (identifiers == Identifiers.AS_IS) {
            return new NameFolding(plan, List.of());
        }
        List<TableMapping> mappings = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        // target name -> the source table that became it by folding, or by the script's own word
        Map<String, TableInfo> tables = new LinkedHashMap<>();
        Map<String, Boolean> folded = new LinkedHashMap<>();
        for (TableInfo table : selected) {
            boolean named = plan.mappings().stream().anyMatch(m -> m.source().equalsIgnoreCase(table.name()));
            List<TableMapping> given = named ? plan.mappingsFor(table.name()) : List.of(TableMapping.plain(table.name(), locationOf(plan, table.name())));
            for (TableMapping mapping : given) {
                boolean keepsName = mapping.isQuery() || !mapping.target().equalsIgnoreCase(mapping.source());
                String target = keepsName ? mapping.target() : identifiers.apply(table.name());
                TableInfo other = tables.get(target);
                if (other != null && other != table && (!keepsName || folded.get(target))) {
                    throw new ScriptError(mapping.location(), "tables '" + other.name() + "' and '" + table.name() + "' both become '" + target
                            + "' under identifiers " + identifiers + "; give one of them a name of its own: table('" + table.name() + "', to: '...')");
                }
                tables.putIfAbsent(target, table);
                folded.merge(target, !keepsName, Boolean::logicalOr);
                if (!target.equals(table.name()) && !keepsName && !changes.contains(table.name() + " → " + target)) {
                    changes.add(table.name() + " → " + target);
                }
                mappings.add(columns(mapping, table, target, identifiers, changes));
            }
        }
        plan.mappings().stream().filter(m -> selected.stream().noneMatch(t -> t.name().equalsIgnoreCase(m.source()))).forEach(mappings::add);
        MigrationPlan named = new MigrationPlan(plan.name(), plan.script(), plan.source(), plan.target(), plan.settings(), plan.tables(),
                plan.excludes(), mappings, plan.before(), plan.after(), plan.location());
        return new NameFolding(named, changes);
    }

    /** The plan with every target name decided. */
    public MigrationPlan plan() {
        return plan;
    }

    /** The names the setting changes, as {@code Album → album} and {@code Album.AlbumId → album.album_id}, in the run's order. */
    public List<String> changes() {
        return changes;
    }

    private static TableMapping columns(TableMapping mapping, TableInfo table, String target, Identifiers identifiers, List<String> changes) {
        Map<String, String> renames = new LinkedHashMap<>(mapping.renames());
        // target column -> the source column it comes from
        Map<String, String> taken = new LinkedHashMap<>();
        Map<String, Boolean> byFolding = new LinkedHashMap<>();
        for (ColumnInfo column : table.columns()) {
            if (mapping.ignored().stream().anyMatch(i -> i.equalsIgnoreCase(column.name()))
                    || !mapping.columns().isEmpty() && mapping.columns().stream().noneMatch(o -> o.equalsIgnoreCase(column.name()))) {
                continue;
            }
            Optional<String> written = renamed(mapping.renames(), column.name());
            String name = written.orElse(identifiers.apply(column.name()));
            String other = taken.get(name);
            if (other != null && (written.isEmpty() || byFolding.get(name))) {
                throw new ScriptError(mapping.location(), "table " + table.name() + ": columns '" + other + "' and '" + column.name() + "' both become '"
                        + name + "' under identifiers " + identifiers + "; give one of them a name of its own: rename '" + column.name() + "', to: '...'");
            }
            taken.putIfAbsent(name, column.name());
            byFolding.merge(name, written.isEmpty(), Boolean::logicalOr);
            if (written.isEmpty() && !name.equals(column.name())) {
                renames.put(column.name(), name);
                changes.add(table.name() + "." + column.name() + " → " + target + "." + name);
            }
        }
        List<ColumnTransform> transforms = mapping.transforms().stream()
                .map(t -> new ColumnTransform(targetColumn(mapping, table, t.column(), identifiers), t.transform(), t.rule(), t.location())).toList();
        List<String> key = mapping.key().stream().map(k -> targetColumn(mapping, table, k, identifiers)).toList();
        return new TableMapping(mapping.source(), target, renames, mapping.ignored(), transforms, mapping.where(), key, mapping.query(), mapping.rows(),
                mapping.columns(), mapping.distinct(), mapping.location(), mapping.whereLocation());
    }

    /** A column the script names by its target name: a source column's folded name, unless the script renames it or computes it. */
    private static String targetColumn(TableMapping mapping, TableInfo table, String column, Identifiers identifiers) {
        Optional<ColumnInfo> source = table.column(column);
        if (source.isEmpty() || renamed(mapping.renames(), source.get().name()).isPresent()
                || mapping.renames().containsValue(column)) {
            return column;
        }
        return identifiers.apply(source.get().name());
    }

    private static Optional<String> renamed(Map<String, String> renames, String column) {
        return renames.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(column)).map(Map.Entry::getValue).findFirst();
    }

    private static ScriptLocation locationOf(MigrationPlan plan, String table) {
        return plan.tables().stream().filter(t -> t.name().equalsIgnoreCase(table)).map(TableRef::location).findFirst().orElse(plan.location());
    }
}
