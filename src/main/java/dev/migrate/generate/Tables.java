package dev.migrate.generate;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.migrate.connect.Database;
import dev.migrate.dialect.ConstraintChecks;
import dev.migrate.dialect.Dialect;
import dev.migrate.schema.LoadOrder;
import dev.migrate.schema.SchemaSnapshot;
import dev.migrate.schema.TableInfo;

/** The tables of a generate block, resolved against the catalog, and the order that fills parents before their children. */
public final class Tables {

    private final GenerationPlan plan;
    private final SchemaSnapshot schema;
    private final Map<String, TableLayout> layouts;

    private Tables(GenerationPlan plan, SchemaSnapshot schema, Map<String, TableLayout> layouts) {
        this.plan = plan;
        this.schema = schema;
        this.layouts = layouts;
    }

    /** @param found each table of the block (by the block's name) as the catalog has it */
    public static Tables resolve(GenerationPlan plan, Map<String, TableInfo> found, SchemaSnapshot schema, Dialect dialect) {
        Map<String, TableLayout> layouts = new LinkedHashMap<>();
        for (GeneratedTable t : plan.tables()) {
            layouts.put(t.name(), TableLayout.resolve(t, found.get(t.name()), schema, dialect));
        }
        return new Tables(plan, schema, layouts);
    }

    /** The block's tables in groups, each after the groups it references; a group of more than one references itself round (a cycle). */
    public List<List<String>> groups() {
        return loadOrder().groups();
    }

    /** The block's tables, each after the tables it references (by foreign key or by the block's references). */
    public List<String> order() {
        return loadOrder().tables();
    }

    private LoadOrder loadOrder() {
        Map<String, Set<String>> parents = new HashMap<>();
        layouts.forEach((name, layout) -> {
            Set<String> referenced = new TreeSet<>();
            for (TableLayout.Link link : layout.references()) {
                String parent = blockName(link.reference().parent());
                if (parent != null && !parent.equals(name)) {
                    referenced.add(parent);
                }
            }
            parents.put(name, referenced);
        });
        return LoadOrder.of(new ArrayList<>(layouts.keySet()), parents);
    }

