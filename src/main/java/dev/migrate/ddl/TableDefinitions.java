package dev.migrate.ddl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.migrate.dialect.Dialect;
import dev.migrate.plan.ColumnTransform;
import dev.migrate.plan.Identifiers;
import dev.migrate.plan.TableMapping;
import dev.migrate.schema.ColumnInfo;
import dev.migrate.schema.ForeignKeyInfo;
import dev.migrate.schema.IndexInfo;
import dev.migrate.schema.TableInfo;
import dev.migrate.types.DataType;
import dev.migrate.types.TypeKind;

/** Derives the target table a source table becomes under the script's mapping: renamed, without ignored columns. */
public final class TableDefinitions {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern QUOTED = Pattern.compile("('(?:[^']|'')*')(::[\\w ]+)?");
    private static final Pattern NOW = Pattern.compile("(?i)now\\(\\)|current_timestamp(\\(\\d*\\))?|getdate\\(\\)|sysdatetime\\(\\)|sysdate|systimestamp|localtimestamp");

    private TableDefinitions() {
    }

    /**
     * @param targetName   the target table's name
     * @param parents      the mapping of every table of the run, by source name, which a foreign key refers to by its
     *                     target name and target columns; null for a table the run does not move
     * @param identifiers  how the names of the indexes and foreign keys become the target's
     */
    public static TableDefinition from(TableInfo source, TableMapping mapping, Dialect sourceDialect, String targetName,
                                       Function<String, TableMapping> parents, Identifiers identifiers) {
        Map<String, String> renames = new HashMap<>();
        mapping.renames().forEach((from, to) -> source.column(from).ifPresent(c -> renames.put(c.name(), to)));
        List<String> ignored = new ArrayList<>(mapping.ignored().stream().map(i -> source.column(i).map(ColumnInfo::name).orElse(i)).toList());
        if (!mapping.columns().isEmpty()) {
            source.columns().stream().map(ColumnInfo::name)
                    .filter(c -> mapping.columns().stream().noneMatch(o -> o.equalsIgnoreCase(c)))
                    .forEach(ignored::add);
        }
        List<ColumnDefinition> columns = new ArrayList<>();
        for (ColumnInfo column : source.columns()) {
            if (ignored.contains(column.name())) {
                continue;
            }
            DataType type = sourceDialect.dataType(column);
            columns.add(new ColumnDefinition(renames.getOrDefault(column.name(), column.name()), type, column.nullable(),
                    column.autoIncrement() && type.kind().isInteger(), column.autoIncrement() ? null : translateDefault(column.defaultValue(), type, sourceDialect.defaultsAreBareValues()),
                    enumValues(column.declaredType())));
        }
        for (ColumnTransform t : mapping.transforms()) {
            boolean known = columns.stream().anyMatch(c -> c.name().equalsIgnoreCase(t.column()));
            if (!known) {
                // a column computed by the script: its type is not known before the run, text holds any value
                columns.add(new ColumnDefinition(t.column(), DataType.of(TypeKind.TEXT), true, false, null));
            }
        }
        Function<String, String> renamed = c -> renames.getOrDefault(c, c);
        // a key whose columns are not all moved is no key of the new table
        List<String> primaryKey = source.primaryKey().stream().anyMatch(ignored::contains) ? List.of()
                : source.primaryKey().stream().map(renamed).toList();
        List<IndexInfo> indexes = source.indexes().stream()
                .filter(i -> i.columns().stream().noneMatch(ignored::contains))
                .map(i -> new IndexInfo(identifiers.apply(i.name()), i.columns().stream().map(renamed).toList(), i.unique()))
                .toList();
        List<ForeignKeyInfo> foreignKeys = new ArrayList<>();
        for (ForeignKeyInfo fk : source.foreignKeys()) {
            TableMapping parent = parents.apply(fk.referencedTable());
            if (parent == null || fk.columns().stream().anyMatch(ignored::contains)) {
                continue;
            }
            // the parent's key columns under the names the parent's mapping gives them
            Function<String, String> parentColumn = fk.referencedTable().equals(source.name()) ? renamed
                    : c -> parent.renames().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(c)).map(Map.Entry::getValue).findFirst().orElse(c);
            foreignKeys.add(new ForeignKeyInfo(fk.name() == null ? null : identifiers.apply(fk.name()), targetName,
                    fk.columns().stream().map(renamed).toList(), parent.target(), fk.referencedColumns().stream().map(parentColumn).toList()));
        }
        return new TableDefinition(targetName, columns, primaryKey, indexes, foreignKeys);
    }

    /** The values of a declared {@code enum('a','b')}, in order; empty for any other type. */
    static List<String> enumValues(String declared) {
        if (declared == null || !declared.toLowerCase(Locale.ROOT).startsWith("enum(")) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        Matcher m = Pattern.compile("'((?:[^']|'')*)'").matcher(declared);
        while (m.find()) {
            values.add(m.group(1).replace("''", "'"));
        }
        return values;
    }

    /**
     * A source default in neutral form, where it has one: a number, a quoted string, {@code true}/{@code false}
     * for booleans, or {@code CURRENT_TIMESTAMP}. Anything else (a function, a sequence) is left out.
     */
    static String translateDefault(String sourceDefault, DataType type, boolean bareValues) {
        if (sourceDefault == null) {
            return null;
        }
        String value = sourceDefault.trim();
        while (value.startsWith("(") && value.endsWith(")")) {
            value = value.substring(1, value.length() - 1).trim();
        }
        if (value.isEmpty() || value.equalsIgnoreCase("null")) {
            return null;
        }
        if (type.kind() == TypeKind.BOOLEAN) {
            String v = value.toLowerCase(Locale.ROOT).replace("'", "");
            return switch (v) {
                case "1", "true", "b'1'" -> "TRUE";
                case "0", "false", "b'0'" -> "FALSE";
                default -> null;
            };
        }
        if (NUMBER.matcher(value).matches()) {
            return value;
        }
        Matcher quoted = QUOTED.matcher(value);
        if (quoted.matches()) {
            return quoted.group(1);
        }
        if (NOW.matcher(value).matches() && (type.kind() == TypeKind.TIMESTAMP || type.kind() == TypeKind.TIMESTAMP_TZ)) {
            return "CURRENT_TIMESTAMP";
        }
        if (bareValues && type.kind().isCharacter()) {
            return "'" + sourceDefault.replace("'", "''") + "'";
        }
        return null;
    }
}
