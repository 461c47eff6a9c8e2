package dev.migrate.plan;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A column's declared rule, as {@code column('status') { map ACTIVE: 1, INACTIVE: 2; otherwise 0 }} says it:
 * a value map or a lookup, what to use when neither knows the value, and a default for NULL. A value the rule
 * does not know, with no {@code otherwise}, is rejected with the value named.
 *
 * @param from       the source column whose value the rule reads, or null for the column's own value
 * @param map        value to new value, or null
 * @param lookup     a lookup table, or null
 * @param otherwise  the value for one neither knows; {@link #NONE} when the script gave none
 * @param whenNull   the value for NULL; {@link #NONE} when NULL stays NULL
 */
public record ValueRule(String from, Map<Object, Object> map, Lookup lookup, Object otherwise, Object whenNull) {

    /** Marks "not given": a rule may well say {@code otherwise null}. */
    public static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "(none)";
        }
    };

    public ValueRule {
        // keys in text form: 1, 1L and '1' are the same source value
        if (map != null) {
            Map<Object, Object> text = new LinkedHashMap<>();
            map.forEach((k, v) -> text.putIfAbsent(k == null ? null : k.toString(), v));
            map = text;
        }
    }

    /** A map's keys in the text form values are compared in, so that 1, 1L and '1' find the same entry. */
    public static Map<Object, Object> byText(Map<?, ?> values) {
        Map<Object, Object> text = new HashMap<>(values.size() * 2);
        values.forEach((k, v) -> text.putIfAbsent(k == null ? null : k.toString(), v));
        return text;
    }

    /** The rule applied to one row; {@code lookups} gives the loaded lookup tables. */
    public Object apply(Object value, Map<String, Object> row, Lookup.Values lookups) throws ValueRejected {
        Object input = from == null ? value : row.get(from);
        if (input == null) {
            // NULL is no value to map: it stays NULL unless the rule gives it a default
            return whenNull != NONE ? whenNull : null;
        }
        if (map == null && lookup == null) {
            return input;
        }
        // one hash lookup per row, whatever the size of the map or lookup table
        Map<Object, Object> known = map != null ? map : lookups.of(lookup);
        String text = input.toString();
        if (known.containsKey(text)) {
            return known.get(text);
        }
        if (otherwise != NONE) {
            return otherwise;
        }
        throw new ValueRejected("'" + input + "' is not " + what());
    }

    private String what() {
        if (lookup != null) {
            return "a " + lookup.key() + " in " + lookup.table();
        }
        String keys = map.keySet().stream().limit(6).map(String::valueOf).collect(Collectors.joining(", "));
        return "in the map (" + keys + (map.size() > 6 ? ", ..." : "") + ")";
    }
}
