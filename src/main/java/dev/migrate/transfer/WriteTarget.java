package dev.migrate.transfer;

import java.util.Collections;
import java.util.List;

/**
 * The table a writer fills: its quoted, qualified name, the columns each row holds, in order, and, when rows
 * are merged, the key columns a row is matched on.
 *
 * @param displayName the table's plain name, for messages
 * @param mergeKey    quoted key columns to upsert on; empty to insert
 */
public record WriteTarget(String displayName, String qualifiedName, List<TargetColumn> columns, List<String> quotedColumns,
                          List<String> mergeKey) {

    public WriteTarget {
        columns = List.copyOf(columns);
        quotedColumns = List.copyOf(quotedColumns);
        mergeKey = List.copyOf(mergeKey);
    }

    public boolean merges() {
        return !mergeKey.isEmpty();
    }

    /** The written columns that are not part of the merge key: the ones an existing row gets updated. */
    public List<String> updatedColumns() {
        return quotedColumns.stream().filter(c -> !mergeKey.contains(c)).toList();
    }

    /** Placeholders for one row: {@code ?, ?, ?}. */
    public String placeholders() {
        return String.join(", ", Collections.nCopies(columns.size(), "?"));
    }

    public String columnList() {
        return String.join(", ", quotedColumns);
    }
}
