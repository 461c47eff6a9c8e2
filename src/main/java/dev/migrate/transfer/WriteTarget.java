package dev.migrate.transfer;

import java.util.List;

/**
 * The table a writer fills: its quoted, qualified name and the columns each row holds, in order.
 *
 * @param displayName the table's plain name, for messages
 */
public record WriteTarget(String displayName, String qualifiedName, List<TargetColumn> columns, List<String> quotedColumns) {

    public WriteTarget {
        columns = List.copyOf(columns);
        quotedColumns = List.copyOf(quotedColumns);
    }

    public String columnList() {
        return String.join(", ", quotedColumns);
    }
}
