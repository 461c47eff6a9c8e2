package dev.migrate.serve;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a console migration is, as {@code POST /api/migrate} and a schedule give it: a query of one saved connection
 * into a table of another, or a script saved under the home folder; batch size and parallelism when it sets its own.
 */
public record MigrationRequest(String source, String destination, String query, String targetTable, String script, Integer batchSize,
                               Integer parallelism) {

    static final List<String> FIELDS = List.of("source", "destination", "query", "target_table", "script", "batchSize", "parallelism");

    /** The request in {@code body}, each field checked; {@code more} names the other fields the body may hold. */
    static MigrationRequest from(Map<String, Object> body, Set<String> more) {
        for (String field : body.keySet()) {
            if (!FIELDS.contains(field) && !more.contains(field)) {
                throw new ConnectionStore.BadInput(field + ": not a field of a migration (" + String.join(", ", FIELDS)
                        + (more.isEmpty() ? "" : ", " + String.join(", ", more)) + ")");
            }
        }
        Integer batchSize = number(body, "batchSize");
        Integer parallelism = number(body, "parallelism");
        if (body.containsKey("script")) {
            for (String field : List.of("source", "destination", "query", "target_table")) {
                if (body.containsKey(field)) {
                    throw new ConnectionStore.BadInput(field + ": a migration is either a script or a query (source, destination, query,"
                            + " target_table), not both");
                }
            }
            return new MigrationRequest(null, null, null, null, text(body, "script", true), batchSize, parallelism);
        }
        if (body.keySet().stream().noneMatch(FIELDS::contains)) {
            throw new ConnectionStore.BadInput("source: missing (a migration is a query: source, destination, query and target_table;"
                    + " or a script)");
        }
        return new MigrationRequest(text(body, "source", true), text(body, "destination", true), text(body, "query", true),
                text(body, "target_table", true), null, batchSize, parallelism);
    }

    /** As kept with a schedule: texts only. */
    Map<String, String> toStrings() {
        Map<String, String> all = new LinkedHashMap<>();
        put(all, "source", source);
        put(all, "destination", destination);
        put(all, "query", query);
        put(all, "target_table", targetTable);
        put(all, "script", script);
        put(all, "batchSize", batchSize == null ? null : batchSize.toString());
        put(all, "parallelism", parallelism == null ? null : parallelism.toString());
        return all;
    }

    static MigrationRequest fromStrings(Map<String, ?> kept) {
        return new MigrationRequest(string(kept, "source"), string(kept, "destination"), string(kept, "query"), string(kept, "target_table"),
                string(kept, "script"), kept.get("batchSize") == null ? null : Integer.valueOf(string(kept, "batchSize")),
                kept.get("parallelism") == null ? null : Integer.valueOf(string(kept, "parallelism")));
    }

    private static String string(Map<String, ?> kept, String key) {
        Object v = kept.get(key);
        return v == null ? null : v.toString();
    }

    private static void put(Map<String, String> all, String key, String value) {
        if (value != null) {
            all.put(key, value);
        }
    }

    static String text(Map<String, Object> body, String field, boolean required) {
        Object value = body.get(field);
        if (value == null) {
            if (required) {
                throw new ConnectionStore.BadInput(field + ": missing");
            }
            return null;
        }
        if (!(value instanceof String s)) {
            throw new ConnectionStore.BadInput(field + ": a text, not " + kind(value));
        }
        if (required && s.isBlank()) {
            throw new ConnectionStore.BadInput(field + ": empty");
        }
        return s;
    }

    static Integer number(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Integer n) || n < 1) {
            throw new ConnectionStore.BadInput(field + ": a whole number of 1 or more, not " + (value instanceof String ? "a text" : value));
        }
        return n;
    }

    static String kind(Object value) {
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "true or false";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "a list";
        }
        return value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }
}
