package dev.migrate.engine;

import java.util.List;
import java.util.Map;

import dev.migrate.plan.TableMapping;
import dev.migrate.schema.ColumnInfo;
import dev.migrate.schema.TableInfo;
import dev.migrate.transfer.ValueReader;
import dev.migrate.transfer.WriteTarget;

/**
 * One table resolved against both catalogs: what to select, how each target column is fed, where it goes.
 *
 * @param sourceColumns the columns selected from the source, in order
 * @param readers       how to read each selected column
 * @param columnIndex   the selected columns by name, for the row view scripts see
 * @param feeds         one per target column written, in the order of {@code target.columns()}
 * @param target        the table written, or null in a dry run whose target table does not exist yet
 */
record TableJob(TableMapping mapping, TableInfo source, String sourceSql, List<ColumnInfo> sourceColumns,
                List<ValueReader> readers, Map<String, Integer> columnIndex, List<ColumnFeed> feeds,
                TableInfo targetTable, WriteTarget target) {

    String name() {
        return source.name();
    }

    /** What tells this job apart in a run: the source table, or {@code source -> target} when a table goes elsewhere. */
    String id() {
        return mapping.source().equalsIgnoreCase(mapping.target()) ? source.name() : source.name() + " -> " + targetName();
    }

    String targetName() {
        return targetTable != null ? targetTable.name() : mapping.target();
    }
}
