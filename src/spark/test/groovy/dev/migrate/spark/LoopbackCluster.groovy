package dev.migrate.spark

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * A Spark standalone cluster on this machine's loopback, started as the README says ({@code bin/migrate
 * spark-cluster start}): a master and its workers, each a JVM of its own, and the executors the workers start for
 * a run, each a JVM of its own too.
 */
final class LoopbackCluster {

    final String master
    final Path directory

    private LoopbackCluster(String master, Path directory) {
        this.master = master
        this.directory = directory
    }

    static LoopbackCluster start(int workers) {
        Path directory = Files.createTempDirectory('migrate-spark-cluster')
        int port = new ServerSocket(0).withCloseable { it.localPort }
        Process process = new ProcessBuilder('bin/migrate', 'spark-cluster', 'start', '--workers', "${workers}".toString(), '--cores', '1',
                '--memory', '1g', '--port', "${port}".toString(), '--dir', directory.toString())
                .redirectErrorStream(true).start()
        String printed = process.inputStream.text
        if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("bin/migrate spark-cluster start failed:\n${printed}")
        }
        new LoopbackCluster(printed.readLines().find { it.startsWith('spark://') }, directory)
    }

    /** The executors of this cluster's workers running now, by process. */
    List<ProcessHandle> executors() {
        List<Long> workers = Files.list(directory).withCloseable { s -> s.filter { it.fileName.toString() ==~ /worker-\d+\.pid/ }.toList() }
                .collect { it.text.trim() as long }
        ProcessHandle.allProcesses().filter { p ->
            p.parent().map { workers.contains(it.pid()) }.orElse(false) &&
                    p.info().commandLine().map { it.contains('CoarseGrainedExecutorBackend') }.orElse(false)
        }.toList()
    }

    void stop() {
        new ProcessBuilder('bin/migrate', 'spark-cluster', 'stop', '--dir', directory.toString()).inheritIO().start().waitFor(60, TimeUnit.SECONDS)
    }
}
