package dev.migrate.generate;

import java.util.List;

import dev.migrate.plan.ScriptLocation;

/**
 * One {@code table('name', rows: N) { }} of a generate block.
 *
 * @param dirty      this table's share of dirty rows, or null for the block's
 * @param replace    whether the table is emptied first ({@code replace: true}); otherwise rows are appended
 * @param create     DDL run when the table does not exist, or null
 * @param columns    the columns the block gives values for; every other column gets a default
 * @param references references the database does not declare (legacy tables rarely do), which can be orphaned
 */
public record GeneratedTable(String name, long rows, Double dirty, boolean replace, String create, List<ColumnRecipe> columns,
                             List<Reference> references, ScriptLocation location) {

    public GeneratedTable {
        columns = List.copyOf(columns);
        references = List.copyOf(references);
    }

    GeneratedTable withRows(long newRows) {
        return new GeneratedTable(name, newRows, dirty, replace, create, columns, references, location);
    }
}
