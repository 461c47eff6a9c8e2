package dev.migrate.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import dev.migrate.ddl.ColumnDefinition;
import dev.migrate.ddl.TableDefinition;
import dev.migrate.ddl.TableDefinitions;
import dev.migrate.dialect.Dialect;
import dev.migrate.dialect.NameKind;
import dev.migrate.plan.MigrationPlan;
import dev.migrate.plan.TableMapping;
import dev.migrate.schema.TableInfo;

/**
 * The names a run gives the target, checked before any DDL: of each table it creates and that table's columns
 * (after the script's renames, with the columns it computes), and of each column it adds to an existing table.
 * A name the target cannot hold, or would change, is a breaking difference whose action is the script's fix.
 */
final class TargetNames {

    private static final String PLACEHOLDER = "new_name";

    private final MigrationPlan plan;
    private final Dialect sourceDialect;
    private final Dialect targetDialect;

    TargetNames(MigrationPlan plan, Dialect sourceDialect, Dialect targetDialect) {
        this.plan = plan;
        this.sourceDialect = sourceDialect;
        this.targetDialect = targetDialect;
    }

    /**
     * The names of the table a mapping creates.
     *
     * @param taken whether a table name is already the target's or another of the run's, so not one to suggest
     */
    List<Difference> ofCreatedTable(TableInfo source, TableMapping mapping, Predicate<String> taken) {
        List<Difference> out = new ArrayList<>();
        String table = mapping.target();
        targetDialect.nameProblem(NameKind.TABLE, table).ifPresent(problem -> {
            String fitted = targetDialect.fitName(NameKind.TABLE, table);
            String name = literal(fitted.isEmpty() || taken.test(fitted) ? PLACEHOLDER : fitted);
            String fix = mapping.isQuery() ? "query " + name + ", '...'"
                    : plan.mappingsFor(source.name()).size() > 1 ? "into(" + name + ") { ... }"
                    : "table(" + literal(source.name()) + ", to: " + name + ")";
            out.add(Difference.of(Difference.Kind.NAME, table, null, Category.BREAKING, problem, "give the table a name " + targetDialect.name() + " can hold: " + fix));
        });
        TableDefinition created = TableDefinitions.from(source, mapping, sourceDialect, table, n -> null, plan.settings().identifiers());
        for (ColumnDefinition column : created.columns()) {
            checkColumn(source, mapping, table, column.name(), created.columns().stream().map(ColumnDefinition::name).toList(), out);
        }
        return out;
    }

    /** The names of the columns {@code schema CREATE_AND_ALTER} adds to an existing table. */
    List<Difference> ofAddedColumns(TableInfo source, TableMapping mapping, TableInfo existing) {
        List<Difference> out = new ArrayList<>();
        TableDefinition wanted = TableDefinitions.from(source, mapping, sourceDialect, existing.name(), n -> null, plan.settings().identifiers());
        List<String> names = new ArrayList<>(existing.columns().stream().map(c -> c.name()).toList());
        wanted.columns().forEach(c -> names.add(c.name()));
        for (ColumnDefinition column : wanted.columns()) {
            if (existing.column(column.name()).isEmpty()) {
                checkColumn(source, mapping, existing.name(), column.name(), names, out);
            }
        }
        return out;
    }

    private void checkColumn(TableInfo source, TableMapping mapping, String table, String column, List<String> others, List<Difference> out) {
        targetDialect.nameProblem(NameKind.COLUMN, column).ifPresent(problem -> {
            String fitted = targetDialect.fitName(NameKind.COLUMN, column);
            String name = literal(fitted.isEmpty() || others.stream().anyMatch(o -> o.equalsIgnoreCase(fitted)) ? PLACEHOLDER : fitted);
            Optional<String> from = sourceColumn(source, mapping, column);
            String fix = from.isPresent() ? "rename " + literal(from.get()) + ", to: " + name : "column(" + name + ") { ... }";
            out.add(Difference.of(Difference.Kind.NAME, table, column, Category.BREAKING, problem, "give the column a name " + targetDialect.name() + " can hold: " + fix));
        });
    }

    /** The source column that becomes target column {@code column}; empty for a column the script computes. */
    private static Optional<String> sourceColumn(TableInfo source, TableMapping mapping, String column) {
        for (Map.Entry<String, String> rename : mapping.renames().entrySet()) {
            if (rename.getValue().equals(column) && source.column(rename.getKey()).isPresent()) {
                return Optional.of(source.column(rename.getKey()).get().name());
            }
        }
        return source.column(column).map(c -> c.name());
    }

    /** A name as the script writes it: a Groovy string in single quotes. */
    private static String literal(String name) {
        StringBuilder s = new StringBuilder("'");
        name.chars().forEach(c -> {
            if (c == '\'' || c == '\\') {
                s.append('\\').append((char) c);
            } else if (Character.isISOControl(c)) {
                s.append(String.format("\\u%04x", c));
            } else {
                s.append((char) c);
            }
        });
        return s.append('\'').toString();
    }
}
