package dev.migrate.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import groovyx.gpars.dataflow.Promise;
import groovyx.gpars.group.PGroup;

import dev.migrate.connect.Database;
import dev.migrate.plan.Settings;
import dev.migrate.transfer.RowWriter;
import dev.migrate.transfer.ResultSetCursor;
import dev.migrate.transfer.SourceCursor;
import dev.migrate.transfer.ValueReader;
import dev.migrate.transfer.ValueReaders;

/**
 * Moves one partition: a reader task streams the source rows, transforms them and hands them on in
 * batches through a small bounded queue; this thread writes them in one target transaction and commits.
 * At most {@value #QUEUE_BATCHES} batches wait between the two, so memory does not grow with the table; a
 * batch ends at {@code batchSize} rows or at {@link #batchBytes} bytes of values, whichever comes first, so
 * wide rows do not grow it either.
 */
final class PartitionRun {

    static final int QUEUE_BATCHES = 2;

    /**
     * Batches a partition holds at once: those waiting, the one being filled, the one being written, and the
     * writer's encoded copy of it.
     */
    private static final int BATCHES_HELD = QUEUE_BATCHES + 3;

    /**
     * The bytes of values a batch may hold: the batches all partitions hold share 64 MB (a quarter of the heap
     * if that is less), so that rows in flight take the same memory whatever the tables; between 256 KB and
     * 16 MB a batch.
     */
    static long batchBytes(int partitions) {
        long budget = Math.min(64L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 4);
        long share = budget / ((long) partitions * BATCHES_HELD);
        return Math.max(256 * 1024, Math.min(16L * 1024 * 1024, share));
    }

    /** What one partition did. */
    record Outcome(long rowsRead, long rowsWritten, long rejected, long skipped, long bytes, String method) {
    }

    private record Batch(Object[][] rows, int count, long read, long skipped, long bytes, Throwable failure) {
        static final Batch END = new Batch(null, 0, 0, 0, 0, null);
    }

    private final Partition partition;
    private final Database source;
    private final Database target;
    private final Settings settings;
    private final PGroup readers;
    private final ProgressListener listener;
    private final List<String> sessionSetup;
    private final List<String> sessionReset;
    private final AtomicBoolean cancelled;
    private final Rejects.TableRejects rejects;
    private final Lookups lookups;
    private final long batchBytes;

    /**
     * @param target       null in a dry run: rows are read and transformed, nothing is written
     * @param sessionSetup statements run on the target connection before the partition (constraint checks off)
     * @param cancelled    set when another partition of the table failed: stop early
     */
    PartitionRun(Partition partition, Database source, Database target, Settings settings, PGroup readers,
                 ProgressListener listener, List<String> sessionSetup, List<String> sessionReset, AtomicBoolean cancelled,
                 Rejects.TableRejects rejects, Lookups lookups, long batchBytes) {
        this.partition = partition;
        this.source = source;
        this.target = target;
        this.settings = settings;
        this.readers = readers;
        this.listener = listener;
        this.sessionSetup = sessionSetup;
        this.sessionReset = sessionReset;
        this.cancelled = cancelled;
        this.rejects = rejects;
        this.lookups = lookups;
        this.batchBytes = batchBytes;
    }

    Outcome run() throws Exception {
        if (streams()) {
            return stream();
        }
        TableJob job = partition.job();
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
        AtomicBoolean stop = new AtomicBoolean();
        long read = 0;
        long skipped = 0;
        long written = 0;
        long bytes = 0;
        Connection connection = null;
        RowWriter writer = null;
        Promise<Object> reading = null;
        try {
            if (target != null) {
                connection = target.connection();
                execute(connection, sessionSetup);
                connection.setAutoCommit(false);
                // a table that may reject rows writes batch by batch behind savepoints, so a refused batch can be split;
                // with the bulk paths turned off, every table writes through JDBC batches
                writer = isolating() || !settings.bulk() ? target.dialect().openBatchWriter(connection, job.target())
                        : target.dialect().openWriter(connection, job.target());
            }
            reading = readers.task((Runnable) () -> read(queue, stop));
            while (true) {
                Batch batch = queue.take();
                if (batch == Batch.END) {
                    break;
                }
                if (batch.failure() != null) {
                    throw asException(batch.failure());
                }
                if (cancelled.get()) {
                    throw new CancelledPartition();
                }
                long before = writer == null ? 0 : writer.bytesWritten();
                int refused = 0;
                if (writer != null) {
                    if (isolating()) {
                        refused = addIsolating(connection, writer, batch.rows(), batch.count());
                    } else {
                        writer.add(batch.rows(), batch.count());
                    }
                }
                read += batch.read();
                skipped += batch.skipped();
                written += batch.count() - refused;
                long sent = writer == null ? batch.bytes() : writer.bytesWritten() - before;
                bytes += sent;
                listener.rowsMoved(job.id(), batch.count(), sent);
            }
            if (writer != null) {
                writer.finish();
                writer.commit();
            }
            return new Outcome(read, written, read - written - skipped, skipped, bytes, writer == null ? "dry run" : writer.method());
        } catch (Throwable failure) {
            stop.set(true);
            queue.clear();
            if (writer != null) {
                writer.abort();
            }
            throw failure;
        } finally {
            if (reading != null) {
                reading.join();
            }
            close(writer, connection);
        }
    }

