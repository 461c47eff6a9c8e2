package dev.migrate.plan;

import java.util.Map;

/**
 * A script's code for whole rows: it gets a source row (a mutable map by column name) and returns the row to
 * move on, changed or not, or null to leave the row out.
 */
@FunctionalInterface
public interface RowTransform {
    Map<String, Object> apply(Map<String, Object> row) throws Exception;
}
