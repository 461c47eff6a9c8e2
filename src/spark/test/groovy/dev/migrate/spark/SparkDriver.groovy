package dev.migrate.spark

import dev.migrate.cli.Main

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * {@code migrate run script.groovy --spark MASTER} as bin/migrate starts it, in a JVM of its own: Spark's module
 * options (config/spark-java.options), the tool's logging, SPARK_HOME at the Spark installation the cluster runs
 * (so the run sends its executors the tool's jars and not Spark's), in a folder of its own.
 */
final class SparkDriver {

    /** The Spark installation bin/migrate spark-cluster makes and runs. */
    static final Path SPARK_HOME = Path.of('target/spark-home').toAbsolutePath()

    final Process process
    final Path directory
    final Path output

    private SparkDriver(Process process, Path directory, Path output) {
        this.process = process
        this.directory = directory
        this.output = output
    }

    static SparkDriver start(Path script, String master, List<String> more = []) {
        Path directory = Files.createTempDirectory('migrate-spark-run')
        Path output = directory.resolve('driver.log')
        String java = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
        // the test class path, less Spark's Log4j binding (the tool logs through Logback), as bin/migrate builds it
        String classPath = System.getProperty('java.class.path').split(File.pathSeparator)
                .findAll { !it.contains('log4j-slf4j2-impl') }.join(File.pathSeparator)
        List<String> command = [java, '-Xmx768m', "@${Path.of('config/spark-java.options').toAbsolutePath()}".toString(),
                                '-cp', classPath, "-Dlogback.configurationFile=${Path.of('config/logback.xml').toAbsolutePath()}".toString(),
                                Main.name, 'run', script.toAbsolutePath().toString(), '--spark', master,
                                '--results', directory.resolve('results').toString()] + more
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile())
        builder.environment().put('SPARK_HOME', SPARK_HOME.toString())
        new SparkDriver(builder.start(), directory, output)
    }

    /** Waits for the run's end (at most {@code seconds}); returns its exit code. */
    int await(long seconds = 300) {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly()
            throw new AssertionError("the Spark run did not end within ${seconds} s:\n${text()}")
        }
        process.exitValue()
    }

    String text() {
        Files.exists(output) ? output.text : ''
    }

    /** The run's JSON report. */
    Map report() {
        Path results = directory.resolve('results')
        Path json = Files.list(results).withCloseable { s -> s.filter { it.toString().endsWith('.json') }.findFirst().orElseThrow() }
        new groovy.json.JsonSlurper().parse(json.toFile()) as Map
    }
}
