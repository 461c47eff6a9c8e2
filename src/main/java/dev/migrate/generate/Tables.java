package dev.migrate.generate;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.migrate.connect.Database;
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

    /** The block's tables, each after the tables it references (by foreign key or by the block's references). */
    public List<String> order() {
        Map<String, String> byCatalogName = new HashMap<>();
        layouts.forEach((name, layout) -> byCatalogName.put(layout.table().name().toLowerCase(Locale.ROOT), name));
        Map<String, Set<String>> parents = new HashMap<>();
        layouts.forEach((name, layout) -> {
            Set<String> referenced = new TreeSet<>();
            for (TableLayout.Link link : layout.references()) {
                String parent = byCatalogName.get(link.reference().parent().toLowerCase(Locale.ROOT));
                if (parent != null && !parent.equals(name)) {
                    referenced.add(parent);
                }
            }
            parents.put(name, referenced);
        });
        return LoadOrder.of(new ArrayList<>(layouts.keySet()), parents).tables();
    }

    /** Fills one table: its references drawn from the keys their parents have now (the rows just made, and older ones). */
    public TableGenerated fill(String name, Database database) throws SQLException {
        TableLayout layout = layouts.get(name);
        for (TableLayout.Link link : layout.references()) {
            TableInfo parent = schema.table(link.reference().parent()).orElseThrow(() -> new GenerationFailure(
                    "table " + layout.table().name() + " references " + link.reference().parent() + ", which is not in " + database.endpoint().safeUrl()));
            List<Object[]> keys = TableLayout.readKeys(database, parent, link.reference().parentColumns());
            boolean nullable = link.slots().stream().allMatch(s -> s.column.nullable());
            if (keys.isEmpty() && !nullable && layout.spec().rows() > 0) {
                throw new GenerationFailure("table " + layout.table().name() + ": " + link.reference().columns() + " references "
                        + parent.name() + ", which has no rows; generate " + parent.name() + " in the same block, or fill it first");
            }
            layout.useParentKeys(link, keys);
        }
        double dirty = layout.spec().dirty() != null ? layout.spec().dirty() : plan.dirty();
        return new TableGenerator(database, layout, layout.spec().rows(), dirty, plan.seed(), plan.locale()).run();
    }
}
