package dev.migrate.engine;

import java.util.Map;
import java.util.function.BooleanSupplier;

import dev.migrate.plan.Lookup;

/**
 * Where a run's partitions go when they leave this JVM: the tasks of a cluster (Spark, in its own module). The run
 * plans here as it always does; each partition becomes one task that reads, transforms and writes it through the
 * dialects' own readers and writers, its journal entry committed with its rows, so that a task run twice writes once.
 * Found through {@link java.util.ServiceLoader} ({@link Factory}), so the command line carries no cluster library.
 */
public interface Cluster extends AutoCloseable {

    /** Partitions the cluster runs at once: the cores of its executors (or fewer, as the command line caps them). */
    int slots();

    /** For the log: which cluster, how large. */
    String describe();

    /** A run's tasks begin: {@code shipment} is what every task needs to do its partition as this JVM would. */
    Tasks begin(RunShipment shipment);

    @Override
    void close();

    /** The tasks of one run. */
    interface Tasks {

        /**
         * Runs one partition as a task and waits for its end. {@code lookups} are the values of the lookup tables its
         * table reads; {@code stop} turns true when the run or the table
         * stops, and the task is then cancelled.
         */
        PartitionOutcome run(PartitionTask task, Map<Lookup, Map<Object, Object>> lookups, BooleanSupplier stop) throws Exception;
    }

    /** The script of a run, as its tasks compile it: its file name, its text, and the environment variables it read. */
    record Script(String name, String text, Map<String, String> environment) {

        public Script {
            environment = Map.copyOf(environment);
        }

        @Override
        public String toString() {
            return "Script[" + name + "]";
        }
    }

    /** Opens the cluster a {@code --spark MASTER} names. */
    interface Factory {

        /**
         * Opens it; it may go on starting while the run reads its catalogs, and {@link Cluster#slots()} waits for it.
         *
         * @param conf  settings the cluster takes as they are (Spark's {@code spark.*} keys)
         * @param tasks how many tasks run at once at most, or null: one per core of the cluster
         */
        Cluster open(String master, Map<String, String> conf, String application, Integer tasks) throws Exception;
    }
}
