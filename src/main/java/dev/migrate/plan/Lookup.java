package dev.migrate.plan;

import java.io.Serializable;
import java.util.Map;

/**
 * A lookup table a rule reads: {@code SELECT key, value FROM table}, in the target (or the source), loaded
 * once per run and shared by every worker.
 *
 * @param inSource whether the table is read in the source rather than the target
 * @param pick     which value wins when a key has several: {@code lowest} or {@code highest}; null when a key
 *                 with several values is an error
 */
public record Lookup(String table, String key, String value, boolean inSource, String pick) implements Serializable {

    public static final String LOWEST = "lowest";
    public static final String HIGHEST = "highest";

    public Lookup(String table, String key, String value, boolean inSource) {
        this(table, key, value, inSource, null);
    }

    /** Where loaded lookups are kept for one run. */
    public interface Values {
        Map<Object, Object> of(Lookup lookup);
    }

    /** {@code categories.name -> id}, for messages. */
    public String describe() {
        return table + "." + key + " -> " + value;
    }
}
