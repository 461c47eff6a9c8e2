package dev.migrate.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
import dev.migrate.plan.Settings;
import dev.migrate.report.Failures;
import dev.migrate.schema.LoadOrder;

/**
 * Runs table jobs on GPars worker pools. A table starts when the tables it references are done; it is
 * counted (a large one estimated from statistics), split into primary-key ranges, and its partitions run
 * side by side with those of every other ready table, {@code parallelism} at a time. A failed table stops its other partitions and every table
 * that depends on it is skipped; the rest go on.
 */
public final class Engine {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final Database source;
    private final Database target;
    private final Settings settings;
    private final ProgressListener listener;
    private final Partitioner partitioner;
    private final Rejects rejects;
    private final Lookups lookups;

    /** @param target null for a dry run */
    Engine(Database source, Database target, Settings settings, ProgressListener listener, Rejects rejects, Lookups lookups) {
        this.source = source;
        this.target = target;
        this.settings = settings;
        this.listener = listener;
        this.rejects = rejects;
        this.lookups = lookups;
        this.partitioner = new Partitioner(source, settings, listener);
    }

    /** The number of partitions moved at once: the script's parallelism, within what the target takes. */
    public static int workers(Settings settings, Database target) {
        return target == null ? settings.parallelism() : Math.min(settings.parallelism(), target.dialect().maxConcurrentWriters());
    }

    private enum State { WAITING, RUNNING, DONE, FAILED, SKIPPED }

    private static final class TableRun {
        final TableJob job;
        final Set<String> prerequisites;
        final boolean inCycle;
        final AtomicBoolean cancelled = new AtomicBoolean();
        State state = State.WAITING;
        int outstanding;
        int partitions;
        String method;
        long rowsRead;
        long rowsWritten;
        long rejected;
        long skipped;
        long bytes;
        long errors;
        long startNanos;
        double seconds;
        String error;

        TableRun(TableJob job, Set<String> prerequisites, boolean inCycle) {
            this.job = job;
            this.prerequisites = prerequisites;
            this.inCycle = inCycle;
        }
    }

    private sealed interface Event permits Planned, PartitionFinished {
    }

    private record Planned(TableRun table, List<Partition> partitions, Throwable failure) implements Event {
    }

    private record PartitionFinished(TableRun table, Partition partition, PartitionRun.Outcome outcome, Throwable failure) implements Event {
    }

