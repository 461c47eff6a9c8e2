package dev.migrate.spark;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrate.engine.Cluster;
import dev.migrate.engine.PartitionOutcome;
import dev.migrate.engine.PartitionTask;
import dev.migrate.engine.RunShipment;
import dev.migrate.plan.Lookup;

/**
 * A Spark application for one run: the driver is this JVM. Every partition is a job of one task, submitted from the
 * engine's worker that waits for it, so the engine's scheduling (tables after the tables they reference, a failed
 * table stopping its partitions, a lost connection tried again) is the same as on one machine; Spark adds its own
 * task retries and, where turned on, speculative copies, which the journal makes harmless. The run's shipment and each
 * table's lookup values are broadcast once.
 */
final class SparkCluster implements Cluster {

    private static final Logger LOG = LoggerFactory.getLogger(SparkCluster.class);

    /** How long a cluster may take to give the run its first executor. */
    private static final long EXECUTORS_WAIT_SECONDS = Long.getLong("migrate.spark.executorsWait", 60);

    private final String master;
    /** The tasks run at once as the command line caps them ({@code --parallelism}), or null: every core of the cluster. */
    private final Integer cap;
    /** Spark and its executors, started beside the driver's own work (catalogs, DDL): the run waits only when its rows move. */
    private final CompletableFuture<Started> starting;

    private record Started(JavaSparkContext spark, int slots) {
    }

    private SparkCluster(String master, Integer cap, CompletableFuture<Started> starting) {
        this.master = master;
        this.cap = cap;
        this.starting = starting;
    }

