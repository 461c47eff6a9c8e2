package dev.migrate.engine;

import dev.migrate.plan.ColumnTransform;
import dev.migrate.transfer.TargetColumn;
import dev.migrate.transfer.ValueConverter;

/**
 * Where one target column's value comes from: a source column (by its index in the select list, or -1)
 * and optionally the script's transform, then converted to what the target column holds.
 */
record ColumnFeed(TargetColumn target, int sourceIndex, String sourceName, ColumnTransform transform, ValueConverter converter) {
}
