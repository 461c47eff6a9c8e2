package dev.migrate.generate;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import dev.migrate.connect.Database;
import dev.migrate.dialect.Dialect;
import dev.migrate.plan.ScriptError;
import dev.migrate.plan.Suggestions;
import dev.migrate.schema.ColumnInfo;
import dev.migrate.schema.ForeignKeyInfo;
import dev.migrate.schema.IndexInfo;
import dev.migrate.schema.Names;
import dev.migrate.schema.SchemaSnapshot;
import dev.migrate.schema.TableInfo;
import dev.migrate.transfer.TargetColumn;
import dev.migrate.transfer.ValueKind;
import net.datafaker.Faker;

/**
 * A table of a generate block resolved against the database's catalog: the columns written and how each is made, its
 * references with their parents' keys, its unique keys. Every mistake of the block is found here, before a row is written.
 */
final class TableLayout {

    private final TableInfo table;
    private final GeneratedTable spec;
    private final List<Slot> slots = new ArrayList<>();
    private final List<Link> references = new ArrayList<>();
    private final List<TableGenerator.UniqueKey> uniqueKeys = new ArrayList<>();

    /** A reference of the table, with the keys its parent has (read once the parent is filled). */
    static final class Link {
        private final Reference reference;
        private final List<Slot> slots;
        private List<Object[]> parentKeys = List.of();
        /** For a reference into the table's own numbered key: how many of the parent keys were there before; -1 otherwise. */
        private int existing = -1;
        private Set<Object> firstValues;

        Link(Reference reference, List<Slot> slots) {
            this.reference = reference;
            this.slots = List.copyOf(slots);
        }

        Reference reference() {
            return reference;
        }

        List<Slot> slots() {
            return slots;
        }

        boolean enforced() {
            return reference.enforced();
        }

        List<Object[]> parentKeys() {
            return parentKeys;
        }

        /**
         * How many of the parent keys row {@code n} may point at: all of them, or, for a reference into the table's own
         * numbered key, the keys that were there before and those of the rows made before this one.
         */
        int available(long n) {
            return existing < 0 ? parentKeys.size() : (int) Math.min(parentKeys.size(), existing + n - 1);
        }

        /** The key row {@code n} itself gets, for a reference into the table's own numbered key that has nothing else to point at. */
        Object[] own(long n) {
            return existing < 0 ? null : parentKeys.get((int) (existing + n - 1));
        }

        /** A value of the first column that no parent has: what a legacy row pointing nowhere holds. */
        Object orphan(Random random, int maxLength) {
            if (firstValues == null) {
                firstValues = new HashSet<>();
                parentKeys.forEach(k -> firstValues.add(k[0]));
            }
            if (parentKeys.get(0)[0] instanceof Number) {
                long largest = parentKeys.stream().map(k -> k[0]).filter(Number.class::isInstance)
                        .mapToLong(v -> ((Number) v).longValue()).max().orElse(0);
                return largest + 1 + random.nextInt(1000);
            }
            while (true) {
                String candidate = ColumnDefaults.fit("X" + (100_000 + random.nextInt(900_000)), maxLength);
                if (!firstValues.contains(candidate)) {
                    return candidate;
                }
            }
        }
    }

    private TableLayout(TableInfo table, GeneratedTable spec) {
        this.table = table;
        this.spec = spec;
    }

    /** The block's table against the catalog; a column or reference the table does not have is a script error naming it. */
    static TableLayout resolve(GeneratedTable spec, TableInfo table, SchemaSnapshot schema, Dialect dialect) {
        TableLayout layout = new TableLayout(table, spec);
        List<String> names = table.columns().stream().map(ColumnInfo::name).toList();
        for (ColumnRecipe recipe : spec.columns()) {
            ColumnInfo column = table.column(recipe.column()).orElseThrow(() -> new ScriptError(recipe.location(),
                    "column('" + recipe.column() + "'): no such column in table " + table.name() + Suggestions.nearest(recipe.column(), names)));
            if (column.generated()) {
                throw new ScriptError(recipe.location(), "column('" + recipe.column() + "'): the database computes " + table.name() + "."
                        + column.name() + " itself; leave it out");
            }
        }
        for (ColumnInfo column : table.columns()) {
            Optional<ColumnRecipe> recipe = spec.columns().stream().filter(r -> r.column().equalsIgnoreCase(column.name())).findFirst();
            if (column.generated() || column.autoIncrement() && recipe.isEmpty()) {
                continue; // the database numbers it
            }
            ValueKind kind = dialect.kindOf(column);
            layout.slots.add(new Slot(layout.slots.size(), column, kind, dialect.converter(kind, ZoneOffset.UTC), recipe.orElse(null)));
        }
        layout.linkReferences(schema);
        layout.findUniqueKeys();
        for (Slot slot : layout.slots) {
            if (slot.recipe == null && slot.reference < 0 && !slot.numbered && (slot.kind == ValueKind.OTHER || spatial(slot.column)) && !slot.column.nullable()) {
                throw new ScriptError(spec.location(), "table " + table.name() + ", column " + slot.name() + " (" + slot.column.describeType()
                        + "): no default for this type; give its values: column('" + slot.name() + "') { ... }");
            }
        }
        return layout;
    }