    static SparkCluster open(String master, Map<String, String> settings, String application, Integer cap) throws IOException {
        String manager = master.equals("yarn") ? "org.apache.spark.deploy.yarn.YarnClusterManager"
                : master.startsWith("k8s://") ? "org.apache.spark.scheduler.cluster.k8s.KubernetesClusterManager" : null;
        if (manager != null && !loadable(manager)) {
            // bin/migrate's Spark is Maven Central's spark-core: the standalone and local schedulers
            throw new IOException("--spark " + master + ": this Spark has no " + (master.equals("yarn") ? "YARN" : "Kubernetes")
                    + " scheduler; submit the run with the spark-submit of a Spark distribution that has (docs/scale-out.md)");
        }
        SparkConf conf = new SparkConf().setMaster(master).setAppName(application);
        boolean local = master.startsWith("local");
        if (!local && loopback(master)) {
            // a cluster on this machine's loopback reaches the driver there too
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        if (!local && !conf.contains("spark.jars")) {
            // spark-submit sets the application's jars itself; otherwise the tool's classes go as the application's jars
            List<Path> jars = ApplicationJars.find();
            conf.set("spark.jars", String.join(",", jars.stream().map(p -> p.toUri().toString()).toList()));
            LOG.info("the executors get the tool's classes as {} jars", jars.size());
        }
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        // the run prints its own progress; Spark's web UI costs the driver a server (spark.ui.enabled=true brings it back)
        conf.setIfMissing("spark.ui.enabled", "false");
        settings.forEach(conf::set);
        if (!local) {
            // an executor's memory goes as the tool's on one machine: bounded batches in a small young generation, the
            // parallel collector, few malloc arenas (spark.executor.extraJavaOptions replaces these)
            conf.setIfMissing("spark.executor.extraJavaOptions", "-XX:+UseParallelGC -Xmn64m -XX:-UseAdaptiveSizePolicy");
            conf.setIfMissing("spark.executorEnv.MALLOC_ARENA_MAX", "2");
            // each executor loads the tool's classes and warms its script compiler as it starts
            String plugins = conf.get("spark.plugins", "");
            conf.set("spark.plugins", plugins.isBlank() ? ExecutorWarmUp.class.getName() : plugins + "," + ExecutorWarmUp.class.getName());
        }
        CompletableFuture<Started> starting = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                starting.complete(start(conf, master, local));
            } catch (Throwable e) {
                starting.completeExceptionally(e);
            }
        }, "migrate-spark-start");
        starter.setDaemon(true);
        starter.start();
        return new SparkCluster(master, cap, starting);
    }

    /** Starts the application and waits for its executors (which warm up as they start: {@link ExecutorWarmUp}). */
    private static Started start(SparkConf conf, String master, boolean local) throws IOException {
        JavaSparkContext spark = new JavaSparkContext(conf);
        try {
            return new Started(spark, local ? spark.defaultParallelism() : awaitExecutors(spark, master));
        } catch (RuntimeException | IOException e) {
            spark.stop();
            throw e;
        }
    }

    /** Spark as started; a cluster that could not start says why here, when the run first needs it. */
    private Started started() {
        try {
            return starting.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("Spark at " + master + " did not start: " + firstLine(cause), cause);
        }
    }

    private static boolean loadable(String className) {
        try {
            Class.forName(className, false, SparkCluster.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static boolean loopback(String master) {
        try {
            String host = URI.create(master.replace("spark://", "http://")).getHost();
            return host != null && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Waits for the cluster's executors: the first within {@link #EXECUTORS_WAIT_SECONDS}, then as long as more keep
     * coming (a second without a new one). Returns their cores.
     */
    private static int awaitExecutors(JavaSparkContext spark, String master) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EXECUTORS_WAIT_SECONDS);
        int executors = 0;
        long lastChange = System.nanoTime();
        while (true) {
            // the driver counts itself among the executors
            int now = spark.sc().statusTracker().getExecutorInfos().length - 1;
            if (now != executors) {
                executors = now;
                lastChange = System.nanoTime();
            }
            if (executors > 0 && System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(1)) {
                return Math.max(1, spark.defaultParallelism());
            }
            if (executors == 0 && System.nanoTime() > deadline) {
                throw new IOException("no executor of " + master + " came within " + EXECUTORS_WAIT_SECONDS + " s: is a worker running there,"
                        + " with the cores and memory the run asks for (spark.executor.cores, spark.executor.memory)?");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the executors of " + master);
            }
        }
    }

    @Override
    public int slots() {
        int slots = started().slots();
        return cap == null ? slots : Math.min(cap, slots);
    }

    @Override
    public String describe() {
        JavaSparkContext spark = started().spark();
        int cores = started().slots();
        int executors = Math.max(1, spark.sc().statusTracker().getExecutorInfos().length - (master.startsWith("local") ? 0 : 1));
        return "Spark " + spark.version() + " at " + master + " (" + executors + (executors == 1 ? " executor, " : " executors, ") + cores
                + (cores == 1 ? " core" : " cores") + (slots() < cores ? ", " + slots() + " tasks at once)" : ")");
    }

    @Override
    public Tasks begin(RunShipment shipment) {
        JavaSparkContext spark = started().spark();
        return new SparkTasks(spark, spark.broadcast(shipment));
    }

    @Override
    public void close() {
        try {
            started().spark().stop();
        } catch (IllegalStateException neverStarted) {
            // nothing to stop
        }
        if (master.startsWith("local")) {
            // the tasks ran in this JVM: their connections close with the run
            PartitionFunction.closeAll();
        }
    }

    /** The tasks of one run: each partition a job of one task, in the job group of its partition. */
    private final class SparkTasks implements Tasks {

        private final JavaSparkContext spark;
        private final Broadcast<RunShipment> shipment;
        private final Map<String, Broadcast<Map<Lookup, Map<Object, Object>>>> lookups = new ConcurrentHashMap<>();

        SparkTasks(JavaSparkContext spark, Broadcast<RunShipment> shipment) {
            this.spark = spark;
            this.shipment = shipment;
        }

        @Override
        public PartitionOutcome run(PartitionTask task, Map<Lookup, Map<Object, Object>> values, BooleanSupplier stop) throws Exception {
            Broadcast<Map<Lookup, Map<Object, Object>>> broadcast = null;
            if (!values.isEmpty()) {
                broadcast = lookups.computeIfAbsent(task.job(), j -> spark.broadcast(values));
            }
            String group = shipment.value().runId() + " " + task.describe() + " #" + task.attempt();
            spark.setJobGroup(group, "migrate " + task.describe(), true);
            JavaFutureAction<List<PartitionOutcome>> job;
            try {
                job = spark.parallelize(List.of(task), 1).map(new PartitionFunction(shipment, broadcast)).collectAsync();
            } finally {
                spark.clearJobGroup();
            }
            while (true) {
                if (stop.getAsBoolean()) {
                    job.cancel(true);
                }
                try {
                    return job.get(250, TimeUnit.MILLISECONDS).get(0);
                } catch (TimeoutException stillRunning) {
                    // polls the stop switch again
                } catch (CancellationException e) {
                    return PartitionOutcome.cancelled();
                } catch (ExecutionException e) {
                    if (stop.getAsBoolean()) {
                        return PartitionOutcome.cancelled();
                    }
                    return PartitionOutcome.lost("its Spark task failed: " + firstLine(e.getCause() == null ? e : e.getCause()));
                }
            }
        }
    }

    private static String firstLine(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.lines().findFirst().orElse("").trim();
    }
}
