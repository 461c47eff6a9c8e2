package dev.migrate.generate;

import java.util.List;

import dev.migrate.plan.ScriptLocation;

/**
 * {@code table(columns)} takes its values from {@code parent(parentColumns)}. Declared in the database (a foreign
 * key, {@code enforced}) or only in the block ({@code references 'customer_id', to: 'customers'}), which is where an
 * orphan may be made.
 */
public record Reference(List<String> columns, String parent, List<String> parentColumns, boolean enforced, ScriptLocation location) {

    public Reference {
        columns = List.copyOf(columns);
        parentColumns = List.copyOf(parentColumns);
    }
}