    /** MySQL's spatial types arrive as bytes, but no random bytes are a geometry. */
    private static boolean spatial(ColumnInfo column) {
        return column.typeName() != null && column.typeName().toLowerCase(Locale.ROOT)
                .matches("(multi)?(point|linestring|polygon)|geometry(collection)?|geomcollection");
    }

    private void linkReferences(SchemaSnapshot schema) {
        List<Reference> all = new ArrayList<>();
        for (ForeignKeyInfo fk : table.foreignKeys()) {
            all.add(new Reference(fk.columns(), fk.referencedTable(), fk.referencedColumns(), true, spec.location()));
        }
        for (Reference declared : spec.references()) {
            boolean isForeignKey = all.stream().anyMatch(r -> sameNames(r.columns(), declared.columns()));
            if (!isForeignKey) {
                all.add(resolveDeclared(declared, schema));
            }
        }
        for (Reference reference : all) {
            List<Slot> linked = new ArrayList<>();
            for (int i = 0; i < reference.columns().size(); i++) {
                String column = reference.columns().get(i);
                slot(column).filter(s -> s.recipe == null && s.reference < 0).ifPresent(linked::add);
            }
            if (linked.size() != reference.columns().size()) {
                continue; // the block gives these values itself
            }
            for (int i = 0; i < linked.size(); i++) {
                linked.get(i).reference = references.size();
                linked.get(i).referencePosition = i;
            }
            references.add(new Link(reference, linked));
        }
    }

    private Reference resolveDeclared(Reference declared, SchemaSnapshot schema) {
        List<String> names = table.columns().stream().map(ColumnInfo::name).toList();
        List<String> columns = new ArrayList<>();
        for (String column : declared.columns()) {
            columns.add(table.column(column).map(ColumnInfo::name).orElseThrow(() -> new ScriptError(declared.location(),
                    "references '" + column + "': no such column in table " + table.name() + Suggestions.nearest(column, names))));
        }
        TableInfo parent = schema.table(declared.parent()).orElseThrow(() -> new ScriptError(declared.location(),
                "references '" + String.join("', '", declared.columns()) + "', to: '" + declared.parent() + "': no such table"
                        + Suggestions.nearest(declared.parent(), schema.tableNames())));
        List<String> parentColumns = declared.parentColumns().isEmpty() ? parent.primaryKey() : declared.parentColumns();
        if (parentColumns.size() != columns.size()) {
            throw new ScriptError(declared.location(), "references " + columns + ", to: '" + parent.name() + "': name the parent's "
                    + columns.size() + " column(s), e.g. to: '" + parent.name() + ".id'");
        }
        List<String> parentNames = parent.columns().stream().map(ColumnInfo::name).toList();
        List<String> resolvedParent = new ArrayList<>();
        for (String column : parentColumns) {
            resolvedParent.add(parent.column(column).map(ColumnInfo::name).orElseThrow(() -> new ScriptError(declared.location(),
                    "references ... to: '" + parent.name() + "." + column + "': no such column in " + parent.name()
                            + Suggestions.nearest(column, parentNames))));
        }
        return new Reference(columns, parent.name(), resolvedParent, false, declared.location());
    }

    private static boolean sameNames(List<String> a, List<String> b) {
        return a.size() == b.size() && a.stream().allMatch(x -> b.stream().anyMatch(x::equalsIgnoreCase));
    }

    private void findUniqueKeys() {
        List<List<String>> keys = new ArrayList<>();
        if (!table.primaryKey().isEmpty()) {
            keys.add(table.primaryKey());
        }
        for (IndexInfo index : table.indexes()) {
            if (index.unique() && keys.stream().noneMatch(k -> sameNames(k, index.columns()))) {
                keys.add(index.columns());
            }
        }
        for (List<String> key : keys) {
            List<Slot> members = key.stream().map(this::slot).flatMap(Optional::stream).toList();
            if (members.size() != key.size()) {
                continue; // a column the database numbers is part of it: the database keeps it unique
            }
            members.forEach(s -> s.inUniqueKey = true);
            Slot only = members.size() == 1 ? members.get(0) : null;
            if (only != null && only.recipe == null && only.reference < 0 && countable(only)) {
                only.numbered = true;
            } else if (members.stream().noneMatch(s -> s.numbered)) {
                uniqueKeys.add(new TableGenerator.UniqueKey(members));
            }
        }
    }

