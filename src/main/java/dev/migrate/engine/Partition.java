package dev.migrate.engine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A slice of a table moved in one transaction: a primary-key range {@code [low, high)} of equal width (the last one
 * closed), a range of a key's values taken from the data ({@link Bounds}), or, for a table that is not split, the
 * whole table.
 */
record Partition(TableJob job, int index, int count, String keyColumn, Long low, Long high, boolean last, Bounds bounds) {

    Partition(TableJob job, int index, int count, String keyColumn, Long low, Long high, boolean last) {
        this(job, index, count, keyColumn, low, high, last, null);
    }

    /**
     * A range of a column's values taken from a sample of the data, {@code [low, high)} as the source database compares
     * them (its collation, its type), null for a side left open; or, with {@code nulls}, the rows whose column is NULL.
     *
     * @param kind how a bound is given to the database: {@code integer}, {@code text} (a value of the column's type
     *             as the database prints it) or {@code page} (PostgreSQL's block number, against {@code ctid})
     */
    record Bounds(String kind, String low, String high, boolean nulls) implements Serializable {
    }

    static Partition whole(TableJob job) {
        return new Partition(job, 0, 1, null, null, null, true);
    }

    /** Splits {@code [min, max]} into at most {@code n} ranges of equal width. */
    static List<Partition> ranges(TableJob job, String keyColumn, long min, long max, int n) {
        return byWidth(job, keyColumn, min, max, Math.max(1, (max - min) / n + 1));
    }

    /** Splits {@code [min, max]} into ranges {@code width} keys wide: the same bounds give the same partitions, run after run. */
    static List<Partition> byWidth(TableJob job, String keyColumn, long min, long max, long width) {
        List<long[]> bounds = new ArrayList<>();
        for (long low = min; low <= max; low += width) {
            bounds.add(new long[] {low, max - low < width ? max : low + width});
            if (max - low < width) {
                break;
            }
        }
        List<Partition> parts = new ArrayList<>(bounds.size());
        for (int i = 0; i < bounds.size(); i++) {
            boolean last = i == bounds.size() - 1;
            parts.add(new Partition(job, i, bounds.size(), keyColumn, bounds.get(i)[0], bounds.get(i)[1], last));
        }
        return parts;
    }

    /**
     * The ranges between {@code cuts} (ascending as the database orders them): the first open below, the last open
     * above, each {@code [cut, next cut)}, so that every non-NULL value falls in exactly one whatever the cuts are;
     * then, when the column {@code nullable}, the rows where it is NULL.
     */
    static List<Partition> between(TableJob job, String keyColumn, String kind, List<String> cuts, boolean nullable) {
        int count = cuts.size() + 1 + (nullable ? 1 : 0);
        List<Partition> parts = new ArrayList<>(count);
        for (int i = 0; i <= cuts.size(); i++) {
            Bounds range = new Bounds(kind, i == 0 ? null : cuts.get(i - 1), i == cuts.size() ? null : cuts.get(i), false);
            parts.add(new Partition(job, i, count, keyColumn, null, null, i == count - 1, range));
        }
        if (nullable) {
            parts.add(new Partition(job, count - 1, count, keyColumn, null, null, true, new Bounds(kind, null, null, true)));
        }
        return parts;
    }

    /** Whether this is a range of equal width of an integer key. */
    boolean isRange() {
        return keyColumn != null && bounds == null;
    }

    /** Whether this is a range of values taken from the data, or the rows where that column is NULL. */
    boolean isSampled() {
        return bounds != null;
    }

    /**
     * How a table was split into {@code parts}, for the journal: {@code whole}, {@code width min max column}, or a
     * line {@code values kind nulls column} followed by one line per cut; from it {@link #fromSplit} makes the same
     * partitions again when a run is resumed.
     */
    static String split(List<Partition> parts) {
        Partition first = parts.get(0);
        if (first.isSampled()) {
            Partition lastPart = parts.get(parts.size() - 1);
            boolean nullable = lastPart.bounds.nulls();
            StringBuilder text = new StringBuilder("values ").append(first.bounds.kind()).append(nullable ? " 1 " : " 0 ")
                    .append(first.keyColumn);
            for (Partition p : parts) {
                if (p.bounds.high() != null) {
                    text.append('\n').append(escape(p.bounds.high()));
                }
            }
            return text.toString();
        }
        if (!first.isRange()) {
            return "whole";
        }
        Partition last = parts.get(parts.size() - 1);
        long width = parts.size() > 1 ? first.high - first.low : last.high - first.low + 1;
        return width + " " + first.low + " " + last.high + " " + first.keyColumn;
    }

    /** The partitions {@link #split(List)} described; empty when the description is not one. */
    static List<Partition> fromSplit(TableJob job, String split) {
        if (split == null) {
            return List.of();
        }
        if (split.equals("whole")) {
            return List.of(whole(job));
        }
        if (split.startsWith("values ")) {
            return fromValues(job, split);
        }
        String[] parts = split.split(" ", 4);
        try {
            long width = Long.parseLong(parts[0]);
            long min = Long.parseLong(parts[1]);
            long max = Long.parseLong(parts[2]);
            if (width < 1 || max < min || (max - min) / width > 100_000) {
                return List.of();
            }
            return byWidth(job, parts[3], min, max, width);
        } catch (RuntimeException notASplit) {
            return List.of();
        }
    }

    private static List<Partition> fromValues(TableJob job, String split) {
        String[] lines = split.split("\n", -1);
        String[] head = lines[0].split(" ", 4);
        if (head.length < 4 || !List.of("integer", "text", "page").contains(head[1]) || !List.of("0", "1").contains(head[2])) {
            return List.of();
        }
        List<String> cuts = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            cuts.add(unescape(lines[i]));
        }
        return between(job, head[3], head[1], cuts, head[2].equals("1"));
    }

    /** One value on one line: a backslash and a line break are written {@code \\}, {@code \n}, {@code \r}. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String line) {
        StringBuilder value = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '\\' && i + 1 < line.length()) {
                char next = line.charAt(++i);
                value.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                value.append(ch);
            }
        }
        return value.toString();
    }

    /** For the journal's record of a committed partition: {@code id >= 'a' < 'm'}, cut to {@code max} characters. */
    String describeRange(int max) {
        String text;
        if (isRange()) {
            text = keyColumn + " " + low + (last ? ".." : "..<") + high;
        } else if (isSampled()) {
            text = bounds.nulls() ? keyColumn + " IS NULL"
                    : keyColumn + (bounds.low() == null ? "" : " >= " + bounds.low()) + (bounds.high() == null ? "" : " < " + bounds.high());
        } else {
            return null;
        }
        return text.length() > max ? text.substring(0, max) : text;
    }
}
