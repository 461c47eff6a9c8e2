package dev.migrate.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrate.dsl.ScriptLoader;

/**
 * Warms each executor as it starts (a Spark plugin, {@code spark.plugins}): while the executor registers and the
 * driver still reads its catalogs, a thread of its own registers the JDBC drivers of the application's jars and has
 * the script compiler compile a small migration, so that the run's first task compiles its script in a warm JVM.
 */
public final class ExecutorWarmUp implements SparkPlugin {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorWarmUp.class);

    private static final String SCRIPT = """
            migration 'warm-up', {
                source { url 'jdbc:h2:mem:warm' }
                target { url 'jdbc:h2:mem:warm' }
                settings { batchSize 1_000 }
                table('t') { rename 'a', to: 'b'; column('c') { it?.toString()?.trim() }; column('d') { map A: 1; otherwise 0 } }
            }
            """;

    @Override
    public DriverPlugin driverPlugin() {
        return null;
    }

    @Override
    public ExecutorPlugin executorPlugin() {
        return new ExecutorPlugin() {
            @Override
            public void init(PluginContext context, Map<String, String> extraConf) {
                Thread warm = new Thread(ExecutorWarmUp::warm, "migrate-warm-up");
                warm.setDaemon(true);
                warm.start();
            }
        };
    }

    private static void warm() {
        long started = System.nanoTime();
        try {
            PartitionFunction.registerDrivers();
            Path folder = Files.createTempDirectory("migrate-warm-");
            Path script = folder.resolve("warm-up.groovy");
            Files.writeString(script, SCRIPT);
            try {
                new ScriptLoader().load(script);
            } finally {
                Files.deleteIfExists(script);
                Files.deleteIfExists(folder);
            }
            LOG.info("executor warmed up in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (Throwable e) {
            // only a head start: the first task does the same, and says what fails
            LOG.debug("warm-up: {}", e.toString());
        }
    }
}
