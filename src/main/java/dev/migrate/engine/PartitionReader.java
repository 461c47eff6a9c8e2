package dev.migrate.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import dev.migrate.connect.Database;
import dev.migrate.dialect.Dialect;
import dev.migrate.dialect.ReadSnapshot;
import dev.migrate.plan.Settings;
import dev.migrate.transfer.JdbcBatchWriter;
import dev.migrate.transfer.ResultSetCursor;
import dev.migrate.transfer.SourceCursor;
import dev.migrate.transfer.ValueReader;
import dev.migrate.transfer.ValueReaders;

/**
 * The reader side of a partition: streams its source rows, transforms them and hands them to the writer in
 * batches. It runs on a reader thread and never throws: a failure travels through the queue, after the
 * cursor is closed and the source transaction ended, so the writer always hears how reading ended.
 */
final class PartitionReader implements Runnable {

    /** What the reader hands the writer: rows, or the end, or why reading failed. */
    record Batch(Object[][] rows, int count, long read, long skipped, Throwable failure) {
        static final Batch END = new Batch(null, 0, 0, 0, null);
    }

    private final Partition partition;
    private final Database source;
    private final ReadSnapshot snapshot;
    private final Settings settings;
    private final Rejects.TableRejects rejects;
    private final Lookups lookups;
    private final long batchBytes;
    private final boolean validate;
    private final BlockingQueue<Batch> queue;
    private final AtomicBoolean stop;
    private final AtomicReference<SourceCursor> cursor = new AtomicReference<>();
    private final AtomicReference<Connection> connection = new AtomicReference<>();
    /** Set under the cursor's lock once the writer cancelled a query on this reader's connection. */
    private boolean interrupted;

    /**
     * @param validate whether to check each row as the target would (a dry run, whose writer refuses nothing)
     * @param stop     set by the writer when it stops: the reader stops handing rows
     */
    PartitionReader(Partition partition, Database source, ReadSnapshot snapshot, Settings settings, Rejects.TableRejects rejects,
                    Lookups lookups, long batchBytes, boolean validate, BlockingQueue<Batch> queue, AtomicBoolean stop) {
        this.partition = partition;
        this.source = source;
        this.snapshot = snapshot;
        this.settings = settings;
        this.rejects = rejects;
        this.lookups = lookups;
        this.batchBytes = batchBytes;
        this.validate = validate;
        this.queue = queue;
        this.stop = stop;
    }

    @Override
    public void run() {
        Connection c = null;
        try {
            c = snapshot.open();
            connection.set(c);
            source.dialect().prepareStreamingRead(c);
            Throwable failed = null;
            try {
                readAll(c);
            } catch (Throwable failure) {
                failed = Faults.fromSource(failure);
            }
            // only once the cursor is closed: a COPY in progress holds the connection, and a rollback would wait for it forever
            Connection ending = c;
            c = null;
            try {
                release(ending);
            } catch (SQLException e) {
                if (failed == null) {
                    failed = Faults.fromSource(e);
                } else {
                    failed.addSuppressed(e);
                }
            }
            if (failed != null) {
                throw failed;
            }
            hand(Batch.END);
        } catch (Throwable failure) {
            if (c != null) {
                try {
                    release(c);
                } catch (SQLException e) {
                    failure.addSuppressed(e);
                }
            }
            hand(new Batch(null, 0, 0, 0, failure));
        }
    }

    /**
     * Ends the read's transaction and gives the connection back to where it came from, unless the writer cancelled a
     * query on it (a cancel can land late, and must not land on the query of whoever borrows it next) or let it go.
     */
    private void release(Connection c) throws SQLException {
        boolean reusable;
        synchronized (cursor) {
            if (!connection.compareAndSet(c, null)) {
                return;
            }
            reusable = !interrupted;
        }
        snapshot.release(c, reusable);
    }

    /** From the writer's thread: stops a query that is waiting on the source, so the reader sees the stop at once. */
    void interrupt() {
        synchronized (cursor) {
            SourceCursor open = cursor.get();
            if (open != null) {
                interrupted = true;
                open.interrupt();
            }
        }
    }

    /** From the writer's thread, when the reader did not stop: its connection is closed under it and leaves the pool. */
    void abandon() {
        Connection c = connection.getAndSet(null);
        if (c != null) {
            try {
                snapshot.release(c, false);
            } catch (SQLException ignored) {
                // it is let go either way
            }
        }
    }

    private void readAll(Connection c) throws Exception {
        try (SourceCursor rows = openCursor(c)) {
            cursor.set(rows);
            try {
                readAll(rows);
            } catch (Throwable failure) {
                // before the cursor closes: a streaming result set closed early would first read every row left
                rows.cancel();
                throw failure;
            } finally {
                synchronized (cursor) {
                    cursor.set(null);
                }
            }
        }
    }