    public List<TableResult> run(List<TableJob> jobs, LoadOrder order) throws SQLException {
        Map<String, TableRun> tables = new LinkedHashMap<>();
        Map<String, TableJob> byName = new HashMap<>();
        jobs.forEach(j -> byName.put(j.id(), j));
        for (String name : order.tables()) {
            tables.put(name, new TableRun(byName.get(name), order.prerequisites().get(name), order.inCycle(name)));
        }
        Optional<ConstraintChecks> checks = target == null ? Optional.empty() : target.dialect().constraintChecks();
        if (target != null && !order.cycles().isEmpty() && checks.isEmpty()) {
            throw new IllegalStateException("tables reference each other (" + String.join("; ", order.cycles().stream().map(LoadOrder::describe).toList())
                    + ") and " + target.dialect().name() + " cannot turn foreign-key checks off for a session; "
                    + "disable those foreign keys in a before { } hook and enable them in an after { } hook");
        }
        for (List<String> cycle : order.cycles()) {
            LOG.info("foreign-key cycle {}: loaded with the target's foreign-key checks off", LoadOrder.describe(cycle));
        }
        boolean databaseWide = checks.map(c -> c.scope() == ConstraintChecks.Scope.DATABASE).orElse(false);
        if (databaseWide && !order.cycles().isEmpty()) {
            executeOnTarget(checks.get().disable());
        }
        int workers = workers(settings, target);
        long batchBytes = PartitionRun.batchBytes(workers);
        PGroup writers = new DefaultPGroup(new DefaultPool(namedPool("migrate-worker-", workers)));
        PGroup readers = new DefaultPGroup(new DefaultPool(namedPool("migrate-reader-", workers)));
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        try {
            int active = 0;
            while (true) {
                for (TableRun t : tables.values()) {
                    if (t.state == State.WAITING && ready(t, tables)) {
                        t.state = State.RUNNING;
                        t.startNanos = System.nanoTime();
                        writers.task(() -> events.add(plan(t)));
                        active++;
                    }
                }
                if (active == 0) {
                    break;
                }
                Event event = events.take();
                active--;
                if (event instanceof Planned p) {
                    if (p.failure() != null) {
                        fail(p.table(), p.failure(), tables);
                        continue;
                    }
                    p.table().outstanding = p.partitions().size();
                    p.table().partitions = p.partitions().size();
                    if (p.partitions().isEmpty()) {
                        finish(p.table());
                    }
                    for (Partition part : p.partitions()) {
                        List<String> setup = sessionChecks(p.table(), checks, databaseWide, true);
                        List<String> reset = sessionChecks(p.table(), checks, databaseWide, false);
                        PartitionRun run = new PartitionRun(part, source, target, settings, readers, listener, setup, reset, p.table().cancelled,
                                rejects.forTable(p.table().job.targetName()), lookups, batchBytes);
                        writers.task(() -> {
                            try {
                                events.add(new PartitionFinished(p.table(), part, run.run(), null));
                            } catch (Throwable e) {
                                events.add(new PartitionFinished(p.table(), part, null, e));
                            }
                        });
                        active++;
                    }
                } else if (event instanceof PartitionFinished f) {
                    TableRun t = f.table();
                    t.outstanding--;
                    if (f.failure() != null) {
                        if (!(f.failure() instanceof PartitionRun.CancelledPartition)) {
                            t.errors++;
                            t.cancelled.set(true);
                            if (t.error == null) {
                                t.error = describe(f.partition(), f.failure());
                            }
                        }
                    } else {
                        t.rowsRead += f.outcome().rowsRead();
                        t.rowsWritten += f.outcome().rowsWritten();
                        t.rejected += f.outcome().rejected();
                        t.skipped += f.outcome().skipped();
                        t.bytes += f.outcome().bytes();
                        t.method = f.outcome().method();
                    }
                    if (t.outstanding == 0) {
                        if (t.error != null) {
                            fail(t, null, tables);
                        } else {
                            finish(t);
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            writers.shutdown();
            readers.shutdown();
            if (databaseWide && !order.cycles().isEmpty()) {
                executeOnTarget(checks.get().enable());
            }
        }
        List<TableResult> results = new ArrayList<>();
        for (TableRun t : tables.values()) {
            results.add(result(t));
        }
        return results;
    }

    private static List<String> sessionChecks(TableRun t, Optional<ConstraintChecks> checks, boolean databaseWide, boolean disable) {
        if (!t.inCycle || databaseWide || checks.isEmpty()) {
            return List.of();
        }
        return disable ? checks.get().disable() : checks.get().enable();
    }

    private static boolean ready(TableRun t, Map<String, TableRun> tables) {
        for (String p : t.prerequisites) {
            if (tables.get(p).state != State.DONE) {
                return false;
            }
        }
        return true;
    }

    /** Counts a table and splits it into partitions; runs on a worker. */
    private Planned plan(TableRun t) {
        try {
            return new Planned(t, partitioner.split(t.job), null);
        } catch (Throwable e) {
            return new Planned(t, List.of(), e);
        }
    }

    private void finish(TableRun t) {
        if (target != null && t.job.targetTable() != null) {
            try (Connection c = target.connection()) {
                target.dialect().resetIdentities(c, t.job.targetTable(), t.job.target().qualifiedName());
            } catch (SQLException e) {
                t.state = State.FAILED;
                t.errors++;
                t.error = "table " + t.job.targetName() + ": rows loaded, but its sequence could not be reset: " + oneLine(e);
                t.seconds = (System.nanoTime() - t.startNanos) / 1e9;
                listener.tableFinished(result(t));
                return;
            }
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
    }

    private TableResult result(TableRun t) {
        TableResult.Status status = switch (t.state) {
            case DONE -> TableResult.Status.DONE;
            case SKIPPED, WAITING -> TableResult.Status.SKIPPED;
            default -> TableResult.Status.FAILED;
        };
        Rejects.TableRejects tableRejects = rejects.forTable(t.job.targetName());
        java.nio.file.Path file = tableRejects.file();
        return new TableResult(t.job.targetName(), t.job.id(), status, t.rowsRead, t.rowsWritten, tableRejects.count(), t.skipped,
                file == null ? null : file.toString(), t.partitions, t.errors, t.bytes, t.seconds, t.error, t.method);
    }

    private String describe(Partition partition, Throwable failure) {
        if (failure instanceof RowFailure) {
            return failure.getMessage();
        }
        String where = partition.count() == 1 ? "table " + partition.job().targetName()
                : "table " + partition.job().targetName() + " (partition " + (partition.index() + 1) + "/" + partition.count() + ")";
        String message = oneLine(failure);
        String hint = target == null ? "" : target.dialect().hintFor(message);
        if (hint.isEmpty()) {
            hint = source.dialect().hintFor(message);
        }
        return where + ": " + message + hint;
    }

    /** The first line of a failure's own message (or of the first cause that has one). */
    /** What running out of heap means to the user, and the fix. */
    static final String OUT_OF_MEMORY = "the JVM ran out of heap (" + Runtime.getRuntime().maxMemory() / (1024 * 1024)
            + " MB); give it more, e.g. JAVA_OPTS=-Xmx1g bin/migrate ..., or lower batchSize";

    public static String oneLine(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return OUT_OF_MEMORY;
            }
        }
        return Failures.oneLine(failure);
    }

    private void executeOnTarget(List<String> statements) throws SQLException {
        try (Connection c = target.connection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** Worker threads with readable names, so thread dumps say who is who. */
    private static ThreadPoolExecutor namedPool(String prefix, int size) {
        AtomicInteger counter = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        return pool;
    }
}
