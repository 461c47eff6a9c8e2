package dev.migrate.support

import dev.migrate.cli.Main

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * {@code bin/migrate serve} as a process of its own, on a free port of loopback, over a home folder: started,
 * killed as a crash kills it ({@code kill -9}), started again over the same home.
 */
final class ServeProcess implements AutoCloseable {

    final Process process
    final Path output
    final int port

    private ServeProcess(Process process, Path output, int port) {
        this.process = process
        this.output = output
        this.port = port
    }

    static ServeProcess start(Path home, String token) {
        String java = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
        List<String> command = [java, '-Xmx384m', '-cp', System.getProperty('java.class.path'),
                                "-Dlogback.configurationFile=${Path.of('config/logback.xml').toAbsolutePath()}".toString(),
                                Main.name, 'serve', '--home', home.toString(), '--port', '0']
        Path output = Files.createTempFile('serve', '.log')
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
        builder.environment().put('MIGRATE_CONSOLE_TOKEN', token)
        Process process = builder.start()
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60)
        while (System.nanoTime() < deadline) {
            def listening = output.text =~ /migrate serve: http:\/\/127\.0\.0\.1:(\d+)\//
            if (listening.find()) {
                return new ServeProcess(process, output, listening.group(1) as int)
            }
            if (!process.alive) {
                throw new AssertionError("migrate serve ended (exit ${process.exitValue()}) before it listened:\n${output.text}")
            }
            Thread.sleep(100)
        }
        process.destroyForcibly()
        throw new AssertionError("migrate serve did not listen within 60 s:\n${output.text}")
    }

    String url(String path) {
        "http://127.0.0.1:${port}${path}"
    }

    String printed() {
        output.text
    }

    /** As a crash ends it: no shutdown hook runs. */
    void kill() {
        process.destroyForcibly()
        process.waitFor(30, TimeUnit.SECONDS)
    }

    @Override
    void close() {
        if (process.alive) {
            process.destroy()
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill()
            }
        }
    }
}
