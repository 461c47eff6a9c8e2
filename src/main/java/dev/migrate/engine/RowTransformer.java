package dev.migrate.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.migrate.plan.ColumnTransform;
import dev.migrate.plan.Lookup;
import dev.migrate.plan.ValueRejected;
import dev.migrate.report.Failures;
import dev.migrate.transfer.ConversionException;
import dev.migrate.transfer.UnreadableValue;
import dev.migrate.transfer.ValueConverter;

/** Turns a source row into a target row: each target column fed, transformed by the script, converted. */
final class RowTransformer {

    private final TableJob job;
    private final ColumnFeed[] feeds;
    private final RowView view;
    private final int[] keyIndexes;

    private final Lookup.Values lookups;

    RowTransformer(TableJob job, Lookup.Values lookups) {
        this.job = job;
        this.lookups = lookups;
        this.feeds = job.feeds().toArray(new ColumnFeed[0]);
        this.view = new RowView(job.columnIndex());
        List<Integer> keys = new ArrayList<>();
        for (String k : job.source().primaryKey()) {
            Integer i = job.columnIndex().get(k);
            if (i != null) {
                keys.add(i);
            }
        }
        this.keyIndexes = keys.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The target row for a source row, or null when the script's row code leaves the row out. */
    Object[] apply(Object[] original) throws RowFailure {
        unreadable(original);
        Object[] source = original;
        if (job.mapping().rows() != null) {
            source = rowCode(original);
            if (source == null) {
                return null;
            }
        }
        Object[] target = new Object[feeds.length];
        for (int c = 0; c < feeds.length; c++) {
            ColumnFeed feed = feeds[c];
            Object value = feed.sourceIndex() >= 0 ? source[feed.sourceIndex()] : null;
            ColumnTransform transform = feed.transform();
            if (transform != null && transform.rule() != null) {
                try {
                    value = transform.rule().apply(value, view.of(source), lookups);
                } catch (ValueRejected e) {
                    throw new RowFailure(where(feed.target().name(), source) + ": " + e.getMessage(), feed.target().name(), e.getMessage(), e);
                }
            } else if (transform != null) {
                try {
                    value = transform.transform().apply(value, view.of(source));
                } catch (Exception | LinkageError | StackOverflowError e) {
                    String reason = "the transform at " + scriptLine(transform, e) + " failed: "
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + Failures.oneLine(e));
                    throw new RowFailure(where(feed.target().name(), source) + ": " + reason, feed.target().name(), reason, e);
                }
            }
            if (value instanceof UnreadableValue u) {
                // handed on by a lookup table
                throw new RowFailure(where(feed.target().name(), source) + ": " + u.reason(), feed.target().name(), u.reason(), null);
            }
            try {
                target[c] = feed.converter().convert(value);
            } catch (ConversionException e) {
                String reason = e.getMessage() + " (" + feed.target().info().describeType() + ")";
                throw new RowFailure(where(feed.target().name(), source) + ": " + reason, feed.target().name(), reason, e);
            }
        }
        return target;
    }

    /**
     * A value the source reader could not read without changing it fails its row before any script code sees the
     * row, naming the target column it goes to (else its own).
     */
    private void unreadable(Object[] source) throws RowFailure {
        for (int i = 0; i < source.length; i++) {
            if (source[i] instanceof UnreadableValue u) {
                String column = null;
                for (ColumnFeed feed : feeds) {
                    if (feed.sourceIndex() == i) {
                        column = feed.target().name();
                        break;
                    }
                }
                if (column == null) {
                    column = job.sourceColumns().get(i).name();
                }
                throw new RowFailure(where(column, source) + ": " + u.reason(), column, u.reason(), null);
            }
        }
    }

    /** Runs the script's row code on a copy of the row; its changes replace the source values. */
    private Object[] rowCode(Object[] original) throws RowFailure {
        Map<String, Object> row = describe(original);
        Map<String, Object> changed;
        try {
            changed = job.mapping().rows().apply(row);
        } catch (Exception | LinkageError | StackOverflowError e) {
            String reason = "the row code failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + Failures.oneLine(e));
            throw new RowFailure("table " + job.targetName() + ": " + reason, null, reason, e);
        }
        if (changed == null) {
            return null;
        }
        Object[] values = original.clone();
        job.columnIndex().forEach((name, i) -> {
            if (changed.containsKey(name)) {
                values[i] = changed.get(name);
            }
        });
        return values;
    }

    /** The source row by column name, as a reject file shows it. */
    Map<String, Object> describe(Object[] source) {
        Map<String, Object> row = new LinkedHashMap<>();
        job.columnIndex().forEach((name, i) -> row.put(name, source[i] instanceof UnreadableValue u ? u.shown() : source[i]));
        return row;
    }

    private String where(String column, Object[] source) {
        StringBuilder s = new StringBuilder("table ").append(job.targetName()).append(", column ").append(column);
        if (keyIndexes.length > 0) {
            s.append(" (row ");
            for (int i = 0; i < keyIndexes.length; i++) {
                s.append(i > 0 ? ", " : "").append(job.source().primaryKey().get(i)).append('=').append(ValueConverter.show(source[keyIndexes[i]]));
            }
            s.append(')');
        }
        return s.toString();
    }

    /** The line inside the script where the closure failed, else where the column was declared. */
    private static String scriptLine(ColumnTransform transform, Throwable e) {
        String file = transform.location().file();
        for (StackTraceElement frame : e.getStackTrace()) {
            if (file.equals(frame.getFileName()) && frame.getLineNumber() > 0) {
                return "(" + file + ", line " + frame.getLineNumber() + ")";
            }
        }
        return transform.location().prefix().trim();
    }
}
