package dev.migrate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.migrate.plan.MigrationPlan;
import dev.migrate.shell.MigrateShell;
import dev.migrate.versions.MigrationsFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code migrate shell [script.groovy | DIR]}: Groovy's shell with the DSL, the shell's words and the script's databases. */
@Command(name = "shell", description = "Groovy's own shell (groovysh) with the DSL loaded and, given a script or a migrations folder, its"
        + " databases open as source and target; reads statements from standard input when that is no terminal.",
        mixinStandardHelpOptions = true, versionProvider = Main.Version.class)
final class ShellCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCRIPT|DIR", description = "a migration script, or a migrations folder")
    Path script;

    @Option(names = "--results", paramLabel = "DIR", description = "where run() and verify() write their reports (default: results, next to"
            + " the script or folder)")
    Path results;

    @Option(names = "--debug", description = "show stack traces and debug logging")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        Main.debug(debug);
        Path results = Output.results(this.results, script);
        MigrationPlan plan = null;
        MigrateShell shell;
        if (script != null && Files.isDirectory(script)) {
            MigrationsFolder folder = MigrationsFolder.load(script, ProjectConfig.load(script));
            shell = new MigrateShell(null, folder.source(), folder.target(), results);
        } else {
            if (script != null) {
                plan = ProjectConfig.loadScript(script);
            }
            shell = new MigrateShell(plan, plan == null ? null : plan.source(), plan == null ? null : plan.target(), results);
        }
        return shell.start();
    }
}
