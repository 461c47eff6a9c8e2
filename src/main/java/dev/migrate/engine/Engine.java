package dev.migrate.engine;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import groovyx.gpars.group.DefaultPGroup;
import groovyx.gpars.group.PGroup;
import groovyx.gpars.scheduler.DefaultPool;

import dev.migrate.connect.Database;
import dev.migrate.dialect.ConstraintChecks;
import dev.migrate.dialect.Dialect;
import dev.migrate.dialect.ReadSnapshot;
import dev.migrate.plan.Lookup;
import dev.migrate.plan.Secrets;
import dev.migrate.plan.Settings;
import dev.migrate.report.Failures;
import dev.migrate.schema.LoadOrder;

/**
 * Runs table jobs on GPars worker pools. A table starts when the tables it references are done; it is
 * counted (a large one estimated from statistics), split into primary-key ranges, and its partitions run
 * side by side with those of every other ready table, {@code parallelism} at a time. Tables that reference
 * each other are loaded together, in one transaction (see {@link CycleRun}). A failed table stops its other
 * partitions and every table that depends on it is skipped; the rest go on. One coordinator thread owns every
 * table's state; workers only report to it.
 */
public final class Engine {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final Database source;
    private final Destination destination;
    private final Settings settings;
    private final ProgressListener listener;
    private final Partitioner partitioner;
    private final Rejects rejects;
    private final Lookups lookups;
    private Resumption resumption = Resumption.NONE;
    private Cluster cluster;
    private RunShipment shipment;
    /** The cluster's tasks of this run, or null: partitions run here. */
    private Cluster.Tasks tasks;
    private Cancellation cancellation = Cancellation.NEVER;
    /** Set when the run is cancelled: the partitions of tables loaded together in one transaction stop too. */
    private final AtomicBoolean cyclesCancelled = new AtomicBoolean();
    private ReadSnapshot snapshot;

    /** @param destination where the rows go: the target, each partition recorded in its journal, or nowhere in a dry run */
    public Engine(Database source, Destination destination, Settings settings, ProgressListener listener, Rejects rejects, Lookups lookups) {
        this.source = source;
        this.destination = destination;
        this.settings = settings;
        this.listener = listener;
        this.rejects = rejects;
        this.lookups = lookups;
        this.partitioner = new Partitioner(source, settings, listener);
    }

    /** This run goes on with an unfinished one: what that one committed is counted, not moved again. */
    public Engine resuming(Resumption previous) {
        this.resumption = previous;
        return this;
    }

    /**
     * Partitions run as tasks of {@code cluster}, which {@code shipment} tells how to do them; tables that reference
     * each other still load here, in one transaction.
     */
    public Engine on(Cluster cluster, RunShipment shipment) {
        this.cluster = cluster;
        this.shipment = shipment;
        partitioner.spreadOver(cluster.slots());
        return this;
    }

    /** The run stops when {@code switchOf} is pulled: no table starts, running partitions roll back. */
    public Engine cancelledBy(Cancellation switchOf) {
        this.cancellation = switchOf;
        return this;
    }

    /**
     * Why the run cannot load tables that reference each other, or null when it can: only where the target lets a
     * session turn its foreign-key checks off.
     */
    public static String cycleRefusal(LoadOrder order, Dialect target) {
        if (order.cycles().isEmpty() || target.constraintChecks().isPresent()) {
            return null;
        }
        return "tables reference each other (" + String.join("; ", order.cycles().stream().map(LoadOrder::describe).toList())
                + ") and " + target.name() + " cannot turn foreign-key checks off for a session; "
                + "disable those foreign keys in a before { } hook and enable them in an after { } hook";
    }

    private enum State { WAITING, RUNNING, DONE, FAILED, SKIPPED }

    private static final class TableRun {
        final TableJob job;
        final Set<String> prerequisites;
        final List<String> cycle;
        final boolean selfReferencing;
        final AtomicBoolean cancelled = new AtomicBoolean();
        State state = State.WAITING;
        int outstanding;
        int partitions;
        String method;
        long rowsRead;
        long rowsWritten;
        long skipped;
        long bytes;
        long resumed;
        int retries;
        List<String> sessionSetup = List.of();
        List<String> sessionReset = List.of();
        long errors;
        long startNanos;
        double seconds;
        String error;
        /** The values of the lookups its rules read, sent with each of its tasks. */
        Map<Lookup, Map<Object, Object>> lookupValues;

