package dev.migrate.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.migrate.connect.Database;
import dev.migrate.dialect.ReadSnapshot;
import dev.migrate.plan.Settings;
import dev.migrate.schema.ColumnInfo;
import dev.migrate.schema.IndexInfo;
import dev.migrate.transfer.ValueKind;

/**
 * Splits a table into the partitions it is moved in, about {@code partitionRows} rows and
 * {@value #PARTITION_BYTES} bytes on disk (by the database's own count) each when the table is large:
 * primary-key ranges of equal width when the key is one integer column; else ranges of the values of the leading
 * column of its key (or of an index) taken from a sample of them; else, on PostgreSQL, ranges of its pages; else the
 * whole table. The count (for a large table, the database's estimate) also gives the progress display its total.
 */
public final class Partitioner {

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
        return split(job, snapshot, false);
    }

    /** As {@link #split(TableJob, ReadSnapshot)}, by an integer primary key only (ranges of equal width), else whole. */
    List<Partition> splitByIntegerKey(TableJob job, ReadSnapshot snapshot) throws SQLException {
        return split(job, snapshot, true);
    }

    private List<Partition> split(TableJob job, ReadSnapshot snapshot, boolean integerKeyOnly) throws SQLException {
        String key = partitionKey(job);
        Connection c = snapshot.open();
        Statement counting = null;
        try (Statement s = c.createStatement()) {
            counting = s;
            running.add(s);
            if (stopped) {
                throw new SQLException("the run was cancelled");
            }
            if (key != null) {
                return byWidth(job, key, c, s);
            }
            Splitting how = integerKeyOnly ? Splitting.whole("") : splitting(job);
            if (how.column() == null) {
                String where = job.mapping().where() == null ? "" : " WHERE (" + job.mapping().where() + ")";
                String count = job.mapping().distinct() ? "SELECT COUNT(*) FROM (" + job.sourceSql() + where + ") d"
                        : "SELECT COUNT(*) FROM " + JobPlanner.from(job.mapping(), job.source(), source.dialect()) + where;
                try (ResultSet rs = s.executeQuery(count)) {
                    rs.next();
                    listener.tableStarted(job.id(), rs.getLong(1), false);
                }
                return List.of(Partition.whole(job));
            }
            how = byPagesWhenScattered(job, how, c, snapshot);
            long rows = rows(job, c, s);
            long n = pieces(rows, bytes(job, c));
            if (n <= 1) {
                return List.of(Partition.whole(job));
            }
            KeySample sample = new KeySample(source.dialect(), job, how);
            List<String> cuts = how.kind().equals("page") ? sample.pageCuts(c, (int) n) : sample.cuts(s, rows, (int) n);
            if (cuts.isEmpty()) {
                return List.of(Partition.whole(job));
            }
            return Partition.between(job, how.column(), how.kind(), cuts, how.nullable());
        } finally {
            running.remove(counting);
            // a cancel can land late, and must not land on the statement of whoever borrows the connection next
            snapshot.release(c, !stopped);
        }
    }

    /**
     * Pages instead of values where the values lie scattered over the table's pages (a random uuid): each range of
     * them would read nearly every page, the table over again a partition, while a range of pages reads each page
     * once. Only when every reader sees one snapshot, in which a row keeps its place (as pgcopydb does).
     */
    private Splitting byPagesWhenScattered(TableJob job, Splitting how, Connection c, ReadSnapshot snapshot) throws SQLException {
        Optional<String> locator = source.dialect().rowLocator();
        if (how.kind().equals("page") || locator.isEmpty() || snapshot.shared() == null) {
            return how;
        }
        OptionalDouble order = source.dialect().physicalOrder(c, job.source(), how.column());
        return order.isPresent() && Math.abs(order.getAsDouble()) < SCATTERED ? new Splitting(locator.get(), "page", false, null) : how;
    }

    /** Below this correlation of values to places, a column's values are taken for scattered over the pages. */
    private static final double SCATTERED = 0.5;

    /** Ranges of equal width of a one-column integer primary key, between its least and greatest key. */
    private List<Partition> byWidth(TableJob job, String key, Connection c, Statement s) throws SQLException {
        String where = job.mapping().where() == null ? "" : " WHERE (" + job.mapping().where() + ")";
        String from = " FROM " + JobPlanner.from(job.mapping(), job.source(), source.dialect()) + where;
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
            long n = pieces(count, bytes(job, c));
            long min = rs.getLong(2);
            long max = rs.getLong(3);
            if (n <= 1 || max - min < 0) {
                // one partition, or keys spread over more than a long can span: read it whole
                return List.of(Partition.whole(job));
            }
            return Partition.ranges(job, key, min, max, (int) Math.min(n, MAX_PARTITIONS));
        }
    }

    /** The bytes the table takes on disk by the database's count, for a table read whole (no filter); else empty. */
    private OptionalLong bytes(TableJob job, Connection c) throws SQLException {
        return job.mapping().where() == null && !job.mapping().isQuery() ? source.dialect().estimatedBytes(c, job.source()) : OptionalLong.empty();
    }

    /** The table's rows for the progress display and the number of pieces: its statistics when large, else counted. */
    private long rows(TableJob job, Connection c, Statement s) throws SQLException {
        String where = job.mapping().where();
        OptionalLong estimate = where == null ? source.dialect().estimatedRows(c, job.source()) : OptionalLong.empty();
        if (estimate.isPresent() && estimate.getAsLong() >= settings.partitionRows()) {
            listener.tableStarted(job.id(), estimate.getAsLong(), true);
            return estimate.getAsLong();
        }
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + JobPlanner.from(job.mapping(), job.source(), source.dialect())
                + (where == null ? "" : " WHERE (" + where + ")"))) {
            rs.next();
            listener.tableStarted(job.id(), rs.getLong(1), false);
            return rs.getLong(1);
        }
    }

    /** How many pieces {@code rows} rows make: about partitionRows each, and on a cluster at least one per core. */
    private long pieces(long rows, OptionalLong bytes) {
        long n = (rows + settings.partitionRows() - 1) / settings.partitionRows();
        if (bytes.isPresent()) {
            // a table of large values is split by its size too, so that it moves on every worker
            n = Math.max(n, Math.min(rows, (bytes.getAsLong() + PARTITION_BYTES - 1) / PARTITION_BYTES));
        }
        if (rows >= SPREAD_ROWS * slots) {
            // on a cluster, every large table is spread over all of its cores
            n = Math.max(n, slots);
        }
        return Math.min(n, MAX_PARTITIONS);
    }

    /**
     * The tables of {@code jobs} a run moves in one piece, each as {@code "name: why"}: those it cannot split (see
     * {@link #wholeBecause}) and those of no more than {@code partitionRows} rows (by the source's statistics where it
     * keeps them, else counted).
     */
    public static List<String> movedWhole(Database source, Settings settings, List<TableJob> jobs) throws SQLException {
        Partitioner partitioner = new Partitioner(source, settings, ProgressListener.NONE);
        List<String> whole = new ArrayList<>();
        List<String> small = new ArrayList<>();
        try (Connection c = source.connection(); Statement s = c.createStatement()) {
            for (TableJob job : jobs) {
                Optional<String> why = partitioner.wholeBecause(job);
                if (why.isPresent()) {
                    whole.add(job.id() + ": " + why.get());
                    continue;
                }
                long rows = partitioner.rows(job, c, s);
                if (partitioner.pieces(rows, partitioner.bytes(job, c)) <= 1) {
                    small.add(job.id());
                }
            }
        }
        // the small tables on one line: a database of many small tables would otherwise fill the plan with them
        if (!small.isEmpty()) {
            whole.add(String.join(", ", small) + ": no more than partitionRows (" + String.format(Locale.ROOT, "%,d", settings.partitionRows())
                    + ") rows nor " + PARTITION_BYTES / (1024 * 1024) + " MB");
        }
        return whole;
    }

    /**
     * Why {@code job}'s table moves in one piece however large it is, or empty when it can be split: a query or
     * distinct rows, or no key, index or (PostgreSQL's) row location to cut it by.
     */
    Optional<String> wholeBecause(TableJob job) {
        return Optional.ofNullable(partitionKey(job) != null ? null : splitting(job).why());
    }

    /**
     * The column a table without an integer key is split on: the leading column of its primary key, else of a unique
     * index, else of any index, when the database orders its values; else, on PostgreSQL, the row's location.
     */
    private Splitting splitting(TableJob job) {
        if (job.mapping().isQuery()) {
            return Splitting.whole("a query's rows move in one piece");
        }
        if (job.mapping().distinct()) {
            return Splitting.whole("distinct rows move in one piece");
        }
        List<List<String>> candidates = new ArrayList<>();
        if (!job.source().primaryKey().isEmpty()) {
            candidates.add(job.source().primaryKey());
        }
        job.source().indexes().stream().filter(IndexInfo::unique).forEach(i -> candidates.add(i.columns()));
        job.source().indexes().stream().filter(i -> !i.unique()).forEach(i -> candidates.add(i.columns()));
        for (List<String> columns : candidates) {
            Optional<ColumnInfo> leading = columns.isEmpty() ? Optional.empty() : job.source().column(columns.get(0));
            if (leading.isPresent() && ORDERED.contains(source.dialect().kindOf(leading.get()))) {
                ValueKind kind = source.dialect().kindOf(leading.get());
                boolean integer = kind == ValueKind.INTEGER || kind == ValueKind.BIGINT;
                return new Splitting(leading.get().name(), integer ? "integer" : "text",
                        leading.get().nullable() && !job.source().primaryKey().contains(leading.get().name()), null);
            }
        }
        Optional<String> locator = source.dialect().rowLocator();
        if (locator.isPresent()) {
            return new Splitting(locator.get(), "page", false, null);
        }
        return Splitting.whole(candidates.isEmpty() ? "no key or index to split it by"
                : "no key or index whose leading column " + source.dialect().name() + " orders to split it by");
    }

    /** The kinds of value a table is split by: those the databases order, and whose text reads back as the same value. */
    private static final Set<ValueKind> ORDERED = Set.of(ValueKind.INTEGER, ValueKind.BIGINT, ValueKind.DECIMAL, ValueKind.TEXT,
            ValueKind.DATE, ValueKind.TIMESTAMP, ValueKind.TIMESTAMP_TZ, ValueKind.UUID);

    /**
     * How a table is split: by {@code column}'s values ({@code kind} integer or text, with the rows where it is NULL
     * apart when {@code nullable}) or its pages ({@code kind} page); or not at all ({@code column} null), for the
     * reason {@code why}.
     */
    record Splitting(String column, String kind, boolean nullable, String why) {
        static Splitting whole(String why) {
            return new Splitting(null, null, false, why);
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
