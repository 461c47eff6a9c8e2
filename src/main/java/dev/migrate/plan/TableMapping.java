package dev.migrate.plan;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the script says about one source table.
 *
 * @param source     the source table's name
 * @param target     the target table's name (the source name unless the script renames the table)
 * @param renames    source column to target column
 * @param ignored    source columns whose data is deliberately left behind
 * @param transforms per target column, code that computes its value
 * @param where      a filter on the source rows, in the source's SQL, or null
 * @param key        target columns rows are matched on in MERGE mode; empty for the primary key
 * @param query      for {@code query 'name', 'SELECT ...'}: the source's SQL whose rows fill the target table; null for a table
 * @param rows       code run on each whole row before its columns are fed, or null
 * @param columns    when not empty, the only source columns this mapping moves (the others are left behind)
 * @param distinct   whether equal rows (of those columns) are moved once
 * @param location   where the {@code table} block starts
 * @param whereAt    where the script says {@code where} (the block's start when it does not)
 */
public record TableMapping(String source, String target, Map<String, String> renames, Set<String> ignored,
                           List<ColumnTransform> transforms, String where, List<String> key, String query, RowTransform rows,
                           List<String> columns, boolean distinct, ScriptLocation location, ScriptLocation whereAt) {

    public TableMapping {
        renames = Map.copyOf(renames);
        ignored = Set.copyOf(ignored);
        transforms = List.copyOf(transforms);
        key = List.copyOf(key);
        columns = List.copyOf(columns);
        if (whereAt == null) {
            whereAt = location;
        }
    }

    public TableMapping(String source, String target, Map<String, String> renames, Set<String> ignored,
                        List<ColumnTransform> transforms, String where, List<String> key, String query, RowTransform rows,
                        List<String> columns, boolean distinct, ScriptLocation location) {
        this(source, target, renames, ignored, transforms, where, key, query, rows, columns, distinct, location, location);
    }

    /** Where the rows' filter is said: the {@code where} line, or the {@code query} for a query's own SQL. */
    public ScriptLocation whereLocation() {
        return whereAt;
    }

    /** A table the script names without saying anything about it: copied as is. */
    public static TableMapping plain(String table, ScriptLocation location) {
        return new TableMapping(table, table, Map.of(), Set.of(), List.of(), null, List.of(), null, null, List.of(), false, location);
    }

    public boolean isQuery() {
        return query != null;
    }
}
