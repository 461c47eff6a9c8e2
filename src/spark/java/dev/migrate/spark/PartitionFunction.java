package dev.migrate.spark;

import java.io.IOException;
import java.sql.Driver;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrate.command.ShippedScript;
import dev.migrate.engine.PartitionOutcome;
import dev.migrate.engine.PartitionTask;
import dev.migrate.engine.RunShipment;
import dev.migrate.engine.TaskRunner;
import dev.migrate.plan.Lookup;
import dev.migrate.plan.MigrationPlan;

/**
 * One partition's task, on an executor. The first task of a run in an executor JVM compiles the run's script there
 * (its closures are the run's transforms) and opens the run's {@link TaskRunner}; every later task of the run in that
 * JVM uses them. A task that Spark kills (a cancelled job, a speculative copy that lost) stops its partition, which
 * rolls back.
 */
final class PartitionFunction implements Function<PartitionTask, PartitionOutcome> {

    private static final long serialVersionUID = 1L;

    private static final Logger LOG = LoggerFactory.getLogger(PartitionFunction.class);

    /** The runners of this JVM by run: one in an executor, which serves one application. */
    private static final Map<String, TaskRunner> RUNNERS = new HashMap<>();

    private static final ScheduledExecutorService WATCH = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "migrate-task-watch");
        thread.setDaemon(true);
        return thread;
    });

    private final Broadcast<RunShipment> shipment;
    private final Broadcast<Map<Lookup, Map<Object, Object>>> lookups;

    PartitionFunction(Broadcast<RunShipment> shipment, Broadcast<Map<Lookup, Map<Object, Object>>> lookups) {
        this.shipment = shipment;
        this.lookups = lookups;
    }

    @Override
    public PartitionOutcome call(PartitionTask task) throws Exception {
        TaskContext context = TaskContext.get();
        TaskRunner runner = runner(shipment.value());
        AtomicBoolean cancelled = new AtomicBoolean();
        ScheduledFuture<?> watch = context == null ? null : WATCH.scheduleWithFixedDelay(() -> {
            if (context.isInterrupted() || context.isCompleted()) {
                cancelled.set(true);
            }
        }, 200, 200, TimeUnit.MILLISECONDS);
        try {
            if (context != null && context.attemptNumber() > 0) {
                LOG.info("partition {}: attempt {} of its task", task.describe(), context.attemptNumber() + 1);
            }
            return runner.run(task, lookups == null ? Map.of() : lookups.value(), cancelled);
        } finally {
            if (watch != null) {
                watch.cancel(false);
            }
        }
    }

    /** The run's runner in this JVM, made by its first task. */
    private static synchronized TaskRunner runner(RunShipment shipment) throws IOException {
        TaskRunner runner = RUNNERS.get(shipment.runId());
        if (runner == null) {
            registerDrivers();
            MigrationPlan plan = ShippedScript.compile(shipment);
            runner = new TaskRunner(shipment, plan, slots());
            RUNNERS.put(shipment.runId(), runner);
            LOG.info("run {}: script {} compiled in this executor, {} table jobs", shipment.runId(), shipment.scriptName(), runner.jobs().size());
        }
        return runner;
    }

    /**
     * JDBC drivers that came with the application's jars live in its class loader, where DriverManager does not look
     * by itself: loading them registers them.
     */
    static void registerDrivers() {
        for (Driver driver : ServiceLoader.load(Driver.class, PartitionFunction.class.getClassLoader())) {
            LOG.debug("JDBC driver {}", driver.getClass().getName());
        }
    }

    /** The tasks this executor runs at once. */
    private static int slots() {
        SparkEnv env = SparkEnv.get();
        int cores = Runtime.getRuntime().availableProcessors();
        if (env == null) {
            return cores;
        }
        if ("driver".equals(env.executorId())) {
            // local mode: the driver's threads are the executor's
            return Math.max(1, env.conf().getInt("spark.default.parallelism", cores));
        }
        return Math.max(1, env.conf().getInt("spark.executor.cores", cores));
    }

    /** Closes the runners of this JVM (local mode, where the driver's JVM ran the tasks). */
    static synchronized void closeAll() {
        RUNNERS.values().forEach(TaskRunner::close);
        RUNNERS.clear();
    }
}