        TableRun(TableJob job, Set<String> prerequisites, List<String> cycle, boolean inCycle) {
            this.job = job;
            this.prerequisites = prerequisites;
            this.cycle = cycle;
            this.selfReferencing = inCycle && cycle == null;
        }
    }

    private sealed interface Event permits Planned, PartitionFinished, CycleFinished, Cancelled {
    }

    /** The run's switch was pulled: not a task's end, a wake-up for the coordinator. */
    private record Cancelled() implements Event {
    }

    /** A table split into the partitions still to move; those an unfinished run committed wrote {@code resumed} rows. */
    private record Planned(TableRun table, List<Partition> partitions, int total, long resumed, Throwable failure) implements Event {
    }

    /** A partition ended: its outcome, or why it failed; {@code attempt} counts from 0 for its first try. */
    private record PartitionFinished(TableRun table, Partition partition, int attempt, PartitionRun.Outcome outcome, Throwable failure)
            implements Event {
    }

    private record CycleFinished(List<TableRun> tables, CycleRun.Outcome outcome) implements Event {
    }

    public List<TableResult> run(List<TableJob> jobs, LoadOrder order) throws SQLException {
        Map<String, TableRun> tables = new LinkedHashMap<>();
        Map<String, TableJob> byName = new HashMap<>();
        jobs.forEach(j -> byName.put(j.id(), j));
        for (String name : order.tables()) {
            // a table that references only itself loads in parallel partitions like any other; tables that reference
            // each other load in one transaction
            List<String> cycle = order.cycles().stream().filter(c -> c.contains(name) && c.size() > 1).findFirst().orElse(null);
            tables.put(name, new TableRun(byName.get(name), order.prerequisites().get(name), cycle, order.inCycle(name)));
        }
        listener.tablesPlanned(List.copyOf(tables.keySet()));
        Optional<ConstraintChecks> checks = destination.constraintChecks();
        for (List<String> cycle : order.cycles()) {
            LOG.info("foreign-key cycle {}: loaded in one transaction, with the target's foreign-key checks off", LoadOrder.describe(cycle));
        }
        boolean databaseWide = checks.map(c -> c.scope() == ConstraintChecks.Scope.DATABASE).orElse(false);
        if (databaseWide && !order.cycles().isEmpty()) {
            destination.execute(checks.get().disable());
        }
        // on a cluster, as many partitions wait for their tasks here as the cluster runs at once
        int workers = cluster != null ? cluster.slots() : destination.workers(settings);
        long batchBytes = PartitionRun.batchBytes(workers);
        snapshot = snapshot(workers);
        if (cluster != null) {
            tasks = cluster.begin(shipment.withSnapshot(snapshot.shared()));
            LOG.info("partitions run as tasks of {}", cluster.describe());
        }
        PGroup writers = new DefaultPGroup(new DefaultPool(namedPool("migrate-worker-", workers)));
        PGroup readers = new DefaultPGroup(new DefaultPool(namedPool("migrate-reader-", workers)));
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        SQLException reenabled = null;
        Runnable wake = () -> events.add(new Cancelled());
        cancellation.onCancel(wake);
        try {
            int active = 0;
            while (true) {
                for (TableRun t : tables.values()) {
                    if (t.state != State.WAITING) {
                        continue;
                    }
                    if (cancellation.cancelled()) {
                        t.state = State.SKIPPED;
                        t.error = "not loaded: the run was cancelled (" + cancellation.reason() + ") before it started";
                        listener.tableFinished(result(t));
                        continue;
                    }
                    if (t.cycle == null && ready(t, tables)) {
                        t.state = State.RUNNING;
                        t.startNanos = System.nanoTime();
                        writers.task(() -> events.add(plan(t)));
                        active++;
                    } else if (t.cycle != null && t.cycle.stream().allMatch(id -> ready(tables.get(id), tables))) {
                        List<TableRun> members = t.cycle.stream().map(tables::get).toList();
                        members.forEach(m -> {
                            m.state = State.RUNNING;
                            m.startNanos = System.nanoTime();
                        });
                        if (resumption.anyCommitted(members.stream().map(m -> m.job).toList())) {
                            // the cycle's tables committed together in the unfinished run: all of them are in
                            writers.task(() -> events.add(new CycleFinished(members, resumedCycle(members))));
                            active++;
                            continue;
                        }
                        List<String> setup = databaseWide || checks.isEmpty() ? List.of() : checks.get().disable();
                        List<String> reset = databaseWide || checks.isEmpty() ? List.of() : checks.get().enable();
                        CycleRun.Tables work = new CycleRun.Tables() {
                            @Override
                            public List<Partition> split(TableJob job) throws Exception {
                                return partitioner.split(job, snapshot);
                            }

                            @Override
                            public PartitionRun partition(Partition partition, Destination.Transaction shared) {
                                return new PartitionRun(partition, source, snapshot, destination, shared, settings, readers, listener, List.of(),
                                        List.of(), cyclesCancelled, rejects.forTable(partition.job().targetName()), lookups, batchBytes);
                            }
                        };
                        writers.task(() -> {
                            CycleRun.Outcome outcome;
                            try {
                                outcome = new CycleRun(destination, setup, reset).run(members.stream().map(m -> m.job).toList(), work);
                            } catch (Throwable e) {
                                outcome = new CycleRun.Outcome(Map.of(), Map.of(), members.get(0).job.id(), null, e);
                            }
                            events.add(new CycleFinished(members, outcome));
                        });
                        active++;
                    }
                }
                if (active == 0) {
                    break;
                }
                Event event = events.take();
                if (event instanceof Cancelled) {
                    tables.values().forEach(t -> t.cancelled.set(true));
                    cyclesCancelled.set(true);
                    partitioner.stop();
                    LOG.warn("the run was cancelled ({}): running partitions roll back, no table starts", cancellation.reason());
                    continue;
                }
                active--;
                if (event instanceof Planned p) {
                    List<String> setup = p.table().selfReferencing && !databaseWide && checks.isPresent() ? checks.get().disable() : List.of();
                    List<String> reset = p.table().selfReferencing && !databaseWide && checks.isPresent() ? checks.get().enable() : List.of();
                    active += planned(p, tables, writers, readers, batchBytes, events, setup, reset);
                } else if (event instanceof PartitionFinished f) {
                    active += partitionFinished(f, tables, writers, readers, batchBytes, events);
                } else if (event instanceof CycleFinished c) {
                    cycleFinished(c, tables);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            cancellation.forget(wake);
            writers.shutdown();
            readers.shutdown();
            snapshot.close();
            if (databaseWide && !order.cycles().isEmpty()) {
                try {
                    destination.execute(checks.get().enable());
                } catch (SQLException e) {
                    reenabled = e;
                }
            }
        }
        if (reenabled != null) {
            throw new SQLException("the target's foreign-key checks could not be turned on again (" + String.join("; ", checks.get().enable())
                    + "): " + oneLine(reenabled), reenabled);
        }
        List<TableResult> results = new ArrayList<>();
        for (TableRun t : tables.values()) {
            results.add(result(t));
        }
        return results;
    }

    /** A table is split: its partitions go to the workers. Returns how many tasks were started. */
    private int planned(Planned p, Map<String, TableRun> tables, PGroup writers, PGroup readers, long batchBytes, BlockingQueue<Event> events,
                        List<String> sessionSetup, List<String> sessionReset) {
        if (p.failure() != null) {
            if (cancellation.cancelled()) {
                p.table().error = "table " + p.table().job.targetName() + ": cancelled (" + cancellation.reason() + ") while it was being counted";
                fail(p.table(), null, tables);
            } else {
                fail(p.table(), p.failure(), tables);
            }
            return 0;
        }
        p.table().outstanding = p.partitions().size();
        p.table().partitions = p.total();
        p.table().rowsRead += p.resumed();
        p.table().rowsWritten += p.resumed();
        p.table().resumed += p.resumed();
        if (p.partitions().isEmpty()) {
            finish(p.table(), tables);
        }
        p.table().sessionSetup = sessionSetup;
        p.table().sessionReset = sessionReset;
        for (Partition part : p.partitions()) {
            start(p.table(), part, 0, writers, readers, batchBytes, events);
        }
        return p.partitions().size();
    }

    /** Starts a partition on a worker: its first try, or after a lost connection, another after a pause that grows each time. */
    private void start(TableRun t, Partition part, int attempt, PGroup writers, PGroup readers, long batchBytes, BlockingQueue<Event> events) {
        if (tasks != null) {
            startTask(t, part, attempt, writers, events);
            return;
        }
        PartitionRun run = new PartitionRun(part, source, snapshot, destination, null, settings, readers, listener, t.sessionSetup,
                t.sessionReset, t.cancelled, rejects.forTable(t.job.targetName()), lookups, batchBytes);
        writers.task(() -> {
            try {
                if (attempt > 0) {
                    Thread.sleep(RETRY_PAUSE_MILLIS << (attempt - 1));
                }
                events.add(new PartitionFinished(t, part, attempt, run.run(), null));
            } catch (Throwable e) {
                events.add(new PartitionFinished(t, part, attempt, null, e));
            }
        });
    }

    /**
     * Starts a partition as a task of the cluster; a worker here waits for its end. The rows it rejected come back with
     * it and go to the table's reject file here; the rows it moved are counted when it ends.
     */
    private void startTask(TableRun t, Partition part, int attempt, PGroup writers, BlockingQueue<Event> events) {
        writers.task(() -> {
            try {
                if (attempt > 0) {
                    Thread.sleep(RETRY_PAUSE_MILLIS << (attempt - 1));
                }
                if (t.cancelled.get()) {
                    throw new PartitionRun.CancelledPartition();
                }
                Map<Lookup, Map<Object, Object>> values;
                synchronized (t) {
                    if (t.lookupValues == null) {
                        t.lookupValues = lookups.valuesFor(t.job.mapping());
                    }
                    values = t.lookupValues;
                }
                PartitionOutcome outcome = tasks.run(PartitionTask.of(part, t.sessionSetup, t.sessionReset, attempt), values, t.cancelled::get);
                Rejects.TableRejects tableRejects = rejects.forTable(t.job.targetName());
                boolean withinLimit = tableRejects.take(outcome.rejects());
                if (!outcome.succeeded()) {
                    events.add(new PartitionFinished(t, part, attempt, null, outcome.exception()));
                    return;
                }
                listener.rowsMoved(t.job.id(), outcome.rowsWritten(), outcome.bytes());
                if (!withinLimit) {
                    // each task may reject up to maxRejects rows; together they rejected more: the table fails (this
                    // partition's rows are in, and counted)
                    events.add(new PartitionFinished(t, part, attempt, outcome.outcome(), new RowFailure("table " + t.job.targetName() + ": more than "
                            + tableRejects.limit() + " rows rejected (" + tableRejects.count() + " by its partitions together);"
                            + " the reasons are in " + tableRejects.file(), null, "too many rows rejected", null)));
                    return;
                }
                if (outcome.earlier()) {
                    LOG.info("{}: committed by an earlier attempt of its task ({} rows); not written again", where(part), outcome.rowsWritten());
                }
                events.add(new PartitionFinished(t, part, attempt, outcome.outcome(), null));
            } catch (Throwable e) {
                events.add(new PartitionFinished(t, part, attempt, null, cancellation.cancelled() || t.cancelled.get()
                        ? new PartitionRun.CancelledPartition() : e));
            }
        });
    }

    /**
     * A partition ended. One that lost its connection (a server restart, a backend ended, a network reset) rolled back
     * and is tried again, up to {@link #RETRIES} times, unless the journal shows that its commit got through before
     * the connection went; a refused row or statement is never tried again. Returns how many tasks were started.
     */
    private int partitionFinished(PartitionFinished f, Map<String, TableRun> tables, PGroup writers, PGroup readers, long batchBytes,
                                  BlockingQueue<Event> events) {
        TableRun t = f.table();
        if (f.failure() != null && retryable(f) && !t.cancelled.get()) {
            Long committed = destination.committedBefore(f.partition());
            if (committed != null) {
                LOG.info("{}: the connection was lost after its commit went through ({} rows, as the journal shows)",
                        where(f.partition()), committed);
                f = new PartitionFinished(t, f.partition(), f.attempt(), new PartitionRun.Outcome(committed, committed, 0, 0, 0, null), null);
            } else {
                t.retries++;
                LOG.warn("{}: {}; rolled back, trying it again in {} s (retry {} of {})", where(f.partition()), describe(f.partition(),
                        f.failure()).substring(where(f.partition()).length() + 2), (RETRY_PAUSE_MILLIS << f.attempt()) / 1000.0,
                        f.attempt() + 1, RETRIES);
                start(t, f.partition(), f.attempt() + 1, writers, readers, batchBytes, events);
                return 1;
            }
        }
        t.outstanding--;
        if (f.failure() != null && f.outcome() != null) {
            // a partition that committed, and failed its table all the same
            add(t, f.outcome());
        }
        if (f.failure() != null) {
            if (f.failure() instanceof PartitionRun.CancelledPartition && cancellation.cancelled() && t.error == null) {
                t.error = "table " + t.job.targetName() + ": cancelled (" + cancellation.reason() + "); its open partitions rolled back,"
                        + " those that had committed stay (--resume goes on from them)";
            } else if (!(f.failure() instanceof PartitionRun.CancelledPartition)) {
                t.errors++;
                t.cancelled.set(true);
                if (t.error == null) {
                    t.error = describe(f.partition(), f.failure()) + (f.attempt() > 0 ? " (after " + f.attempt() + (f.attempt() == 1 ? " retry)" : " retries)") : "");
                }
            }
        } else {
            add(t, f.outcome());
        }
        if (t.outstanding == 0) {
            if (t.error != null) {
                fail(t, null, tables);
            } else {
                finish(t, tables);
            }
        }
        return 0;
    }

    /** How often a partition whose connection was lost is tried again, and the pause before the first retry (doubled each time). */
    static final int RETRIES = 3;
    static final long RETRY_PAUSE_MILLIS = 1_000;

    /**
     * Whether trying again can help: the connection was lost, and nothing else went wrong. Without a journal a
     * commit whose answer was lost cannot be told from one that failed, so a partition is then not tried again.
     */
    private boolean retryable(PartitionFinished f) {
        return destination.retries() && f.attempt() < RETRIES
                && !(f.failure() instanceof PartitionRun.CancelledPartition) && !(f.failure() instanceof RowFailure)
                && Faults.connectionLost(f.failure());
    }

    private static String where(Partition partition) {
        return partition.count() == 1 ? "table " + partition.job().targetName()
                : "table " + partition.job().targetName() + " (partition " + (partition.index() + 1) + "/" + partition.count() + ")";
    }

    private void cycleFinished(CycleFinished c, Map<String, TableRun> tables) {
        CycleRun.Outcome outcome = c.outcome();
        for (TableRun t : c.tables()) {
            t.partitions = outcome.partitions().getOrDefault(t.job.id(), 0);
        }
        if (outcome.failure() == null) {
            for (TableRun t : c.tables()) {
                add(t, outcome.tables().get(t.job.id()));
            }
            c.tables().forEach(t -> finish(t, tables));
            return;
        }
        TableRun failed = tables.get(outcome.failedTable());
        outcome.tables().forEach((id, read) -> add(tables.get(id), read));
        for (TableRun t : c.tables()) {
            if (t == failed) {
                t.errors++;
                t.error = outcome.failure() instanceof PartitionRun.CancelledPartition && cancellation.cancelled()
                        ? "table " + t.job.targetName() + ": cancelled (" + cancellation.reason() + "); its transaction rolled back"
                        : describe(t.job, outcome.failedPartition(), outcome.failure());
            } else {
                t.error = "table " + t.job.targetName() + ": rolled back with the tables of its foreign-key cycle ("
                        + LoadOrder.describe(t.cycle) + "), as table " + failed.job.targetName() + " failed";
            }
        }
        c.tables().forEach(t -> fail(t, null, tables));
    }

    private static void add(TableRun t, PartitionRun.Outcome outcome) {
        t.rowsRead += outcome.rowsRead();
        t.rowsWritten += outcome.rowsWritten();
        t.skipped += outcome.skipped();
        t.bytes += outcome.bytes();
        if (outcome.method() != null) {
            t.method = outcome.method();
        }
    }

    /**
     * How this run's readers see the source: as of this moment, all of them (one reader per worker, and one for
     * the tables being split), unless the script turns it off or the source has no means.
     */
    private ReadSnapshot snapshot(int workers) throws SQLException {
        if (!settings.snapshot()) {
            LOG.info("snapshot false: each partition reads the source as it is when it starts");
            return ReadSnapshot.none(source);
        }
        Optional<ReadSnapshot> taken;
        try {
            taken = source.dialect().snapshot(source, workers + 1);
        } catch (SQLException e) {
            LOG.warn("no snapshot of the source ({}): each partition reads it as it is when it starts", oneLine(e));
            return ReadSnapshot.none(source);
        }
        if (taken.isEmpty()) {
            LOG.info("{} gives no snapshot that readers share: each partition reads the source as it is when it starts", source.dialect().name());
            return ReadSnapshot.none(source);
        }
        if (cluster != null && taken.get().shared() == null) {
            // its sessions live in this process, where no task reads
            taken.get().close();
            LOG.info("the cluster's tasks read the source as it is when each starts: {} shares no snapshot with other processes",
                    source.dialect().name());
            return ReadSnapshot.none(source);
        }
        LOG.info("the source is read as of one moment: {}", taken.get().describe());
        return taken.get();
    }

    private static boolean ready(TableRun t, Map<String, TableRun> tables) {
        for (String p : t.prerequisites) {
            if (tables.get(p).state != State.DONE) {
                return false;
            }
        }
        return true;
    }

    /**
     * Counts a table and splits it into partitions, recorded in the journal; runs on a worker. Going on with an
     * unfinished run, the table is split as that run split it, and the partitions it committed are left out.
     */
    private Planned plan(TableRun t) {
        try {
            if (resumption.finished(t.job.targetName())) {
                long rows = resumption.committedRows(t.job);
                listener.tableStarted(t.job.id(), rows, false);
                listener.rowsMoved(t.job.id(), rows, 0);
                return new Planned(t, List.of(), 0, rows, null);
            }
            List<Partition> parts = partitioner.split(t.job, snapshot);
            List<Partition> before = Partition.fromSplit(t.job, resumption.split(t.job));
            if (!before.isEmpty()) {
                parts = before;
            } else {
                destination.recordSplit(t.job, parts);
            }
            List<Partition> remaining = new ArrayList<>();
            long resumed = 0;
            for (Partition part : parts) {
                Long rows = resumption.committed(part);
                if (rows == null) {
                    remaining.add(part);
                } else {
                    resumed += rows;
                }
            }
            if (resumed > 0) {
                listener.rowsMoved(t.job.id(), resumed, 0);
            }
            return new Planned(t, remaining, parts.size(), resumed, null);
        } catch (Throwable e) {
            return new Planned(t, List.of(), 0, 0, e);
        }
    }

    /** The outcome of a cycle whose tables an unfinished run committed: their rows as its journal counts them. */
    private CycleRun.Outcome resumedCycle(List<TableRun> members) {
        Map<String, PartitionRun.Outcome> outcomes = new HashMap<>();
        Map<String, Integer> partitions = new HashMap<>();
        for (TableRun m : members) {
            long rows = resumption.committedRows(m.job);
            m.resumed = rows;
            listener.tableStarted(m.job.id(), rows, false);
            listener.rowsMoved(m.job.id(), rows, 0);
            outcomes.put(m.job.id(), new PartitionRun.Outcome(rows, rows, 0, 0, 0, null));
        }
        return new CycleRun.Outcome(outcomes, partitions, null, null, null);
    }

    /**
     * A table whose partitions all committed. It is done, unless it read rows and wrote none because every one
     * was rejected: nothing of it arrived, which is no success, whatever {@code maxRejects} allows.
     */
    private void finish(TableRun t, Map<String, TableRun> tables) {
        long rejected = t.rowsRead - t.rowsWritten - t.skipped;
        if (t.rowsWritten == 0 && rejected > 0) {
            t.errors++;
            t.error = "table " + t.job.targetName() + ": every row was rejected (" + rejected + " of " + t.rowsRead + "), so nothing "
                    + destination.written() + " written; the reasons are in " + rejects.forTable(t.job.targetName()).file();
            try {
                destination.rejectedEntirely(t.job, t.partitions);
            } catch (SQLException e) {
                t.error += "; its journal still counts its partitions as done, so --resume would not load it again: use --restart ("
                        + oneLine(e) + ")";
            }
            fail(t, null, tables);
            return;
        }
        try {
            destination.loaded(t.job);
        } catch (SQLException e) {
            t.errors++;
            t.error = "table " + t.job.targetName() + ": rows loaded, but its sequence could not be reset: " + oneLine(e);
            fail(t, null, tables);
            return;
        }
        t.state = State.DONE;
        t.seconds = (System.nanoTime() - t.startNanos) / 1e9;
        listener.tableFinished(result(t));
    }

    private void fail(TableRun t, Throwable planningFailure, Map<String, TableRun> tables) {
        t.state = State.FAILED;
        t.seconds = (System.nanoTime() - t.startNanos) / 1e9;
        if (planningFailure != null) {
            t.errors++;
            t.error = "table " + t.job.targetName() + ": " + oneLine(planningFailure);
        }
        listener.tableFinished(result(t));
        skipDependents(t, tables);
    }

    private void skipDependents(TableRun failed, Map<String, TableRun> tables) {
        for (TableRun t : tables.values()) {
            if (t.state == State.WAITING && t.prerequisites.contains(failed.job.id())) {
                t.state = State.SKIPPED;
                t.error = "not loaded: it depends on table " + failed.job.targetName() + ", which failed";
                listener.tableFinished(result(t));
                skipDependents(t, tables);
            }
        }
        // a cycle whose member cannot start any more cannot start at all
        for (TableRun t : tables.values()) {
            if (t.state == State.WAITING && t.cycle != null && t.cycle.stream().anyMatch(id -> tables.get(id).state == State.SKIPPED)) {
                t.state = State.SKIPPED;
                t.error = "not loaded: it is loaded with the tables of its foreign-key cycle, and one of them depends on a table that failed";
                listener.tableFinished(result(t));
                skipDependents(t, tables);
            }
        }
    }

    private TableResult result(TableRun t) {
        TableResult.Status status = switch (t.state) {
            case DONE -> TableResult.Status.DONE;
            case SKIPPED, WAITING -> TableResult.Status.SKIPPED;
            default -> TableResult.Status.FAILED;
        };
        Rejects.TableRejects tableRejects = rejects.forTable(t.job.targetName());
        Path file = tableRejects.file();
        // rows of a cycle rolled back with it were never written
        long written = status == TableResult.Status.FAILED && t.cycle != null ? 0 : t.rowsWritten;
        return new TableResult(t.job.targetName(), t.job.id(), status, t.rowsRead, written, tableRejects.count(), t.skipped,
                file == null ? null : file.toString(), t.partitions, t.errors, t.bytes, t.seconds, t.error, t.method, t.resumed, t.retries);
    }

    private String describe(Partition partition, Throwable failure) {
        return describe(partition.job(), partition, failure);
    }

    /** What failed, where: the table, its partition when it has several, and the cause in one line. */
    private String describe(TableJob job, Partition partition, Throwable failure) {
        if (failure instanceof RowFailure) {
            return failure.getMessage();
        }
        String where = partition == null ? "table " + job.targetName() : where(partition);
        boolean fromSource = failure instanceof Faults.SourceFailure;
        String message = oneLine(failure);
        if (Faults.connectionLost(failure)) {
            return where + ": lost the connection to the " + (fromSource ? "source" : "target") + " (" + message + ")";
        }
        String hint = destination.hintFor(message);
        if (hint.isEmpty()) {
            hint = source.dialect().hintFor(message);
        }
        return where + ": " + message + hint;
    }

    /** What running out of heap means to the user, and the fix. */
    static final String OUT_OF_MEMORY = "the JVM ran out of heap (" + Runtime.getRuntime().maxMemory() / (1024 * 1024)
            + " MB); give it more, e.g. JAVA_OPTS=-Xmx1g bin/migrate ..., or lower batchSize";

    /** The first line of a failure's own message (or of the first cause that has one). */
    public static String oneLine(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return OUT_OF_MEMORY;
            }
        }
        return Secrets.scrub(Failures.oneLine(failure));
    }

    /** Worker threads with readable names, so thread dumps say who is who. */
    static ThreadPoolExecutor namedPool(String prefix, int size) {
        AtomicInteger counter = new AtomicInteger();
        return new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
