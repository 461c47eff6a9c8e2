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

    boolean isRange() {
        return keyColumn != null;
    }

    /**
     * How a table was split into {@code parts}, for the journal: {@code whole}, or {@code width min max column}, from
     * which {@link #fromSplit} makes the same partitions again when a run is resumed.
     */
    static String split(List<Partition> parts) {
        Partition first = parts.get(0);
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
}
