package dev.migrate.plan;

import java.util.Map;

/**
 * A script's code for one column, called once per row: the source value of the column (null when the
 * column is computed) and a read-only view of the whole source row, by column name. This is the one
 * interface through which the engine calls a user's code.
 */
@FunctionalInterface
public interface ValueTransform {
    Object apply(Object value, Map<String, Object> row) throws Exception;
}