    /**
     * PostgreSQL to PostgreSQL, every column copied as it is (no code, rule or conversion between): the rows
     * need no decoding and stream from one COPY into the other.
     */
    private boolean streams() throws SQLException {
        TableJob job = partition.job();
        if (target == null || isolating() || !settings.bulk() || job.target().merges() || job.mapping().rows() != null
                || !dev.migrate.dialect.postgresql.PostgresStream.between(source.dialect(), target.dialect())
                || !dev.migrate.dialect.postgresql.PostgresStream.checkedText(source.dataSource())) {
            return false;
        }
        for (ColumnFeed feed : job.feeds()) {
            if (feed.transform() != null || feed.sourceIndex() < 0) {
                return false;
            }
            dev.migrate.schema.ColumnInfo from = job.sourceColumns().get(feed.sourceIndex());
            if (!from.typeName().equalsIgnoreCase(feed.target().info().typeName())) {
                return false;
            }
        }
        return true;
    }

    private Outcome stream() throws Exception {
        TableJob job = partition.job();
        String columns = String.join(", ", job.feeds().stream().map(f -> source.dialect().quote(f.sourceName())).toList());
        String select = "SELECT " + (job.mapping().distinct() ? "DISTINCT " : "") + columns + " FROM "
                + JobPlanner.from(job.mapping(), job.source(), source.dialect()) + whereClause(true);
        long[] bytes = new long[1];
        boolean binary = dev.migrate.dialect.postgresql.PostgresStream.binarySafe(
                job.feeds().stream().map(f -> job.sourceColumns().get(f.sourceIndex()).typeName()).toList());
        try (Connection from = source.connection(); Connection to = target.connection()) {
            from.setAutoCommit(false);
            try {
                execute(to, sessionSetup);
                to.setAutoCommit(false);
                try {
                    long rows = dev.migrate.dialect.postgresql.PostgresStream.copy(from, select, to, job.target().qualifiedName(),
                            job.target().columnList(), binary, cancelled::get,
                            n -> listener.rowsMoved(job.id(), n, 0), n -> bytes[0] += n);
                    to.commit();
                    return new Outcome(rows, rows, 0, 0, bytes[0], binary ? "COPY stream (binary)" : "COPY stream (text)");
                } catch (Exception e) {
                    to.rollback();
                    throw cancelled.get() ? new CancelledPartition() : e;
                } finally {
                    to.setAutoCommit(true);
                    execute(to, sessionReset);
                }
            } finally {
                from.rollback();
            }
        }
    }

    private boolean isolating() {
        return rejects.limit() > 0;
    }

    /** Writes a batch behind a savepoint; a refused batch is split in halves until its bad rows are found. Returns the rows refused. */
    private int addIsolating(Connection connection, RowWriter writer, Object[][] rows, int count) throws SQLException, RowFailure {
        java.sql.Savepoint savepoint = connection.setSavepoint();
        try {
            writer.add(rows, count);
            connection.releaseSavepoint(savepoint);
            return 0;
        } catch (SQLException refused) {
            connection.rollback(savepoint);
            if (count == 1) {
                reject(rows[0], refused);
                return 1;
            }
            int half = count / 2;
            return addIsolating(connection, writer, java.util.Arrays.copyOfRange(rows, 0, half), half)
                    + addIsolating(connection, writer, java.util.Arrays.copyOfRange(rows, half, count), count - half);
        }
    }

    /** A row the database refused goes to the reject file with the values it was to be written with. */
    private void reject(Object[] row, SQLException cause) throws RowFailure {
        TableJob job = partition.job();
        java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
        for (int c = 0; c < job.target().columns().size(); c++) {
            values.put(job.target().columns().get(c).name(), row[c]);
        }
        String reason = Engine.oneLine(cause);
        RowFailure failure = new RowFailure("table " + job.targetName() + ": " + reason, null, reason, cause);
        if (!rejects.accept(failure, values)) {
            throw new RowFailure("table " + job.targetName() + ": more than " + rejects.limit() + " rows rejected; the last: "
                    + failure.getMessage(), null, reason, cause);
        }
    }

    private void close(RowWriter writer, Connection connection) {
        try {
            if (writer != null) {
                writer.close();
            }
        } catch (SQLException ignored) {
            // the transaction is already committed or rolled back; closing is only tidying up
        } finally {
            if (connection != null) {
                try {
                    connection.setAutoCommit(true);
                    execute(connection, sessionReset);
                    connection.close();
                } catch (SQLException e) {
                    // a session whose settings could not be restored must not serve anyone else
                    target.discard(connection);
                }
            }
        }
    }

    private static void execute(Connection connection, List<String> statements) throws SQLException {
        for (String sql : statements) {
            try (Statement s = connection.createStatement()) {
                s.execute(sql);
            }
        }
    }

