package dev.migrate.support

import dev.migrate.cli.Main

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * The tool run as a user runs it, in a folder of its own: what it printed, and every file it wrote there, can
 * then be searched. {@link #start} runs it in its own JVM, with the logging configuration it ships
 * ({@code config/logback.xml}) or another, an environment and stdin; {@link #call} runs {@code Main.execute} in
 * this JVM, its output captured.
 */
final class MigrateProcess {

    final int exitCode
    final String stdout
    final String stderr
    /** The folder it ran in: its reports and files land here. */
    final Path directory

    private MigrateProcess(int exitCode, String stdout, String stderr, Path directory) {
        this.exitCode = exitCode
        this.stdout = stdout
        this.stderr = stderr
        this.directory = directory
    }

    static Path folder() {
        Files.createTempDirectory('migrate-run')
    }

    static MigrateProcess start(List<String> args, Map<String, String> env = [:], String stdin = '',
                                Path logging = Path.of('config/logback.xml'), Path directory = folder()) {
        String java = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
        List<String> command = [java, '-cp', System.getProperty('java.class.path'),
                                "-Dlogback.configurationFile=${logging.toAbsolutePath()}".toString(), Main.name] + args
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
        builder.environment().putAll(env)
        Process process = builder.start()
        process.outputStream.withCloseable { it.write(stdin.getBytes('UTF-8')) }
        def out = new ByteArrayOutputStream()
        def err = new ByteArrayOutputStream()
        Thread readOut = Thread.start { out << process.inputStream }
        Thread readErr = Thread.start { err << process.errorStream }
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly()
            throw new AssertionError("migrate ${args.join(' ')} did not end within 300 s")
        }
        readOut.join()
        readErr.join()
        new MigrateProcess(process.exitValue(), out.toString('UTF-8'), err.toString('UTF-8'), directory)
    }

    /** {@code Main.execute} in this JVM; the arguments should send every file it writes into {@code directory}. */
    static synchronized MigrateProcess call(List<String> args, Path directory) {
        PrintStream originalOut = System.out
        PrintStream originalErr = System.err
        def out = new ByteArrayOutputStream()
        def err = new ByteArrayOutputStream()
        System.out = new PrintStream(out, true, 'UTF-8')
        System.err = new PrintStream(err, true, 'UTF-8')
        try {
            int code = Main.execute(args as String[])
            new MigrateProcess(code, out.toString('UTF-8'), err.toString('UTF-8'), directory)
        } finally {
            System.out = originalOut
            System.err = originalErr
        }
    }

    /** The streams and the files (in its folder, and those named) that hold {@code text}. */
    List<String> placesHolding(String text, Path... alsoWritten) {
        List<String> places = []
        if (stdout.contains(text)) {
            places << 'stdout'
        }
        if (stderr.contains(text)) {
            places << 'stderr'
        }
        List<Path> files = Files.walk(directory).filter { Files.isRegularFile(it) }.toList() + (alsoWritten as List)
        files.each { Path file ->
            if (Files.readString(file).contains(text)) {
                places << file.toString()
            }
        }
        places
    }
}
