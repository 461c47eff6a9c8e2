package dev.migrate.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.migrate.connect.Database;
import dev.migrate.plan.ColumnTransform;
import dev.migrate.schema.ColumnInfo;

/**
 * The first rows of a source table read and transformed exactly as a run would (the script's row code, renames,
 * transforms, lookups, conversion to the target's columns), written nowhere: each with its source values and the
 * target values it would become, or the reason it would be set aside. What the shell's {@code preview} shows.
 */
public final class Preview {

    /**
     * One row: its source values by column, the target values it becomes (null when left out or rejected), the
     * source column each target column is read from (absent for a column the script computes), and why it is
     * rejected or left out (null when it moves).
     */
    public record Row(Map<String, Object> source, Map<String, Object> target, Map<String, String> from, String rejected) {
    }

    /**
     * One column as a run moves it: the source column and type (null for a column the script computes), the target
     * column and type (null for a source column left behind), and how (as it is, renamed, transformed, computed,
     * left behind).
     */
    public record Column(String source, String sourceType, String target, String targetType, String how) {
    }

    private Preview() {
    }

    /** How {@code table}'s columns move: every target column fed, then the source columns nothing reads. */
    public static List<Column> describe(JobPlanner.Resolution jobs, String table) {
        TableJob job = job(jobs, table);
        List<Column> columns = new ArrayList<>();
        Set<Integer> read = new HashSet<>();
        for (ColumnFeed feed : job.feeds()) {
            ColumnInfo from = feed.sourceIndex() >= 0 ? job.sourceColumns().get(feed.sourceIndex()) : null;
            if (feed.sourceIndex() >= 0) {
                read.add(feed.sourceIndex());
            }
            String how = from == null ? "computed" + (feed.transform() != null ? " (" + line(feed.transform()) + ")" : "")
                    : feed.transform() != null ? "transformed (" + line(feed.transform()) + ")"
                    : from.name().equalsIgnoreCase(feed.target().name()) ? "as it is" : "renamed";
            columns.add(new Column(from == null ? null : from.name(), from == null ? null : from.describeType(), feed.target().name(),
                    feed.target().info().describeType(), how));
        }
        for (int i = 0; i < job.sourceColumns().size(); i++) {
            if (!read.contains(i)) {
                ColumnInfo c = job.sourceColumns().get(i);
                columns.add(new Column(c.name(), c.describeType(), null, null, "left behind"));
            }
        }
        return columns;
    }

    private static String line(ColumnTransform transform) {
        return transform.location() == null ? "script" : transform.location().file() + ":" + transform.location().line();
    }

    private static TableJob job(JobPlanner.Resolution jobs, String table) {
        return jobs.jobs().stream().filter(j -> j.name().equalsIgnoreCase(table) || j.targetName().equalsIgnoreCase(table)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("this migration moves no table '" + table + "'; it moves "
                        + String.join(", ", jobs.jobs().stream().map(TableJob::id).toList())));
    }

    /**
     * The first {@code n} rows of {@code table} (a source table, or the target table it fills), in key order.
     *
     * @param jobs the run's table jobs against the target as the run leaves it before the load
     */
    public static List<Row> of(JobPlanner.Resolution jobs, Lookups lookups, Database source, String table, int n) throws SQLException {
        if (n < 1) {
            throw new IllegalArgumentException("preview shows 1 row or more, not " + n);
        }
        TableJob job = job(jobs, table);
        StringBuilder sql = new StringBuilder(job.sourceSql());
        if (job.mapping().where() != null) {
            sql.append(" WHERE (").append(job.mapping().where()).append(")");
        }
        if (!job.mapping().isQuery() && !job.source().primaryKey().isEmpty()) {
            sql.append(" ORDER BY ").append(String.join(", ", job.source().primaryKey().stream().map(k -> source.dialect().quote(k)).toList()));
        }
        RowTransformer transformer = new RowTransformer(job, lookups);
        Map<String, String> from = new LinkedHashMap<>();
        for (ColumnFeed feed : job.feeds()) {
            if (feed.sourceIndex() >= 0) {
                from.put(feed.target().name().toLowerCase(Locale.ROOT), job.sourceColumns().get(feed.sourceIndex()).name().toLowerCase(Locale.ROOT));
            }
        }
        List<Row> rows = new ArrayList<>();
        try (Connection c = source.connection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            s.setMaxRows(n);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next() && rows.size() < n) {
                    Object[] values = new Object[job.readers().size()];
                    Map<String, Object> read = new LinkedHashMap<>();
                    for (int i = 0; i < values.length; i++) {
                        values[i] = job.readers().get(i).read(rs, i + 1);
                        read.put(job.sourceColumns().get(i).name().toLowerCase(Locale.ROOT), values[i]);
                    }
                    try {
                        Object[] written = transformer.apply(values);
                        if (written == null) {
                            rows.add(new Row(read, null, from, "left out by the row code"));
                            continue;
                        }
                        Map<String, Object> target = new LinkedHashMap<>();
                        for (int i = 0; i < written.length; i++) {
                            target.put(job.feeds().get(i).target().name().toLowerCase(Locale.ROOT), written[i]);
                        }
                        rows.add(new Row(read, target, from, null));
                    } catch (RowFailure refused) {
                        rows.add(new Row(read, null, from, refused.getMessage()));
                    }
                }
            }
        }
        return rows;
    }
}
