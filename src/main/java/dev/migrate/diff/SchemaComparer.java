package dev.migrate.diff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.migrate.dialect.Dialect;
import dev.migrate.plan.ColumnTransform;
import dev.migrate.plan.MigrationPlan;
import dev.migrate.plan.SchemaMode;
import dev.migrate.plan.TableMapping;
import dev.migrate.schema.ColumnInfo;
import dev.migrate.schema.ForeignKeyInfo;
import dev.migrate.schema.IndexInfo;
import dev.migrate.schema.Names;
import dev.migrate.schema.SchemaSnapshot;
import dev.migrate.schema.TableInfo;
import dev.migrate.types.DataType;

/**
 * Compares the tables a script moves, as its renames and transforms shape them, with the target's tables,
 * and classifies every difference.
 */
public final class SchemaComparer {

    private final MigrationPlan plan;
    private final Dialect sourceDialect;
    private final Dialect targetDialect;

    public SchemaComparer(MigrationPlan plan, Dialect sourceDialect, Dialect targetDialect) {
        this.plan = plan;
        this.sourceDialect = sourceDialect;
        this.targetDialect = targetDialect;
    }

    public List<Difference> compare(List<TableInfo> sources, SchemaSnapshot target) {
        List<Difference> differences = new ArrayList<>();
        TargetNames names = new TargetNames(plan, sourceDialect, targetDialect);
        Set<String> runTargets = sources.stream().flatMap(s -> plan.mappingsFor(s.name()).stream())
                .map(m -> m.target().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        for (TableInfo source : sources) {
          for (TableMapping mapping : plan.mappingsFor(source.name())) {
            Optional<TableInfo> existing = target.table(mapping.target());
            if (existing.isEmpty()) {
                differences.add(plan.settings().schema() == SchemaMode.NONE
                        ? Difference.of(Difference.Kind.TABLE_MISSING, mapping.target(), null, Category.BREAKING, "missing in the target",
                                "create it, or let the run create it (settings { schema CREATE })")
                        : Difference.of(Difference.Kind.TABLE_MISSING, mapping.target(), null, Category.SAFE, "missing in the target",
                                "created with " + (source.columns().size() - mapping.ignored().size()) + " columns"
                                        + (source.primaryKey().isEmpty() ? "" : " and its primary key")
                                        + "; its indexes and foreign keys after the load"));
                if (plan.settings().schema() != SchemaMode.NONE) {
                    addNew(differences, names.ofCreatedTable(source, mapping,
                            t -> runTargets.contains(t.toLowerCase(Locale.ROOT)) || target.table(t).isPresent()));
                }
                continue;
            }
            compareTable(source, mapping, existing.get(), differences);
            if (plan.settings().schema() == SchemaMode.CREATE_AND_ALTER) {
                addNew(differences, names.ofAddedColumns(source, mapping, existing.get()));
            }
          }
        }
        return differences;
    }

    /** Adds what is not listed yet: tables fed by several sources would name their problems once per source. */
    private static void addNew(List<Difference> differences, List<Difference> more) {
        more.stream().filter(d -> !differences.contains(d)).forEach(differences::add);
    }

    private void compareTable(TableInfo source, TableMapping mapping, TableInfo target, List<Difference> out) {
        String table = target.name();
        Map<String, ColumnTransform> transforms = new HashMap<>();
        mapping.transforms().forEach(t -> target.column(t.column()).ifPresent(c -> transforms.put(c.name(), t)));
        Set<String> ignored = mapping.ignored().stream().map(i -> i.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        if (!mapping.columns().isEmpty()) {
            source.columns().stream().map(c -> c.name().toLowerCase(Locale.ROOT))
                    .filter(c -> mapping.columns().stream().noneMatch(o -> o.equalsIgnoreCase(c)))
                    .forEach(ignored::add);
        }
        Map<String, String> renames = new HashMap<>();
        mapping.renames().forEach((from, to) -> renames.put(from.toLowerCase(Locale.ROOT), to));

        Map<String, ColumnInfo> fed = new LinkedHashMap<>();
        List<ColumnInfo> unmatched = new ArrayList<>();
        for (ColumnInfo column : source.columns()) {
            if (ignored.contains(column.name().toLowerCase(Locale.ROOT))) {
                continue;
            }
            String wanted = renames.getOrDefault(column.name().toLowerCase(Locale.ROOT), column.name());
            Optional<ColumnInfo> targetColumn = target.column(wanted);
            if (targetColumn.isPresent()) {
                fed.put(targetColumn.get().name(), column);
                compareColumn(table, column, targetColumn.get(), transforms.containsKey(targetColumn.get().name()), out);
            } else {
                unmatched.add(column);
            }
        }
        List<ColumnInfo> unfed = target.columns().stream().filter(c -> !fed.containsKey(c.name()) && !c.generated()).toList();
        List<RenameDetector.Rename> renamesFound = RenameDetector.pair(
                unmatched.stream().map(ColumnInfo::name).toList(),
                unfed.stream().filter(c -> !transforms.containsKey(c.name())).map(ColumnInfo::name).toList(),
                (s, t) -> compatible(source.column(s).orElseThrow(), target.column(t).orElseThrow()));
        for (ColumnInfo column : unmatched) {
            Optional<RenameDetector.Rename> rename = renamesFound.stream().filter(r -> r.source().equals(column.name())).findFirst();
            if (rename.isPresent() && rename.get().certain()) {
                ColumnInfo targetColumn = target.column(rename.get().target()).orElseThrow();
                fed.put(targetColumn.name(), column);
                out.add(Difference.of(Difference.Kind.RENAMED, table, column.name(), Category.TRANSFORMABLE, "renamed to " + targetColumn.name() + " (confidence 1.00)",
                        "moved into " + targetColumn.name()).renamed(targetColumn.name(), 1.0));
                compareColumn(table, column, targetColumn, transforms.containsKey(targetColumn.name()), out);
            } else if (rename.isPresent()) {
                out.add(Difference.of(Difference.Kind.PROBABLY_RENAMED, table, column.name(), Category.BREAKING, String.format(Locale.ROOT,
                        "no target column; probably renamed to %s (confidence %.2f)", rename.get().target(), rename.get().confidence()),
                        "confirm with rename '" + column.name() + "', to: '" + rename.get().target() + "', or ignore '" + column.name() + "'")
                        .renamed(rename.get().target(), rename.get().confidence()));
            } else {
                out.add(Difference.of(Difference.Kind.NO_TARGET_COLUMN, table, column.name(), Category.BREAKING, "no target column",
                        Difference.renameHint(column.name()) + ", or ignore '" + column.name() + "' to leave its data behind"));
            }
        }
        for (ColumnInfo column : unfed) {
            if (fed.containsKey(column.name()) || renamesFound.stream().anyMatch(r -> r.target().equals(column.name()) && !r.certain())) {
                continue;
            }
            if (transforms.containsKey(column.name())) {
                out.add(Difference.of(Difference.Kind.ONLY_IN_TARGET, table, column.name(), Category.TRANSFORMABLE, "only in the target", "computed by the script's column('" + column.name() + "')"));
            } else if (column.autoIncrement()) {
                out.add(Difference.of(Difference.Kind.ONLY_IN_TARGET, table, column.name(), Category.SAFE, "only in the target, generated", "numbered by the target"));
            } else if (column.defaultValue() != null) {
                out.add(Difference.of(Difference.Kind.ONLY_IN_TARGET, table, column.name(), Category.SAFE, "only in the target", "gets its default " + column.defaultValue()));
            } else if (column.nullable()) {
                out.add(Difference.of(Difference.Kind.ONLY_IN_TARGET, table, column.name(), Category.SAFE, "only in the target", "left NULL"));
            } else {
                out.add(Difference.of(Difference.Kind.ONLY_IN_TARGET, table, column.name(), Category.BREAKING, "only in the target, NOT NULL without a default",
                        "give its value: column('" + column.name() + "') { value, row -> ... }"));
            }
        }
        compareKeys(source, mapping, target, ignored, out);
    }

    private boolean compatible(ColumnInfo source, ColumnInfo target) {
        return TypeCompatibility.compare(sourceDialect.dataType(source), targetDialect.dataType(target)).kind()
                != TypeCompatibility.Verdict.Kind.INCOMPATIBLE;
    }

    private void compareColumn(String table, ColumnInfo source, ColumnInfo target, boolean transformed, List<Difference> out) {
        DataType from = sourceDialect.dataType(source);
        DataType to = targetDialect.dataType(target);
        TypeCompatibility.Verdict verdict = TypeCompatibility.compare(from, to);
        String column = target.name();
        if (verdict.category() != null) {
            String what = "type " + from.describe() + " -> " + to.describe();
            Integer shorter = verdict.kind() == TypeCompatibility.Verdict.Kind.NARROWING && from.kind().isCharacter() && to.kind().isCharacter()
                    ? to.length() : null;
            if (transformed) {
                out.add(typeDifference(table, column, Category.TRANSFORMABLE, what, "decided by the script's column('" + column + "')", from, to, shorter));
            } else if (verdict.kind() == TypeCompatibility.Verdict.Kind.NARROWING && !sourceDialect.enforcesDeclaredTypes()) {
                out.add(typeDifference(table, column, Category.TRANSFORMABLE, what, verdict.reason() + "; " + sourceDialect.name()
                        + " does not hold values to their declared type, so each value is checked and one that does not fit fails its row", from, to, shorter));
            } else if (verdict.category() == Category.BREAKING) {
                out.add(typeDifference(table, column, Category.BREAKING, what + ": " + verdict.reason(),
                        "decide with column('" + column + "') { ... } or ignore '" + source.name() + "'", from, to, shorter));
            } else {
                out.add(typeDifference(table, column, Category.TRANSFORMABLE, what, verdict.reason(), from, to, shorter));
            }
        }
        if (source.nullable() && !target.nullable() && !transformed && !target.autoIncrement()) {
            out.add(Difference.of(Difference.Kind.NULLABILITY, table, column, Category.TRANSFORMABLE, "NULL allowed in the source, NOT NULL in the target",
                    "a NULL fails its row; to give NULLs a value: column('" + column + "') { it ?: ... }"));
        }
        if (source.defaultValue() != null && target.defaultValue() == null && !source.autoIncrement() && !target.autoIncrement()) {
            out.add(Difference.of(Difference.Kind.DEFAULT, table, column, Category.SAFE, "default " + source.defaultValue() + " only in the source",
                    "values are copied; new rows in the target get no default"));
        }
    }

    private void compareKeys(TableInfo source, TableMapping mapping, TableInfo target, Set<String> ignored, List<Difference> out) {
        String table = target.name();
        Predicate<List<String>> kept = cols -> cols.stream().noneMatch(c -> ignored.contains(c.toLowerCase(Locale.ROOT)));
        List<String> sourceKey = kept.test(source.primaryKey()) ? renamed(source.primaryKey(), mapping) : List.of();
        if (!sameColumns(sourceKey, target.primaryKey()) && !(sourceKey.isEmpty() && !kept.test(source.primaryKey()))) {
            out.add(Difference.of(Difference.Kind.PRIMARY_KEY, table, null, target.primaryKey().isEmpty() ? Category.SAFE : Category.TRANSFORMABLE,
                    "primary key (" + String.join(", ", sourceKey) + ") -> (" + String.join(", ", target.primaryKey()) + ")",
                    target.primaryKey().isEmpty() ? "the target accepts duplicate rows"
                            : "rows that collide on the target's key fail their partition"));
        }
        for (IndexInfo index : target.indexes()) {
            if (index.unique() && source.indexes().stream().noneMatch(i -> i.unique() && sameColumns(renamed(i.columns(), mapping), index.columns()))
                    && !sameColumns(sourceKey, index.columns())) {
                out.add(Difference.of(Difference.Kind.UNIQUE, table, null, Category.TRANSFORMABLE, "unique (" + String.join(", ", index.columns()) + ") only in the target",
                        "rows with equal values fail their partition"));
            }
        }
        for (IndexInfo index : source.indexes()) {
            if (!kept.test(index.columns())) {
                continue;
            }
            List<String> columns = renamed(index.columns(), mapping);
            if (target.indexes().stream().noneMatch(i -> sameColumns(i.columns(), columns))) {
                out.add(Difference.of(Difference.Kind.INDEX, table, null, Category.SAFE, (index.unique() ? "unique index (" : "index (") + String.join(", ", columns)
                        + ") only in the source", "not added to an existing table"));
            }
        }
        for (ForeignKeyInfo fk : source.foreignKeys()) {
            if (!kept.test(fk.columns())) {
                continue;
            }
            List<String> columns = renamed(fk.columns(), mapping);
            if (target.foreignKeys().stream().noneMatch(k -> sameColumns(k.columns(), columns))) {
                out.add(Difference.of(Difference.Kind.FOREIGN_KEY, table, null, Category.SAFE, "foreign key (" + String.join(", ", columns) + ") -> " + fk.referencedTable()
                        + " only in the source", "not added to an existing table"));
            }
        }
    }

    private static Difference typeDifference(String table, String column, Category category, String what, String action,
                                             DataType from, DataType to, Integer shorter) {
        return Difference.of(Difference.Kind.TYPE, table, column, category, what, action).types(from.describe(), to.describe(), shorter);
    }

    private static List<String> renamed(List<String> columns, TableMapping mapping) {
        Map<String, String> renames = new HashMap<>();
        mapping.renames().forEach((from, to) -> renames.put(from.toLowerCase(Locale.ROOT), to));
        return columns.stream().map(c -> renames.getOrDefault(c.toLowerCase(Locale.ROOT), c)).toList();
    }

    private static boolean sameColumns(List<String> a, List<String> b) {
        return a.size() == b.size() && a.stream().map(Names::fold).toList().equals(b.stream().map(Names::fold).toList());
    }
}
