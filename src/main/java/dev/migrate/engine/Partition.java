package dev.migrate.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A slice of a table moved in one transaction: a primary-key range {@code [low, high)} (the last one
 * closed) or, for a table that is not split, the whole table.
 */
record Partition(TableJob job, int index, int count, String keyColumn, Long low, Long high, boolean last) {

    static Partition whole(TableJob job) {
        return new Partition(job, 0, 1, null, null, null, true);
    }

    /** Splits {@code [min, max]} into at most {@code n} ranges of equal width. */
    static List<Partition> ranges(TableJob job, String keyColumn, long min, long max, int n) {
        long width = Math.max(1, (max - min) / n + 1);
        List<long[]> bounds = new ArrayList<>(n);
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

    boolean isRange() {
        return keyColumn != null;
    }
}
