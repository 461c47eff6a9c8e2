package dev.migrate.verify;

/**
 * One row that differs between source and target.
 *
 * @param table  the target table
 * @param key    the row's key, as {@code id=42} (columns joined with {@code , })
 * @param kind   what differs
 * @param column the first column that differs, for {@link Kind#DIFFERS}
 * @param source the source's value of it (as the run writes it), canonical
 * @param target the target's value, canonical
 */
public record RowDifference(String table, String key, Kind kind, String column, String source, String target) {

    public enum Kind { MISSING_IN_TARGET, EXTRA_IN_TARGET, DIFFERS }

    /** {@code items id=42: differs in column qty (source '5', target '6')}. */
    public String describe() {
        return table + " " + key + ": " + switch (kind) {
            case MISSING_IN_TARGET -> "missing in target";
            case EXTRA_IN_TARGET -> "extra in target";
            case DIFFERS -> "differs in column " + column + " (source " + quote(source) + ", target " + quote(target) + ")";
        };
    }

    private static String quote(String value) {
        if (value == null) {
            return "NULL";
        }
        String shown = value.length() > 80 ? value.substring(0, 77) + "..." : value;
        return "'" + shown.replace("'", "''") + "'";
    }
}
