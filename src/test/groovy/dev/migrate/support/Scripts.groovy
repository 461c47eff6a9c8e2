package dev.migrate.support

import dev.migrate.cli.Main
import dev.migrate.command.Migrate
import com.fasterxml.jackson.databind.ObjectMapper
import dev.migrate.dsl.ScriptLoader
import dev.migrate.engine.MigrationResult
import dev.migrate.engine.ProgressListener
import dev.migrate.engine.TableResult
import dev.migrate.plan.MigrationPlan

import java.nio.file.Files
import java.nio.file.Path

/** Writes migration scripts to a temporary folder, loads and runs them. */
final class Scripts {

    private static final Path DIR = Files.createTempDirectory('migrate-scripts')

    private Scripts() {
    }

    /** Runs the command line in this JVM: its exit code and what it printed, as {@code [code:, out:, err:]}. */
    static Map<String, Object> execute(String... args) {
        def out = new ByteArrayOutputStream()
        def err = new ByteArrayOutputStream()
        def (originalOut, originalErr) = [System.out, System.err]
        System.out = new PrintStream(out, true, 'UTF-8')
        System.err = new PrintStream(err, true, 'UTF-8')
        try {
            int code = Main.execute(args)
            [code: code, out: out.toString('UTF-8'), err: err.toString('UTF-8')]
        } finally {
            System.out = originalOut
            System.err = originalErr
        }
    }

    static Path write(String name, String text) {
        Path file = DIR.resolve(name)
        Files.writeString(file, text)
        file
    }

    static MigrationPlan load(String name, String text) {
        new ScriptLoader().load(write(name, text))
    }

    static MigrationResult run(String name, String text) {
        Migrate.run(load(name, text), ProgressListener.NONE)
    }

    static Path tempDir(String prefix) {
        Files.createTempDirectory(prefix)
    }

    /** Runs a script, its reports and reject files written under {@code results}. */
    static MigrationResult run(String name, String text, Path results) {
        Migrate.run(load(name, text), ProgressListener.NONE, results)
    }

    /** The lines of a table's reject file: table, column, reason and row of each rejected row. */
    static List<Map> rejects(TableResult table) {
        table.rejectFile() == null ? [] : Files.readAllLines(Path.of(table.rejectFile())).collect { new ObjectMapper().readValue(it, Map) }
    }
}
