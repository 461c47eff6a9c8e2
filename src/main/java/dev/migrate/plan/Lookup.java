package dev.migrate.plan;

import java.util.Map;

/**
 * A lookup table a rule reads: {@code SELECT key, value FROM table}, in the target (or the source), loaded
 * once per run and shared by every worker.
 *
 * @param inSource whether the table is read in the source rather than the target
 */
public record Lookup(String table, String key, String value, boolean inSource) {

    /** Where loaded lookups are kept for one run. */
    public interface Values {
        Map<Object, Object> of(Lookup lookup);
    }
}
