package dev.migrate.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import groovyx.gpars.dataflow.Promise;
import groovyx.gpars.group.PGroup;

import dev.migrate.connect.Database;
import dev.migrate.dialect.ReadSnapshot;
import dev.migrate.engine.Destination.WritePath;
import dev.migrate.engine.PartitionReader.Batch;
import dev.migrate.plan.Settings;
import dev.migrate.schema.ColumnInfo;
import dev.migrate.transfer.RowStream;
import dev.migrate.transfer.RowWriter;

/**
 * Moves one partition: a {@link PartitionReader} on a reader thread streams the source rows, transforms them
 * and hands them on in batches through a small bounded queue; this thread writes them in one target
 * transaction, records the partition in the journal in that same transaction, and commits. At most
 * {@value #QUEUE_BATCHES} batches wait between the two, so memory does not grow with the table; a batch ends
 * at {@code batchSize} rows or at {@link #batchBytes} bytes of values, whichever comes first.
 *
 * <p>Every way a partition can end, ends: a failure on either side stops the other (a query waiting on the
 * source is cancelled), rolls the transaction back, frees both connections and is thrown to the engine.
 */
final class PartitionRun {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionRun.class);

    static final int QUEUE_BATCHES = 2;

    /** How long the writer waits for a reader that was told to stop before it closes the reader's connection under it. */
    private static final long READER_STOP_SECONDS = 30;

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

    private final Partition partition;
    private final Database source;
    private final ReadSnapshot snapshot;
    private final Destination destination;
    private final Destination.Transaction shared;
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
     * @param destination  where the rows go (in a dry run, nowhere: they are read, transformed and checked)
     * @param shared       a transaction this partition writes in and leaves open (the tables of a foreign-key
     *                     cycle commit together), or null for a transaction of its own, committed at its end
     * @param sessionSetup statements run on the target session before the partition (constraint checks off)
     * @param cancelled    set when another partition of the table failed: stop early
     */
    PartitionRun(Partition partition, Database source, ReadSnapshot snapshot, Destination destination, Destination.Transaction shared,
                 Settings settings, PGroup readers, ProgressListener listener, List<String> sessionSetup, List<String> sessionReset,
                 AtomicBoolean cancelled, Rejects.TableRejects rejects, Lookups lookups, long batchBytes) {
        this.partition = partition;
        this.source = source;
        this.snapshot = snapshot;
        this.destination = destination;
        this.shared = shared;
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
        Optional<RowStream> stream = stream();
        if (stream.isPresent()) {
            Outcome streamed = stream(stream.get());
            if (streamed != null) {
                return streamed;
            }
        }
        TableJob job = partition.job();
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
        AtomicBoolean stop = new AtomicBoolean();
        PartitionReader reader = new PartitionReader(partition, source, snapshot, settings, rejects, lookups, batchBytes, destination.readerValidates(), queue, stop);
        long read = 0;
        long skipped = 0;
        long written = 0;
        long bytes = 0;
        Destination.Transaction transaction = null;
        RowWriter writer = null;
        Promise<Object> reading = null;
        try {
            if (cancelled.get()) {
                throw new CancelledPartition();
            }
            transaction = openTransaction();
            // a table that may reject rows writes statement by statement behind savepoints, so a refused batch can be
            // split; with the bulk paths turned off, every table writes through JDBC batches
            writer = transaction.writer(job, !settings.bulk() ? WritePath.JDBC_BATCHES : isolating() ? WritePath.BULK_STATEMENTS : WritePath.BULK);
            RefusedRowSearch search = isolating() ? new RefusedRowSearch(transaction, writer, this::reject) : null;
            reading = readers.task(reader);
            while (true) {
                Batch batch = next(queue, reading, reader);
                if (batch == Batch.END) {
                    break;
                }
                if (batch.failure() != null) {
                    throw asException(batch.failure());
                }
                if (cancelled.get()) {
                    throw new CancelledPartition();
                }
                long before = writer.bytesWritten();
                int refused = search != null ? search.add(batch.rows(), batch.count()) : add(writer, batch);
                read += batch.read();
                skipped += batch.skipped();
                written += batch.count() - refused;
                long sent = writer.bytesWritten() - before;
                bytes += sent;
                listener.rowsMoved(job.id(), batch.count(), sent);
            }
            // a bulk writer sends what it still holds when it finishes: those bytes moved too
            long beforeFinish = writer.bytesWritten();
            writer.finish();
            long flushed = writer.bytesWritten() - beforeFinish;
            if (flushed > 0) {
                bytes += flushed;
                listener.rowsMoved(job.id(), 0, flushed);
            }
            transaction.record(partition, written);
            if (shared == null) {
                writer.commit();
            }
            return new Outcome(read, written, read - written - skipped, skipped, bytes, writer.method());
        } catch (Throwable failure) {
            stop.set(true);
            // a reader waiting on the source hears of it now, not when its query ends
            reader.interrupt();
            if (writer != null) {
                writer.abort();
            } else if (transaction != null) {
                transaction.rollback(failure);
            }
            throw failure;
        } finally {
            stop.set(true);
            awaitReader(reading, reader);
            close(writer, transaction);
        }
    }

    /** The partition's transaction: the shared one, or one of its own. */
    private Destination.Transaction openTransaction() throws SQLException {
        return shared != null ? shared : destination.begin(sessionSetup, sessionReset);
    }

    private static int add(RowWriter writer, Batch batch) throws SQLException {
        writer.add(batch.rows(), batch.count());
        return 0;
    }

    /**
     * The reader's next batch. A reader always ends with the end or its failure; should it have ended without
     * either, the writer says so instead of waiting for a batch that never comes.
     */
    private Batch next(BlockingQueue<Batch> queue, Promise<Object> reading, PartitionReader reader) throws Exception {
        while (true) {
            Batch batch = queue.poll(1, TimeUnit.SECONDS);
            if (batch != null) {
                return batch;
            }
            if (cancelled.get()) {
                // another partition of the table failed: a source query still looking for rows is not waited for
                reader.interrupt();
                throw new CancelledPartition();
            }
            if (reading.isBound()) {
                batch = queue.poll();
                if (batch != null) {
                    return batch;
                }
                throw new IllegalStateException("the reader of this partition stopped without handing on its rows");
            }
        }
    }

    /** Waits for the reader to end; one that does not stop in time has its connection closed under it. */
    private void awaitReader(Promise<Object> reading, PartitionReader reader) {
        if (reading == null) {
            return;
        }
        try {
            reading.join(READER_STOP_SECONDS, TimeUnit.SECONDS);
            if (!reading.isBound()) {
                LOG.warn("table {}: the source query did not stop within {} s; its connection is closed", partition.job().targetName(),
                        READER_STOP_SECONDS);
                reader.abandon();
                reading.join(READER_STOP_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Rows that can travel from source to target without decoding (PostgreSQL to PostgreSQL), when every column
     * is copied as it is (no code, rule or conversion between): the stream the source's dialect offers for them.
     */
    private Optional<RowStream> stream() {
        TableJob job = partition.job();
        Optional<RowStream> stream = destination.streamFrom(source.dialect());
        // a dry run has no stream, and no table to write to where the run would create it
        if (stream.isEmpty() || isolating() || !settings.bulk() || job.target().merges() || job.mapping().rows() != null) {
            return Optional.empty();
        }
        for (ColumnFeed feed : job.feeds()) {
            if (feed.transform() != null || feed.sourceIndex() < 0) {
                return Optional.empty();
            }
            ColumnInfo from = job.sourceColumns().get(feed.sourceIndex());
            if (!from.typeName().equalsIgnoreCase(feed.target().info().typeName())) {
                return Optional.empty();
            }
        }
        return stream;
    }

    /** The partition copied through the stream; null when the source's rows cannot travel that way, to go the usual way. */
    private Outcome stream(RowStream stream) throws Exception {
        TableJob job = partition.job();
        String columns = String.join(", ", job.feeds().stream().map(f -> source.dialect().quote(f.sourceName())).toList());
        String select = "SELECT " + (job.mapping().distinct() ? "DISTINCT " : "") + columns + " FROM "
                + JobPlanner.from(job.mapping(), job.source(), source.dialect()) + PartitionReader.whereClause(partition, source, true);
        long[] bytes = new long[1];
        List<String> types = job.feeds().stream().map(f -> job.sourceColumns().get(f.sourceIndex()).typeName()).toList();
        Connection from = snapshot.open();
        Destination.Transaction to = null;
        Exception failed = null;
        try {
            if (!stream.carries(from)) {
                return null;
            }
            from.setAutoCommit(false);
            to = openTransaction();
            long rows = stream.copy(from, select, to.connection(), job.target().qualifiedName(), job.target().columnList(), types, cancelled::get,
                    n -> listener.rowsMoved(job.id(), n, 0), n -> bytes[0] += n);
            to.record(partition, rows);
            if (shared == null) {
                to.commit();
            }
            return new Outcome(rows, rows, 0, 0, bytes[0], stream.method(types));
        } catch (Exception e) {
            failed = cancelled.get() ? new CancelledPartition() : e;
            if (to != null) {
                to.rollback(failed);
            }
            throw failed;
        } finally {
            // the copies have ended (both are cancelled on a failure), so neither rollback waits for one
            try {
                snapshot.release(from, true);
            } catch (SQLException e) {
                if (failed != null) {
                    failed.addSuppressed(e);
                }
            }
            if (to != null) {
                close(null, to);
            }
        }
    }

    private boolean isolating() {
        return rejects.limit() > 0;
    }

    /** A row the database refused goes to the reject file with the values it was to be written with. */
    private void reject(Object[] row, SQLException cause) throws RowFailure {
        TableJob job = partition.job();
        Map<String, Object> values = new LinkedHashMap<>();
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

    /** Frees the writer and, unless it is shared, the transaction's hold on its connection. */
    private void close(RowWriter writer, Destination.Transaction transaction) {
        try {
            if (writer != null) {
                writer.close();
            }
        } catch (SQLException ignored) {
            // the transaction is already committed or rolled back; closing is only tidying up
        } finally {
            if (transaction != null && transaction != shared) {
                transaction.close();
            }
        }
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
