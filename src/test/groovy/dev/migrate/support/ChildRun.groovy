package dev.migrate.support

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * The tool run as a process of its own, as a user runs it: for faults that only a real process shows (killed
 * half way, two runs at once). Its output goes to a file the spec can read.
 */
final class ChildRun {

    final Process process
    final Path output

    private ChildRun(Process process, Path output) {
        this.process = process
        this.output = output
    }

    /** Starts {@code migrate run script --results dir} in a new JVM, with the tests' own class path. */
    static ChildRun start(Path script, Path results, String... more) {
        startWithHeap('256m', script, results, more)
    }

    /** The same, in a JVM whose heap is at most {@code maxHeap} ({@code -Xmx}). */
    static ChildRun startWithHeap(String maxHeap, Path script, Path results, String... more) {
        String java = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
        List<String> command = [java, "-Xmx${maxHeap}".toString(), '-cp', System.getProperty('java.class.path'), 'dev.migrate.cli.Main', 'run', script.toString(),
                                '--results', results.toString()] + (more as List)
        Path output = Files.createTempFile('child-run', '.log')
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start()
        new ChildRun(process, output)
    }

    long pid() {
        process.pid()
    }

    /** What the run printed so far. */
    String printed() {
        output.toFile().text
    }

    /** Waits until {@code condition} holds, checking every 100 ms; fails if the process ends or time runs out first. */
    void waitFor(String what, int seconds, Closure<Boolean> condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds)
        while (System.nanoTime() < deadline) {
            if (condition()) {
                return
            }
            if (!process.alive) {
                throw new AssertionError("the run ended (exit ${process.exitValue()}) before ${what}:\n${printed()}".toString())
            }
            sleep(100)
        }
        throw new AssertionError("no ${what} within ${seconds} s:\n${printed()}".toString())
    }

    /** kill -9: the process ends at once, in the middle of whatever it was doing. */
    void kill() {
        process.destroyForcibly()
        process.waitFor(30, TimeUnit.SECONDS)
    }

    int waitForExit(int seconds) {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly()
            throw new AssertionError("the run did not end within ${seconds} s:\n${printed()}".toString())
        }
        process.exitValue()
    }
}
