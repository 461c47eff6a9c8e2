package dev.migrate.engine;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrate.connect.Database;
import dev.migrate.dialect.Dialect;
import dev.migrate.dialect.ReadSnapshot;
import dev.migrate.plan.MigrationPlan;
import dev.migrate.schema.ColumnInfo;
import dev.migrate.schema.SchemaSnapshot;
import dev.migrate.schema.TableInfo;
import dev.migrate.transfer.ResultSetCursor;
import dev.migrate.transfer.SourceCursor;
import dev.migrate.transfer.TargetColumn;
import dev.migrate.transfer.ValueKind;
import dev.migrate.transfer.ValueReader;
import dev.migrate.types.DataType;
import dev.migrate.verify.Canonical;
import dev.migrate.verify.RowDifference;
import dev.migrate.verify.TableVerdict;

/**
 * The {@code verify} command: for every table the script moves, reads the source through the script's own
 * resolution and transforms (each row as the run writes it) and the target table, both ordered by the key, in
 * the run's key ranges side by side, and matches them row by row and column by column in the form two databases
 * agree on ({@link Canonical}). Memory holds one row of each side per range, and the differences found. A table
 * whose rows cannot be matched one to one (queries, tables fed by several sources, {@code distinct}) is compared by
 * its key sets ({@link KeySets}), or, where it has no key the sources write as they read it, by its row counts.
 */
public final class Verification {

    /** Rows compared value by value are fetched about this many bytes of values at a time on each side, however wide. */
    private static final long ROW_FETCH_BYTES = 8L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(Verification.class);

    private final MigrationPlan plan;
    private final Database source;
    private final Database target;
    private final SchemaSnapshot sourceSchema;
    private final SchemaSnapshot targetSchema;

    /**
     * @param source       open with a reader per worker for each range, and one more
     * @param sourceSchema the source's catalog, the script's queries among its tables
     */
    public Verification(MigrationPlan plan, Database source, Database target, SchemaSnapshot sourceSchema, SchemaSnapshot targetSchema) {
        // resolved as a dry run resolves: every value read as what it is, never as the source prints it
        this.plan = plan.withSettings(plan.settings().toBuilder().dryRun(true).build());
        this.source = source;
        this.target = target;
        this.sourceSchema = sourceSchema;
        this.targetSchema = targetSchema;
    }

    /** How a whole verification went. */
    public record Result(String migration, String source, String target, Instant started, Instant finished, List<TableVerdict> tables) {

        public boolean equal() {
            return tables.stream().allMatch(TableVerdict::equal);
        }

        public boolean differences() {
            return tables.stream().anyMatch(t -> t.error() == null && !t.equal());
        }
    }

