package dev.migrate.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.migrate.connect.Database;
import dev.migrate.dialect.ReadSnapshot;
import dev.migrate.plan.Settings;
import dev.migrate.transfer.ValueKind;

/**
 * Splits a table into the partitions it is moved in: primary-key ranges of about {@code partitionRows}
 * rows, and of about {@value #PARTITION_BYTES} bytes on disk by the database's own count, when the key is one
 * integer column and the table is large, else the whole table. The count (for a
 * large table, the database's estimate) also gives the progress display its total.
 */
final class Partitioner {

    /**
     * A table of large values is split by its bytes too: 100,000 rows of a megabyte are a hundred gigabytes, which
     * one partition would move on one worker, in one transaction.
     */
    static final long PARTITION_BYTES = 256L * 1024 * 1024;

    /** Beyond this, ranges get wider rather than more numerous. */
    private static final int MAX_PARTITIONS = 10_000;

    private final Database source;
    private final Settings settings;
    private final ProgressListener listener;
    /** The counting statements running now, and whether the run was cancelled (they then stop, their connections are not reused). */
    private final Set<Statement> running = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;
    /** The cores a cluster runs partitions on (1: this machine, where partitionRows alone decides). */
    private int slots = 1;

    Partitioner(Database source, Settings settings, ProgressListener listener) {
        this.source = source;
        this.settings = settings;
        this.listener = listener;
    }

    /** Splits {@code job}'s table as {@code snapshot} sees it: the ranges cover every row its readers will see. */
    List<Partition> split(TableJob job, ReadSnapshot snapshot) throws SQLException {
        String key = partitionKey(job);
        String where = job.mapping().where() == null ? "" : " WHERE (" + job.mapping().where() + ")";
        String from = " FROM " + JobPlanner.from(job.mapping(), job.source(), source.dialect()) + where;
        Connection c = snapshot.open();
        Statement counting = null;
        try (Statement s = c.createStatement()) {
            counting = s;
            running.add(s);
            if (stopped) {
                throw new SQLException("the run was cancelled");
            }
            if (key == null) {
                String count = job.mapping().distinct() ? "SELECT COUNT(*) FROM (" + job.sourceSql() + where + ") d" : "SELECT COUNT(*)" + from;
                try (ResultSet rs = s.executeQuery(count)) {
                    rs.next();
                    listener.tableStarted(job.id(), rs.getLong(1), false);
                }
                return List.of(Partition.whole(job));
            }
            String quoted = source.dialect().quote(key);
            // counting a large table reads all of it (seconds on MySQL); its statistics tell about as much for free,
            // and the key's bounds come from the index
            OptionalLong estimate = where.isEmpty() ? source.dialect().estimatedRows(c, job.source()) : OptionalLong.empty();
            boolean estimated = estimate.isPresent() && estimate.getAsLong() >= settings.partitionRows();
            String bounds = estimated ? "SELECT 0, MIN(" + quoted + "), MAX(" + quoted + ")" + from
                    : "SELECT COUNT(*), MIN(" + quoted + "), MAX(" + quoted + ")" + from;
            try (ResultSet rs = s.executeQuery(bounds)) {
                rs.next();
                long count = estimated ? estimate.getAsLong() : rs.getLong(1);
                listener.tableStarted(job.id(), count, estimated);
                long n = (count + settings.partitionRows() - 1) / settings.partitionRows();
                OptionalLong bytes = where.isEmpty() ? source.dialect().estimatedBytes(c, job.source()) : OptionalLong.empty();
                if (bytes.isPresent()) {
                    n = Math.max(n, Math.min(count, (bytes.getAsLong() + PARTITION_BYTES - 1) / PARTITION_BYTES));
                }
                if (count >= SPREAD_ROWS * slots) {
                    // on a cluster, every large table is spread over all of its cores
                    n = Math.max(n, slots);
                }
                long min = rs.getLong(2);
                long max = rs.getLong(3);
                if (n <= 1 || max - min < 0) {
                    // one partition, or keys spread over more than a long can span: read it whole
                    return List.of(Partition.whole(job));
                }
                return Partition.ranges(job, key, min, max, (int) Math.min(n, MAX_PARTITIONS));
            }
        } finally {
            running.remove(counting);
            // a cancel can land late, and must not land on the statement of whoever borrows the connection next
            snapshot.release(c, !stopped);
        }
    }

    /**
     * Tables of at least {@value #SPREAD_ROWS} rows a slot are split into {@code slots} partitions or more: a cluster's
     * cores each take a share of every large table, more and smaller partitions as it grows.
     */
    void spreadOver(int slots) {
        this.slots = Math.max(1, slots);
    }

    static final long SPREAD_ROWS = 50_000;

    /** The run was cancelled: the statements counting tables now stop, and no other starts. */
    void stop() {
        stopped = true;
        for (Statement s : running) {
            try {
                s.cancel();
            } catch (SQLException | RuntimeException e) {
                // it ends as it would have
            }
        }
    }

    /** A table is split by its primary key when that key is one integer column. */
    private String partitionKey(TableJob job) {
        List<String> pk = job.source().primaryKey();
        if (pk.size() != 1 || job.mapping().isQuery() || job.mapping().distinct()) {
            return null;
        }
        return job.source().column(pk.get(0))
                .filter(c -> {
                    ValueKind kind = source.dialect().kindOf(c);
                    return kind == ValueKind.INTEGER || kind == ValueKind.BIGINT;
                })
                .map(c -> c.name())
                .orElse(null);
    }
}