    private void readAll(SourceCursor rows) throws Exception {
        TableJob job = partition.job();
        int batchSize = settings.batchSize();
        RowTransformer transformer = new RowTransformer(job, lookups);
        RowValidator validator = validate && job.targetTable() != null ? new RowValidator(job, lookups) : null;
        int width = job.readers().size();
        Object[] row = new Object[width];
        Object[][] batch = new Object[batchSize][];
        int count = 0;
        long readRows = 0;
        long skippedRows = 0;
        long held = 0;
        while (rows.next()) {
            for (int i = 0; i < width; i++) {
                row[i] = rows.value(i);
            }
            readRows++;
            Object[] out;
            try {
                out = transformer.apply(row);
                if (validator != null) {
                    validator.check(out);
                }
            } catch (RowFailure failure) {
                if (rejects.accept(failure, transformer.describe(row))) {
                    continue;
                }
                throw rejects.limit() == 0 ? failure : new RowFailure("table " + job.targetName() + ": more than "
                        + rejects.limit() + " rows rejected; the last: " + failure.getMessage(), failure.column(), failure.reason(), failure);
            }
            if (out == null) {
                skippedRows++;
                continue;
            }
            batch[count++] = out;
            // what the values take in the heap: their bytes, and a little for each object
            held += estimate(out) + 16 + 24L * out.length;
            if (count == batchSize || held >= batchBytes) {
                if (!hand(new Batch(batch, count, readRows, skippedRows, null))) {
                    // the writer stopped: the rest of the rows are not wanted
                    rows.cancel();
                    return;
                }
                batch = new Object[batchSize][];
                count = 0;
                readRows = 0;
                skippedRows = 0;
                held = 0;
            }
        }
        if (count > 0 || readRows > 0) {
            hand(new Batch(batch, count, readRows, skippedRows, null));
        }
    }

    private static long estimate(Object[] row) {
        long bytes = 0;
        for (Object v : row) {
            bytes += JdbcBatchWriter.estimate(v);
        }
        return bytes;
    }

    /** Puts a batch on the queue, waiting while the writer is busy; gives up once the writer stopped. */
    private boolean hand(Batch batch) {
        try {
            while (!stop.get()) {
                if (queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /**
     * The partition's rows: through the source database's export stream where it has one for these columns
     * (PostgreSQL's COPY TO STDOUT) and the bulk paths are on, else through a JDBC result set.
     */
    private SourceCursor openCursor(Connection c) throws SQLException {
        TableJob job = partition.job();
        if (settings.bulk()) {
            boolean[] asPrinted = new boolean[job.readers().size()];
            for (int i = 0; i < asPrinted.length; i++) {
                asPrinted[i] = job.readers().get(i) == ValueReaders.AS_PRINTED;
            }
            Optional<SourceCursor> export = source.dialect().openExport(c, job.sourceSql() + whereClause(partition, source, true),
                    job.sourceColumns(), asPrinted);
            if (export.isPresent()) {
                return export.get();
            }
        }
        PreparedStatement statement = c.prepareStatement(job.sourceSql() + whereClause(partition, source, false),
                ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        try {
            statement.setFetchSize(source.dialect().streamingFetchSize(settings.fetchSize()));
            bind(statement, partition, source);
            return new ResultSetCursor(statement, job.readers().toArray(new ValueReader[0]), batchBytes);
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** The script's filter and the partition's key range; the range as parameters, or inline (COPY takes none). */
    static String whereClause(Partition partition, Database source, boolean inline) {
        TableJob job = partition.job();
        StringBuilder sql = new StringBuilder();
        String where = job.mapping().where();
        String range = partition.isRange() ? widthRange(partition, source, inline)
                : partition.isSampled() ? valueRange(partition, source.dialect(), inline) : "";
        if (where != null || !range.isEmpty()) {
            sql.append(" WHERE ");
            if (where != null) {
                sql.append('(').append(where).append(')');
            }
            sql.append(where != null && !range.isEmpty() ? " AND " : "").append(range);
        }
        return sql.toString();
    }

    private static String widthRange(Partition partition, Database source, boolean inline) {
        String key = source.dialect().quote(partition.keyColumn());
        return key + " >= " + (inline ? partition.low() : "?") + " AND " + key + (partition.last() ? " <= " : " < ")
                + (inline ? partition.high() : "?");
    }

    /** {@code [low, high)}, a side left open when its bound is null; a text bound a parameter unless {@code inline}. */
    private static String valueRange(Partition partition, Dialect dialect, boolean inline) {
        Partition.Bounds bounds = partition.bounds();
        String key = dialect.quote(partition.keyColumn());
        if (bounds.nulls()) {
            return key + " IS NULL";
        }
        if (bounds.low() == null && bounds.high() == null) {
            return bounds.kind().equals("page") ? "" : key + " IS NOT NULL";
        }
        List<String> terms = new ArrayList<>(2);
        if (bounds.low() != null) {
            terms.add(key + " >= " + bound(bounds.kind(), bounds.low(), dialect, inline));
        }
        if (bounds.high() != null) {
            terms.add(key + " < " + bound(bounds.kind(), bounds.high(), dialect, inline));
        }
        return String.join(" AND ", terms);
    }

    /** A bound as SQL: a number or a page as a literal (they are read back as numbers, so nothing else gets in). */
    private static String bound(String kind, String value, Dialect dialect, boolean inline) {
        return switch (kind) {
            case "integer" -> Long.toString(Long.parseLong(value));
            case "page" -> dialect.pageBound(Long.parseLong(value));
            default -> inline ? dialect.textLiteral(value) : "?";
        };
    }

    /** Gives the statement the partition's bounds that {@link #whereClause} left as parameters. */
    static void bind(PreparedStatement statement, Partition partition, Database source) throws SQLException {
        if (partition.isRange()) {
            statement.setLong(1, partition.low());
            statement.setLong(2, partition.high());
        } else if (partition.isSampled() && partition.bounds().kind().equals("text") && !partition.bounds().nulls()) {
            int index = 1;
            for (String value : new String[] {partition.bounds().low(), partition.bounds().high()}) {
                if (value != null) {
                    source.dialect().bindText(statement, index++, value);
                }
            }
        }
    }
}