    public Result run() throws SQLException {
        Instant started = Instant.now();
        int parallelism = plan.settings().parallelism();
        JobPlanner planner = new JobPlanner(plan, source.dialect(), target.dialect(), ZoneId.systemDefault());
        List<TableInfo> selected = planner.selectTables(sourceSchema);
        RunChecks.whereClauses(plan, selected, source);
        JobPlanner.Resolution resolution = planner.resolve(sourceSchema, targetSchema);
        Lookups lookups = Lookups.prepare(plan, source, sourceSchema, target, targetSchema, targetSchema, Set.of());
        lookups.preload();
        Map<String, List<TableJob>> byTarget = new LinkedHashMap<>();
        for (String id : resolution.order().tables()) {
            resolution.jobs().stream().filter(j -> j.id().equals(id)).findFirst()
                    .ifPresent(j -> byTarget.computeIfAbsent(j.targetName().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(j));
        }
        List<TableVerdict> verdicts = new ArrayList<>();
        ExecutorService workers = Executors.newFixedThreadPool(parallelism, r -> {
            Thread thread = new Thread(r, "migrate-verify");
            thread.setDaemon(true);
            return thread;
        });
        // a range's target side is hashed while its source side is: each database works on its own
        ExecutorService sides = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "migrate-verify-target");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (List<TableJob> jobs : byTarget.values()) {
                TableVerdict verdict = verify(jobs, source, target, lookups, workers, sides);
                LOG.info("{}: {}, {} rows in the source, {} in the target", verdict.table(), verdict.status(), verdict.sourceRows(),
                        verdict.targetRows());
                verdicts.add(verdict);
            }
        } finally {
            workers.shutdownNow();
            sides.shutdownNow();
        }
        return new Result(plan.name(), plan.source().safeUrl(), plan.target().safeUrl(), started, Instant.now(), verdicts);
    }

    private TableVerdict verify(List<TableJob> jobs, Database source, Database target, Lookups lookups, ExecutorService workers,
                                ExecutorService sides) {
        long clock = System.nanoTime();
        TableJob job = jobs.get(0);
        String table = job.targetName();
        if (job.targetTable() == null) {
            return new TableVerdict(table, "rows", count(source, jobs), 0, seconds(clock), List.of(), 0,
                    "table " + table + " does not exist in the target");
        }
        try {
            List<Integer> key = jobs.size() == 1 ? matchingKey(job) : null;
            if (key == null) {
                // one source connection per job at once, within the pool
                Optional<KeySets> keys = jobs.size() < 2 * plan.settings().parallelism() ? KeySets.of(jobs) : Optional.empty();
                if (keys.isPresent()) {
                    return keys.get().compare(source, target, lookups, clock);
                }
                long sourceRows = count(source, jobs);
                long targetRows = count(target, "SELECT COUNT(*) FROM " + job.target().qualifiedName());
                return new TableVerdict(table, "counts", sourceRows, targetRows, seconds(clock), List.of(), 0, null);
            }
            List<Partition> partitions = new Partitioner(source, plan.settings(), ProgressListener.NONE).splitByIntegerKey(job, ReadSnapshot.none(source));
            Comparison comparison = new Comparison(job, key, source, target, lookups, sides);
            // several ranges per worker, so that none is left working alone at the end
            int pieces = Math.max(1, (int) Math.ceil(4.0 * plan.settings().parallelism() / partitions.size()));
            boolean inside = comparison.targetWithin(partitions.get(0), partitions.get(partitions.size() - 1));
            List<Future<?>> running = new ArrayList<>();
            for (Partition partition : partitions) {
                for (Range range : comparison.ranges(partition, pieces, inside)) {
                    running.add(workers.submit(() -> {
                        comparison.compare(range);
                        return null;
                    }));
                }
            }
            for (Future<?> f : running) {
                f.get();
            }
            return new TableVerdict(table, comparison.method(), comparison.sourceRows.get(), comparison.targetRows.get(), seconds(clock),
                    comparison.kept(), comparison.found.get(), null);
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            return new TableVerdict(table, "rows", 0, 0, seconds(clock), List.of(), 0, "table " + table + ": " + Engine.oneLine(cause));
        }
    }

    /**
     * The target key's columns, as indexes into the job's feeds, when every one of them is copied from a source key
     * column as it is, into a column that orders as it does (both numbers, or both not); else null.
     */
    private static List<Integer> matchingKey(TableJob job) {
        if (job.mapping().isQuery() || job.mapping().distinct() || job.targetTable().primaryKey().isEmpty()) {
            return null;
        }
        List<String> sourceKey = job.source().primaryKey().stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
        List<Integer> key = new ArrayList<>();
        for (String column : job.targetTable().primaryKey()) {
            int index = -1;
            for (int i = 0; i < job.feeds().size(); i++) {
                ColumnFeed feed = job.feeds().get(i);
                if (feed.target().name().equalsIgnoreCase(column) && feed.transform() == null && feed.sourceName() != null
                        && sourceKey.contains(feed.sourceName().toLowerCase(Locale.ROOT)) && KeySets.ordersAlike(job, feed)) {
                    index = i;
                }
            }
            if (index < 0) {
                return null;
            }
            key.add(index);
        }
        return key.size() == sourceKey.size() ? key : null;
    }

    private long count(Database source, List<TableJob> jobs) {
        long total = 0;
        for (TableJob job : jobs) {
            String where = job.mapping().where() == null ? "" : " WHERE (" + job.mapping().where() + ")";
            total += count(source, "SELECT COUNT(*) FROM (" + job.sourceSql() + where + ") d");
        }
        return total;
    }

    private static long count(Database db, String sql) {
        try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(Engine.oneLine(e), e);
        }
    }

    private static double seconds(long clock) {
        return (System.nanoTime() - clock) / 1e9;
    }

    /** Ranges of keys no wider than this are matched row by row rather than cut smaller. */
    static final long SMALLEST_RANGE = 4_096;

    /**
     * A range of an integer key: {@code [low, high)}, or {@code [low, high]} when {@code last}; on the target's side
     * it reaches below {@code low} when {@code openLow} and beyond {@code high} when {@code openHigh} (the outer ranges,
     * where rows the source lacks are extra rows). {@code low} null: the whole table.
     */
    record Range(Long low, Long high, boolean last, boolean openLow, boolean openHigh) {

        static final Range WHOLE = new Range(null, null, true, true, true);

        List<Range> split(int n) {
            long width = Math.max(1, (high - low) / n + 1);
            List<Range> parts = new ArrayList<>();
            for (long from = low; from < high || (last && from == high); from += width) {
                boolean final_ = high - from <= width;
                parts.add(new Range(from, final_ ? high : from + width, final_ ? last : false, from == low && openLow, final_ && openHigh));
                if (final_) {
                    break;
                }
            }
            return parts;
        }
    }

    /** One table's rows matched side by side, range by range. */
    private static final class Comparison {

        private final TableJob job;
        private final List<Integer> key;
        private final Database source;
        private final Database target;
        private final Lookups lookups;
        private final ExecutorService sides;
        private final List<ValueReader> targetReaders = new ArrayList<>();
        /** The differences kept, by partition: each list in key order, the partitions in theirs. */
        private final Map<Long, List<RowDifference>> kept = new ConcurrentSkipListMap<>();
        /**
         * The ways both databases can hash a range themselves, fastest first (each a pair of select lists, source and
         * target): a way that fails (a type the database cannot hash, an older server) gives way to the next.
         */
        private final List<String[]> ways;
        private final AtomicInteger way = new AtomicInteger();
        final AtomicLong found = new AtomicLong();
        final AtomicLong sourceRows = new AtomicLong();
        final AtomicLong targetRows = new AtomicLong();
        /** Rows read and matched one by one, where hashes could not settle it. */
        final AtomicLong matched = new AtomicLong();

        Comparison(TableJob job, List<Integer> key, Database source, Database target, Lookups lookups, ExecutorService sides) {
            this.job = job;
            this.sides = sides;
            this.key = key;
            this.source = source;
            this.target = target;
            this.lookups = lookups;
            for (TargetColumn column : job.target().columns()) {
                targetReaders.add(target.dialect().reader(column.info()));
            }
            this.ways = ways(job, source.dialect(), target.dialect());
        }

        /**
         * Rows copied as they are (no transform, no row code) can be hashed by both databases in the same text form:
         * the select lists that do it, or null.
         */
        private static List<String[]> ways(TableJob job, Dialect from, Dialect to) {
            if (!job.mapping().transforms().isEmpty() || job.mapping().rows() != null || job.mapping().distinct() || job.mapping().isQuery()) {
                return List.of();
            }
            List<String[]> ways = new ArrayList<>();
            List<String> sourceColumns = new ArrayList<>();
            List<String> targetColumns = new ArrayList<>();
            boolean alike = from.getClass() == to.getClass();
            for (ColumnFeed feed : job.feeds()) {
                if (feed.transform() != null || feed.sourceIndex() < 0) {
                    return List.of();
                }
                ColumnInfo column = job.sourceColumns().get(feed.sourceIndex());
                sourceColumns.add(from.quote(column.name()));
                targetColumns.add(to.quote(feed.target().name()));
                alike &= column.describeType().equalsIgnoreCase(feed.target().info().describeType());
            }
            if (alike) {
                List<String> theirs = to.nativeRowDigests(targetColumns);
                List<String> ours = from.nativeRowDigests(sourceColumns);
                for (int i = 0; i < ours.size(); i++) {
                    ways.add(new String[] {ours.get(i), theirs.get(i)});
                }
            }
            // the values as each server prints them, where the two print them alike; else in the canonical form
            List<String> plainSource = new ArrayList<>();
            List<String> plainTarget = new ArrayList<>();
            List<String> sourceTexts = new ArrayList<>();
            List<String> targetTexts = new ArrayList<>();
            List<ValueKind> kinds = new ArrayList<>();
            boolean anyPlain = false;
            for (ColumnFeed feed : job.feeds()) {
                ColumnInfo column = job.sourceColumns().get(feed.sourceIndex());
                String sourceColumn = from.quote(column.name());
                String targetColumn = to.quote(feed.target().name());
                Optional<String> a = from.canonicalText(sourceColumn, from.kindOf(column));
                Optional<String> b = to.canonicalText(targetColumn, feed.target().kind());
                if (a.isEmpty() || b.isEmpty()) {
                    return ways;
                }
                sourceTexts.add(a.get());
                targetTexts.add(b.get());
                Optional<String> plainA = Optional.empty();
                Optional<String> plainB = Optional.empty();
                if (printedAlike(from, column, to, feed)) {
                    plainA = from.plainText(column, sourceColumn, feed.target().kind());
                    plainB = to.plainText(feed.target().info(), targetColumn, feed.target().kind());
                }
                boolean plain = plainA.isPresent() && plainB.isPresent();
                anyPlain |= plain;
                plainSource.add(plain ? plainA.get() : a.get());
                plainTarget.add(plain ? plainB.get() : b.get());
                // a value is framed by its length when it is text on either side
                kinds.add(from.kindOf(column) == ValueKind.TEXT || feed.target().kind() == ValueKind.TEXT ? ValueKind.TEXT : feed.target().kind());
            }
            if (anyPlain) {
                Optional<String> a = from.rowDigest(plainSource, kinds);
                Optional<String> b = to.rowDigest(plainTarget, kinds);
                if (a.isPresent() && b.isPresent()) {
                    ways.add(new String[] {a.get(), b.get()});
                }
            }
            Optional<String> a = from.rowDigest(sourceTexts, kinds);
            Optional<String> b = to.rowDigest(targetTexts, kinds);
            if (a.isPresent() && b.isPresent()) {
                ways.add(new String[] {a.get(), b.get()});
            }
            return ways;
        }

        /**
         * Whether both servers print a column's values in the canonical form by themselves: a value of the same kind on
         * both sides, and, for decimals and times, the same declared number of digits after the point (none, for times).
         */
        private static boolean printedAlike(Dialect from, ColumnInfo column, Dialect to, ColumnFeed feed) {
            ValueKind kind = feed.target().kind();
            if (from.kindOf(column) != kind) {
                return false;
            }
            DataType a = from.dataType(column);
            DataType b = to.dataType(feed.target().info());
            return switch (kind) {
                case INTEGER, BIGINT, DOUBLE, DATE, TEXT -> true;
                case DECIMAL -> a.precision() > 0 && b.precision() > 0 && a.scale() == b.scale();
                case TIMESTAMP -> a.scale() == 0 && b.scale() == 0;
                default -> false;
            };
        }

        /** {@code hashes} where every range's hashes agreed, {@code rows} where every row was matched, else both. */
        String method() {
            if (ways.isEmpty()) {
                return "rows";
            }
            return matched.get() == 0 ? "hashes" : "hashes, " + String.format(Locale.ROOT, "%,d", matched.get()) + " rows";
        }

        List<RowDifference> kept() {
            List<RowDifference> all = new ArrayList<>();
            kept.values().forEach(all::addAll);
            return all;
        }

        /**
         * Whether the target holds no key outside the source's, from {@code first}'s low to {@code last}'s high: then
         * the outer ranges ask the target for their own keys only, which a server that has no statistics of a table
         * just loaded still reads by its index (asked for every key below a bound, PostgreSQL reads the table whole).
         */
        boolean targetWithin(Partition first, Partition last) {
            if (!first.isRange()) {
                return false;
            }
            String column = target.dialect().quote(job.feeds().get(key.get(0)).target().name());
            try (Connection c = target.connection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT MIN(" + column + "), MAX(" + column + "), COUNT(*) - COUNT(" + column + ") FROM "
                         + job.target().qualifiedName())) {
                rs.next();
                // compared exactly: a key of the target may be a decimal, which a long would cut
                BigDecimal min = rs.getBigDecimal(1);
                BigDecimal max = rs.getBigDecimal(2);
                if (rs.getLong(3) > 0) {
                    return false;
                }
                return min == null || min.compareTo(BigDecimal.valueOf(first.low())) >= 0
                        && max.compareTo(BigDecimal.valueOf(last.high())) <= 0;
            } catch (SQLException | RuntimeException e) {
                // the outer ranges stay open
                LOG.debug("{}: the target's key bounds are unknown ({})", job.targetName(), Engine.oneLine(e));
                return false;
            }
        }

        /**
         * A partition's key range, cut in {@code pieces} where the databases hash it and it is wide enough; the outer
         * ones reach beyond the source's keys on the target's side unless the target has no key {@code outside} them.
         */
        List<Range> ranges(Partition partition, int pieces, boolean inside) {
            Range range = partition.isRange()
                    ? new Range(partition.low(), partition.high(), partition.last(), !inside && partition.index() == 0,
                            !inside && partition.last() && partition.count() > 1)
                    : Range.WHOLE;
            if (partition.isRange() && partition.count() == 1) {
                // the only range: the target's rows outside it are extra rows too
                range = new Range(partition.low(), partition.high(), true, !inside, !inside);
            }
            if (ways.isEmpty() || range.low() == null || pieces == 1 || range.high() - range.low() < (long) pieces * SMALLEST_RANGE) {
                return List.of(range);
            }
            return range.split(pieces);
        }

        /**
         * Where both databases can hash the rows themselves, a range whose row counts and hashes agree is equal without
         * a row crossing the network; one that differs is cut in sixteen until the ranges are small, and those are
         * matched row by row.
         */
        void compare(Range range) throws Exception {
            int current = way.get();
            if (current < ways.size()) {
                String[] digests = ways.get(current);
                Future<String[]> theirs = sides.submit(() -> digest(target, "SELECT " + digests[1] + " FROM " + job.target().qualifiedName()
                        + targetWhere(range)));
                String[] a = digest(source, "SELECT " + digests[0] + " FROM " + from() + sourceWhere(range));
                String[] b = theirs.get();
                if ((a == null || b == null) && current + 1 < ways.size()) {
                    // this way failed on a database: the next one, for this range and every other
                    way.compareAndSet(current, current + 1);
                    compare(range);
                    return;
                }
                if (a != null && b != null && Arrays.equals(a, b)) {
                    sourceRows.addAndGet(Long.parseLong(a[0]));
                    targetRows.addAndGet(Long.parseLong(b[0]));
                    return;
                }
                if (range.low() != null && range.high() - range.low() > SMALLEST_RANGE) {
                    for (Range part : range.split(16)) {
                        compare(part);
                    }
                    return;
                }
            }
            rows(range);
        }

        private String[] digest(Database db, String sql) {
            try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return new String[] {String.valueOf(rs.getLong(1)), new BigDecimal(rs.getString(2)).toPlainString()};
            } catch (SQLException | RuntimeException e) {
                // the rows say it then
                LOG.debug("{}: hashing in the database failed ({}); its rows are compared one by one", job.targetName(), Engine.oneLine(e));
                return null;
            }
        }

        private String from() {
            return JobPlanner.from(job.mapping(), job.source(), source.dialect());
        }

        private String sourceWhere(Range range) {
            List<String> terms = new ArrayList<>();
            if (job.mapping().where() != null) {
                terms.add("(" + job.mapping().where() + ")");
            }
            if (range.low() != null) {
                String column = source.dialect().quote(job.sourceColumns().get(job.feeds().get(key.get(0)).sourceIndex()).name());
                terms.add(column + " >= " + range.low());
                terms.add(column + (range.last() ? " <= " : " < ") + range.high());
            }
            return terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms);
        }

        private String targetWhere(Range range) {
            List<String> terms = new ArrayList<>();
            if (range.low() != null) {
                String column = target.dialect().quote(job.feeds().get(key.get(0)).target().name());
                if (!range.openLow()) {
                    terms.add(column + " >= " + range.low());
                }
                if (!range.openHigh()) {
                    terms.add(column + (range.last() ? " <= " : " < ") + range.high());
                }
            }
            return terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms);
        }

        /** The rows of {@code range} on both sides, ordered by the key and matched one by one. */
        private void rows(Range range) throws Exception {
            Dialect from = source.dialect();
            Dialect to = target.dialect();
            List<String> sourceOrder = new ArrayList<>();
            List<String> targetOrder = new ArrayList<>();
            for (int k : key) {
                ColumnFeed feed = job.feeds().get(k);
                ColumnInfo sourceColumn = job.sourceColumns().get(feed.sourceIndex());
                sourceOrder.add(from.byteOrder(from.quote(sourceColumn.name()), from.kindOf(sourceColumn)));
                targetOrder.add(to.byteOrder(to.quote(feed.target().name()), feed.target().kind()));
            }
            String sourceSql = job.sourceSql() + sourceWhere(range) + " ORDER BY " + String.join(", ", sourceOrder);
            String targetSql = "SELECT " + job.target().columnList() + " FROM " + job.target().qualifiedName() + targetWhere(range)
                    + " ORDER BY " + String.join(", ", targetOrder);
            RowTransformer transformer = new RowTransformer(job, lookups);
            try (Connection sc = source.connection(); Connection tc = target.connection()) {
                from.prepareStreamingRead(sc);
                to.prepareStreamingRead(tc);
                try (PreparedStatement ss = sc.prepareStatement(sourceSql); PreparedStatement ts = tc.prepareStatement(targetSql)) {
                    ss.setFetchSize(from.streamingFetchSize(5_000));
                    ts.setFetchSize(to.streamingFetchSize(5_000));
                    try (SourceCursor sr = new ResultSetCursor(ss, job.readers().toArray(new ValueReader[0]), ROW_FETCH_BYTES);
                         SourceCursor tr = new ResultSetCursor(ts, targetReaders.toArray(new ValueReader[0]), ROW_FETCH_BYTES)) {
                        List<RowDifference> found = Collections.synchronizedList(new ArrayList<>());
                        kept.put(range.low() == null ? Long.MIN_VALUE : range.low(), found);
                        merge(sr, tr, transformer, found);
                    }
                } finally {
                    end(sc);
                    end(tc);
                }
            }
        }

        private static void end(Connection c) throws SQLException {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        }

        private void merge(SourceCursor sr, SourceCursor tr, RowTransformer transformer, List<RowDifference> found) throws SQLException {
            Object[] s = nextSource(sr, transformer);
            Object[] t = nextTarget(tr);
            while (s != null || t != null) {
                int order = s == null ? 1 : t == null ? -1 : compareKeys(s, t);
                if (order < 0) {
                    difference(found, new RowDifference(job.targetName(), describeKey(s), RowDifference.Kind.MISSING_IN_TARGET, null, null, null));
                    s = nextSource(sr, transformer);
                } else if (order > 0) {
                    difference(found, new RowDifference(job.targetName(), describeKey(t), RowDifference.Kind.EXTRA_IN_TARGET, null, null, null));
                    t = nextTarget(tr);
                } else {
                    compareColumns(s, t, found);
                    s = nextSource(sr, transformer);
                    t = nextTarget(tr);
                }
            }
        }

        /** The next source row as the run writes it; rows the script leaves out or refuses are not expected in the target. */
        private Object[] nextSource(SourceCursor sr, RowTransformer transformer) throws SQLException {
            int width = job.readers().size();
            while (sr.next()) {
                Object[] row = new Object[width];
                for (int i = 0; i < width; i++) {
                    row[i] = sr.value(i);
                }
                try {
                    Object[] written = transformer.apply(row);
                    if (written != null) {
                        sourceRows.incrementAndGet();
                        return written;
                    }
                } catch (RowFailure refused) {
                    // the run sets such a row aside (or fails on it): it is not in the target
                }
            }
            return null;
        }

        private Object[] nextTarget(SourceCursor tr) throws SQLException {
            if (!tr.next()) {
                return null;
            }
            targetRows.incrementAndGet();
            matched.incrementAndGet();
            Object[] row = new Object[targetReaders.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = tr.value(i);
            }
            return row;
        }

        private int compareKeys(Object[] s, Object[] t) {
            for (int k : key) {
                int order = Canonical.compareKeys(s[k], t[k]);
                if (order != 0) {
                    return order;
                }
            }
            return 0;
        }

        private void compareColumns(Object[] s, Object[] t, List<RowDifference> found) {
            for (int c = 0; c < s.length; c++) {
                boolean json = job.target().columns().get(c).kind() == ValueKind.JSON;
                String expected = json ? Canonical.json(Canonical.of(s[c])) : Canonical.of(s[c]);
                String actual = json ? Canonical.json(Canonical.of(t[c])) : Canonical.of(t[c]);
                if (!Objects.equals(expected, actual)) {
                    difference(found, new RowDifference(job.targetName(), describeKey(t), RowDifference.Kind.DIFFERS,
                            job.target().columns().get(c).name(), expected, actual));
                    return;
                }
            }
        }

        private String describeKey(Object[] row) {
            List<String> parts = new ArrayList<>();
            for (int k : key) {
                parts.add(job.target().columns().get(k).name() + "=" + Canonical.of(row[k]));
            }
            return String.join(", ", parts);
        }

        private void difference(List<RowDifference> list, RowDifference d) {
            if (found.incrementAndGet() <= TableVerdict.KEPT) {
                list.add(d);
            }
        }
    }
}