    /** The block's name of a table the catalog calls {@code catalogName}; null when the block does not fill it. */
    private String blockName(String catalogName) {
        for (Map.Entry<String, TableLayout> e : layouts.entrySet()) {
            if (e.getValue().table().name().equalsIgnoreCase(catalogName)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** Fills one table: its references drawn from the keys their parents have now (the rows just made, and older ones). */
    public TableGenerated fill(String name, Database database) throws SQLException {
        return fill(name, database, null, Set.of());
    }

    /**
     * Fills the tables of a cycle in one transaction, with the database's foreign-key checks off for it: a table points
     * at the rows of a table filled after it by the keys the tool will number them with. Before it commits, every
     * reference of the cycle is checked to point at a row; one that does not rolls all of it back.
     */
    public List<TableGenerated> fillCycle(List<String> cycle, Database database) throws SQLException {
        Dialect dialect = database.dialect();
        ConstraintChecks checks = dialect.constraintChecks().orElseThrow(() -> new GenerationFailure("tables " + String.join(", ", cycle)
                + " reference each other, and " + dialect.name() + " cannot turn foreign-key checks off to fill them; fill them in blocks of their own"));
        List<TableGenerated> done = new ArrayList<>();
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            boolean off = false;
            try {
                execute(c, checks.disable());
                off = true;
                Set<String> later = new LinkedHashSet<>(cycle);
                for (String name : cycle) {
                    later.remove(name);
                    done.add(fill(name, database, c, later));
                }
                for (String name : cycle) {
                    checkReferences(c, dialect, name, cycle);
                }
                execute(c, checks.enable());
                off = false;
                c.commit();
                return done;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is broken: the transaction dies with it
                }
                throw e;
            } finally {
                if (off) {
                    try {
                        execute(c, checks.enable());
                    } catch (SQLException ignored) {
                        // a session setting ends with the session, which the pool then discards
                    }
                }
                c.setAutoCommit(true);
            }
        }
    }

    /**
     * @param shared a cycle's transaction, or null for the table's own
     * @param later  the tables of the cycle filled after this one: references to them point at the keys they will get
     */
    private TableGenerated fill(String name, Database database, Connection shared, Set<String> later) throws SQLException {
        TableLayout layout = layouts.get(name);
        layout.prepare(database);
        for (TableLayout.Link link : layout.references()) {
            TableInfo parent = schema.table(link.reference().parent()).orElseThrow(() -> new GenerationFailure(
                    "table " + layout.table().name() + " references " + link.reference().parent() + ", which is not in " + database.endpoint().safeUrl()));
            String parentName = blockName(parent.name());
            List<String> columns = link.reference().parentColumns();
            List<Object[]> keys = shared == null ? TableLayout.readKeys(database, parent, columns)
                    : TableLayout.readKeys(shared, database.dialect(), parent, columns);
            if (name.equals(parentName)) {
                Optional<Slot> own = layout.numberedKey(columns);
                if (own.isPresent()) {
                    // a row points at a row made before it (the first, where it must, at itself)
                    layout.useOwnKeys(link, keys, TableLayout.comingKeys(own.get(), layout.spec().rows()));
                    continue;
                }
            } else if (later.contains(parentName)) {
                TableLayout ahead = layouts.get(parentName);
                boolean nullable = link.slots().stream().allMatch(s -> s.column.nullable());
                if (ahead.numberedKey(columns).isEmpty() && nullable) {
                    // the keys it will get are not known before it is filled: these rows point nowhere
                    layout.useParentKeys(link, keys);
                    continue;
                }
                Slot key = ahead.numberedKey(columns).orElseThrow(() -> new GenerationFailure("tables " + layout.table().name() + " and "
                        + parent.name() + " reference each other, and " + parent.name() + "." + String.join(", ", columns) + ", which "
                        + layout.table().name() + "." + String.join(", ", link.reference().columns()) + " references, is not a key generate numbers;"
                        + " give column('" + link.reference().columns().get(0) + "') values, or fill " + parent.name() + " first"));
                ahead.prepare(database);
                List<Object[]> coming = new ArrayList<>(keys);
                coming.addAll(TableLayout.comingKeys(key, ahead.spec().rows()));
                layout.useParentKeys(link, coming);
                continue;
            }
            boolean nullable = link.slots().stream().allMatch(s -> s.column.nullable());
            if (keys.isEmpty() && !nullable && layout.spec().rows() > 0) {
                throw new GenerationFailure("table " + layout.table().name() + ": " + link.reference().columns() + " references "
                        + parent.name() + ", which has no rows; generate " + parent.name() + " in the same block, or fill it first");
            }
            layout.useParentKeys(link, keys);
        }
        double dirty = layout.spec().dirty() != null ? layout.spec().dirty() : plan.dirty();
        TableGenerator generator = new TableGenerator(database, layout, layout.spec().rows(), dirty, plan.seed(), plan.locale());
        return shared == null ? generator.run() : generator.run(shared);
    }

    /** Every row of a cycle's table points at a row of each table of the cycle it references (its foreign keys, checks off while it was filled). */
    private void checkReferences(Connection c, Dialect dialect, String name, List<String> cycle) throws SQLException {
        TableLayout layout = layouts.get(name);
        for (TableLayout.Link link : layout.references()) {
            String parentName = blockName(link.reference().parent());
            if (!link.enforced() || parentName == null || !cycle.contains(parentName)) {
                continue;
            }
            TableInfo parent = layouts.get(parentName).table();
            List<String> from = link.reference().columns();
            List<String> to = link.reference().parentColumns();
            StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM " + dialect.qualify(layout.table()) + " c WHERE ");
            for (String column : from) {
                sql.append("c.").append(dialect.quote(column)).append(" IS NOT NULL AND ");
            }
            sql.append("NOT EXISTS (SELECT 1 FROM ").append(dialect.qualify(parent)).append(" p WHERE ");
            for (int i = 0; i < from.size(); i++) {
                sql.append(i > 0 ? " AND " : "").append("p.").append(dialect.quote(to.get(i))).append(" = c.").append(dialect.quote(from.get(i)));
            }
            sql.append(")");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
                rs.next();
                long orphans = rs.getLong(1);
                if (orphans > 0) {
                    throw new GenerationFailure("tables " + String.join(", ", cycle) + ": " + orphans + " rows of " + layout.table().name()
                            + " would point at no row of " + parent.name() + " through " + String.join(", ", from) + "; nothing of them was written");
                }
            }
        }
    }

    private static void execute(Connection c, List<String> statements) throws SQLException {
        for (String sql : statements) {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }
    }
}