    /** The reader side: runs on a reader thread, never throws; a failure travels through the queue. */
    private void read(BlockingQueue<Batch> queue, AtomicBoolean stop) {
        TableJob job = partition.job();
        int batchSize = settings.batchSize();
        try (Connection connection = source.connection()) {
            source.dialect().prepareStreamingRead(connection);
            try (SourceCursor cursor = openCursor(connection)) {
                RowTransformer transformer = new RowTransformer(job, lookups);
                // a dry run checks what the target would: the writer that would have refused the row is not there
                RowValidator validator = target == null && job.targetTable() != null ? new RowValidator(job) : null;
                int width = job.readers().size();
                Object[] row = new Object[width];
                Object[][] rows = new Object[batchSize][];
                int count = 0;
                long readRows = 0;
                long skippedRows = 0;
                long bytes = 0;
                long held = 0;
                boolean stopped = false;
                boolean failed = false;
                try {
                    while (cursor.next()) {
                        for (int c = 0; c < width; c++) {
                            row[c] = cursor.value(c);
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
                        rows[count++] = out;
                        long size = estimate(out);
                        // what the values take in the heap: their bytes, and a little for each object
                        held += size + 16 + 24L * out.length;
                        if (target == null) {
                            bytes += size;
                        }
                        if (count == batchSize || held >= batchBytes) {
                            if (!hand(queue, new Batch(rows, count, readRows, skippedRows, bytes, null), stop)) {
                                stopped = true;
                                cursor.cancel();
                                break;
                            }
                            rows = new Object[batchSize][];
                            count = 0;
                            readRows = 0;
                            skippedRows = 0;
                            bytes = 0;
                            held = 0;
                        }
                    }
                } catch (Throwable failure) {
                    // an export stream still sending (PostgreSQL's COPY) holds the connection: the rollback would wait for
                    // it, and may meet the cancelled stream's own error, which must not hide why the read stopped
                    failed = true;
                    cursor.cancel();
                    throw failure;
                } finally {
                    if (!connection.getAutoCommit()) {
                        try {
                            connection.rollback();
                        } catch (SQLException e) {
                            if (!failed) {
                                throw e;
                            }
                        }
                    }
                }
                if (!stopped && (count > 0 || readRows > 0)) {
                    hand(queue, new Batch(rows, count, readRows, skippedRows, bytes, null), stop);
                }
            }
            hand(queue, Batch.END, stop);
        } catch (Throwable failure) {
            hand(queue, new Batch(null, 0, 0, 0, 0, failure), stop);
        }
    }

    private static long estimate(Object[] row) {
        long bytes = 0;
        for (Object v : row) {
            bytes += dev.migrate.transfer.JdbcBatchWriter.estimate(v);
        }
        return bytes;
    }

    /** Puts a batch on the queue, waiting while the writer is busy; gives up once the writer stopped. */
    private static boolean hand(BlockingQueue<Batch> queue, Batch batch, AtomicBoolean stop) {
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
    private SourceCursor openCursor(Connection connection) throws SQLException {
        TableJob job = partition.job();
        if (settings.bulk()) {
            boolean[] asPrinted = new boolean[job.readers().size()];
            for (int c = 0; c < asPrinted.length; c++) {
                asPrinted[c] = job.readers().get(c) == ValueReaders.AS_PRINTED;
            }
            java.util.Optional<SourceCursor> export = source.dialect().openExport(connection, job.sourceSql() + whereClause(true),
                    job.sourceColumns(), asPrinted);
            if (export.isPresent()) {
                return export.get();
            }
        }
        PreparedStatement statement = connection.prepareStatement(job.sourceSql() + whereClause(false), ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY);
        try {
            statement.setFetchSize(source.dialect().streamingFetchSize(settings.fetchSize()));
            if (partition.isRange()) {
                statement.setLong(1, partition.low());
                statement.setLong(2, partition.high());
            }
            return new ResultSetCursor(statement, job.readers().toArray(new ValueReader[0]));
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** The script's filter and the partition's key range; the range as parameters, or inline (COPY takes none). */
    private String whereClause(boolean inline) {
        TableJob job = partition.job();
        StringBuilder sql = new StringBuilder();
        String where = job.mapping().where();
        if (where != null || partition.isRange()) {
            sql.append(" WHERE ");
            if (where != null) {
                sql.append('(').append(where).append(')');
            }
            if (partition.isRange()) {
                String key = source.dialect().quote(partition.keyColumn());
                sql.append(where != null ? " AND " : "").append(key).append(" >= ").append(inline ? partition.low() : "?")
                        .append(" AND ").append(key).append(partition.last() ? " <= " : " < ").append(inline ? partition.high() : "?");
            }
        }
        return sql.toString();
    }

    private static Exception asException(Throwable t) {
        if (t instanceof Exception e) {
            return e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new RuntimeException(t);
    }

    /** Another partition of the same table failed, so this one stops and rolls back. */
    static final class CancelledPartition extends Exception {
        CancelledPartition() {
            super("stopped: another partition of the table failed");
        }
    }
}
