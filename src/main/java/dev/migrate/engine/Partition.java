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

    /** Splits {@code [min, max]} into {@code n} ranges of equal width. */
    static List<Partition> ranges(TableJob job, String keyColumn, long min, long max, int n) {
        List<Partition> parts = new ArrayList<>(n);
        long width = Math.max(1, (max - min) / n + 1);
        long low = min;
        for (int i = 0; i < n && low <= max; i++) {
            boolean last = i == n - 1 || max - low < width;
            long high = last ? max : low + width;
            parts.add(new Partition(job, i, n, keyColumn, low, high, last));
            low = high;
        }
        List<Partition> numbered = new ArrayList<>(parts.size());
        for (Partition p : parts) {
            numbered.add(new Partition(job, p.index(), parts.size(), keyColumn, p.low(), p.high(), p.last()));
        }
        return numbered;
    }

    boolean isRange() {
        return keyColumn != null;
    }

    String describe() {
        return count == 1 ? job.name() : job.name() + " partition " + (index + 1) + "/" + count;
    }
}
