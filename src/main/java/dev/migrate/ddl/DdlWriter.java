package dev.migrate.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrate.dialect.Dialect;
import dev.migrate.dialect.NameKind;
import dev.migrate.dialect.NameRules;
import dev.migrate.schema.ForeignKeyInfo;
import dev.migrate.schema.IndexInfo;
import dev.migrate.schema.TableInfo;

/** Writes table definitions as one dialect's DDL. */
public final class DdlWriter {

    private static final Logger LOG = LoggerFactory.getLogger(DdlWriter.class);

    private final Dialect dialect;
    private final String schema;

    /** @param schema the target schema tables are created in, or null for the connection's own */
    public DdlWriter(Dialect dialect, String schema) {
        this.dialect = dialect;
        this.schema = schema;
    }

    public String qualified(String table) {
        return dialect.qualify(new TableInfo(schema, table, List.of(), List.of(), List.of()));
    }

    /** {@code CREATE TABLE} with columns, NOT NULL, defaults and the primary key; no other constraint yet. */
    public String createTable(TableDefinition table) {
        return createTable(table, true);
    }

    /** {@code CREATE TABLE}; {@code withPrimaryKey} false leaves the key to {@link #primaryKey} after the load. */
    public String createTable(TableDefinition table, boolean withPrimaryKey) {
        List<String> lines = new ArrayList<>();
        for (ColumnDefinition c : table.columns()) {
            lines.add(column(c, true));
        }
        if (withPrimaryKey && !table.primaryKey().isEmpty()) {
            lines.add("PRIMARY KEY (" + columns(table.primaryKey()) + ")");
        }
        if (dialect.foreignKeysInCreateTable()) {
            for (ForeignKeyInfo fk : table.foreignKeys()) {
                lines.add("FOREIGN KEY (" + columns(fk.columns()) + ") REFERENCES " + dialect.quote(fk.referencedTable())
                        + " (" + columns(fk.referencedColumns()) + ")");
            }
        }
        return "CREATE TABLE " + qualified(table.name()) + " (\n    " + String.join(",\n    ", lines) + "\n)";
    }

    private String column(ColumnDefinition c, boolean withConstraints) {
        String type = dialect.types().write(c.type(), c.identity());
        if (withConstraints && !c.nullable() && type.endsWith(" NULL")) {
            // a type that says NULL explicitly (MySQL's TIMESTAMP) gives way to the column's NOT NULL
            type = type.substring(0, type.length() - " NULL".length());
        }
        StringBuilder s = new StringBuilder(dialect.quote(c.name())).append(' ').append(type);
        if (withConstraints && c.defaultValue() != null) {
            s.append(" DEFAULT ").append(dialect.types().literal(c.defaultValue(), c.type()));
        }
        if (withConstraints && !c.nullable()) {
            s.append(" NOT NULL");
        }
        if (!c.allowedValues().isEmpty()) {
            // an enumeration becomes text its database checks: every target has CHECK, not every one has ENUM
            s.append(" CHECK (").append(dialect.quote(c.name())).append(" IN (")
                    .append(String.join(", ", c.allowedValues().stream().map(v -> "'" + v.replace("'", "''") + "'").toList()))
                    .append("))");
        }
        return s.toString();
    }

    /** The primary key added once the rows are in. */
    public String primaryKey(TableDefinition table) {
        return "ALTER TABLE " + qualified(table.name()) + " ADD PRIMARY KEY (" + columns(table.primaryKey()) + ")";
    }

    /** {@code ALTER TABLE ... ADD} a column; always nullable, so rows already there stay valid. */
    public String addColumn(String table, ColumnDefinition c) {
        return "ALTER TABLE " + qualified(table) + " ADD " + column(c, false);
    }

    /** Unique constraints and indexes, then foreign keys: what is built once the rows are in. */
    public List<String> afterLoad(TableDefinition table, List<String> usedNames) {
        List<String> statements = new ArrayList<>();
        for (IndexInfo index : table.indexes()) {
            List<ColumnDefinition> columns = table.columns().stream().filter(c -> index.columns().contains(c.name())).toList();
            if (columns.stream().anyMatch(c -> !dialect.canIndex(c.type()))) {
                LOG.warn("index {} on {} not created: {} cannot index {}", index.name(), table.name(), dialect.name(),
                        String.join(", ", columns.stream().filter(c -> !dialect.canIndex(c.type())).map(c -> c.name() + " " + c.type().describe()).toList()));
                continue;
            }
            String name = uniqueName(NameKind.INDEX, index.name(), table.name(), usedNames);
            statements.add("CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX " + dialect.quote(name) + " ON "
                    + qualified(table.name()) + " (" + columns(index.columns()) + ")");
        }
        if (!dialect.foreignKeysInCreateTable()) {
            for (ForeignKeyInfo fk : table.foreignKeys()) {
                statements.add(foreignKey(table.name(), fk, usedNames));
            }
        }
        return statements;
    }

    public String foreignKey(String table, ForeignKeyInfo fk, List<String> usedNames) {
        String name = uniqueName(NameKind.CONSTRAINT, fk.name() == null ? "fk_" + table + "_" + String.join("_", fk.columns()) : fk.name(),
                table, usedNames);
        return "ALTER TABLE " + qualified(table) + " ADD CONSTRAINT " + dialect.quote(name) + " FOREIGN KEY (" + columns(fk.columns())
                + ") REFERENCES " + qualified(fk.referencedTable()) + " (" + columns(fk.referencedColumns()) + ")";
    }

    /** Index and constraint names are unique per schema in some databases: a name used twice gets its table's prefix. */
    private String uniqueName(NameKind kind, String name, String table, List<String> used) {
        String candidate = fitted(kind, name, "");
        if (used.contains(candidate.toLowerCase(Locale.ROOT))) {
            candidate = fitted(kind, table + "_" + name, "");
        }
        for (int n = 2; used.contains(candidate.toLowerCase(Locale.ROOT)); n++) {
            candidate = fitted(kind, table + "_" + name, "_" + n);
        }
        used.add(candidate.toLowerCase(Locale.ROOT));
        return candidate;
    }

    /**
     * {@code name + suffix} where the database holds it as it is; else as much of the name as it holds, then a hash
     * of the whole (two names cut alike stay apart), then the suffix: counted in bytes where the database counts bytes.
     */
    private String fitted(NameKind kind, String name, String suffix) {
        String whole = name + suffix;
        if (dialect.nameProblem(kind, whole).isEmpty()) {
            return whole;
        }
        String tail = String.format(Locale.ROOT, "_%07x", whole.hashCode() & 0xfffffff) + suffix;
        String head = dialect.fitName(kind, name);
        while (!head.isEmpty() && dialect.nameProblem(kind, head + tail).isPresent()) {
            head = NameRules.withoutLastCharacter(head);
        }
        return head + tail;
    }

    private String columns(List<String> names) {
        return String.join(", ", names.stream().map(dialect::quote).toList());
    }
}