    private static boolean countable(Slot slot) {
        return slot.kind == ValueKind.INTEGER || slot.kind == ValueKind.BIGINT || slot.kind == ValueKind.DECIMAL && slot.column.scale() == 0;
    }

    private Optional<Slot> slot(String column) {
        return Names.find(slots, Slot::name, column);
    }

    /** The default makers, drawn from pools made with the table's faker, in the table's column order. */
    void makeDefaults(Faker faker, Random random, int poolSize) {
        for (Slot slot : slots) {
            if (slot.recipe == null && slot.reference < 0 && !slot.numbered) {
                slot.maker = ColumnDefaults.maker(slot.column, slot.kind, faker, random, poolSize).orElse(row -> null);
            }
        }
    }

    /** Reads what the table holds already: where numbering goes on, and the unique values a new row must not repeat. */
    void prepare(Database database) throws SQLException {
        Dialect dialect = database.dialect();
        String qualified = dialect.qualify(table);
        try (Connection c = database.connection()) {
            for (Slot slot : slots) {
                if (slot.numbered) {
                    try (Statement s = c.createStatement();
                         ResultSet rs = s.executeQuery("SELECT MAX(" + dialect.quote(slot.name()) + ") FROM " + qualified)) {
                        rs.next();
                        BigDecimal largest = rs.getBigDecimal(1);
                        slot.next = largest == null ? 1 : largest.longValue() + 1;
                    }
                }
            }
            for (TableGenerator.UniqueKey key : uniqueKeys) {
                key.load(c, "SELECT " + String.join(", ", key.slots().stream().map(s -> dialect.quote(s.name())).toList()) + " FROM " + qualified);
            }
        }
    }

    /** The parent's keys, in order, as the child's reference draws them. */
    static List<Object[]> readKeys(Database database, TableInfo parent, List<String> columns) throws SQLException {
        try (Connection c = database.connection()) {
            return readKeys(c, database.dialect(), parent, columns);
        }
    }

    /** The parent's keys as {@code c} sees them: in a cycle's transaction, with the rows it made. */
    static List<Object[]> readKeys(Connection c, Dialect dialect, TableInfo parent, List<String> columns) throws SQLException {
        String list = String.join(", ", columns.stream().map(dialect::quote).toList());
        List<Object[]> keys = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT " + list + " FROM " + dialect.qualify(parent) + " ORDER BY " + list)) {
            while (rs.next()) {
                Object[] key = new Object[columns.size()];
                boolean complete = true;
                for (int i = 0; i < key.length; i++) {
                    key[i] = rs.getObject(i + 1);
                    complete &= key[i] != null;
                }
                if (complete) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }

    void useParentKeys(Link link, List<Object[]> keys) {
        link.parentKeys = List.copyOf(keys);
        link.existing = -1;
        link.firstValues = null;
    }

    /** A reference into the table's own numbered key: the keys there are, then those its rows will get, in order. */
    void useOwnKeys(Link link, List<Object[]> existing, List<Object[]> coming) {
        List<Object[]> keys = new ArrayList<>(existing);
        keys.addAll(coming);
        link.parentKeys = keys;
        link.existing = existing.size();
        link.firstValues = null;
    }

    /** The slot the tool numbers that is exactly {@code columns} (one column, no code of the block's), if there is one. */
    Optional<Slot> numberedKey(List<String> columns) {
        if (columns.size() != 1) {
            return Optional.empty();
        }
        return slots.stream().filter(s -> s.numbered && s.recipe == null && s.name().equalsIgnoreCase(columns.get(0))).findFirst();
    }

    /** The keys the next {@code rows} rows get in {@code slot}, which the tool numbers on from the largest key there is. */
    static List<Object[]> comingKeys(Slot slot, long rows) {
        List<Object[]> keys = new ArrayList<>((int) Math.min(rows, Integer.MAX_VALUE));
        for (long value = slot.next; value < slot.next + rows; value++) {
            keys.add(new Object[] {slot.kind == ValueKind.BIGINT || slot.kind == ValueKind.DECIMAL ? (Object) value : (Object) Math.toIntExact(value)});
        }
        return keys;
    }

    TableInfo table() {
        return table;
    }

    GeneratedTable spec() {
        return spec;
    }

    List<Slot> slots() {
        return slots;
    }

    List<Link> references() {
        return references;
    }

    List<TableGenerator.UniqueKey> uniqueKeys() {
        return uniqueKeys;
    }

    /** A row may be a copy of another (its numbered key its own) when no other unique key forbids it. */
    boolean duplicatesAllowed() {
        return uniqueKeys.isEmpty();
    }

    List<Slot> recipeOrder() {
        return slots.stream().filter(s -> s.recipe != null)
                .sorted(Comparator.comparingInt(s -> spec.columns().indexOf(s.recipe))).toList();
    }

    List<TargetColumn> targetColumns() {
        return slots.stream().map(s -> new TargetColumn(s.column, s.kind)).toList();
    }
}
