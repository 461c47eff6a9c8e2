package dev.migrate.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import dev.migrate.command.Migrate;
import dev.migrate.engine.Verification;
import dev.migrate.plan.MigrationPlan;
import dev.migrate.report.Json;
import dev.migrate.report.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code migrate verify script.groovy}: whether the target holds what the script's run writes, row by row. */
@Command(name = "verify", description = "Compare every table the script moves, source against target, row by row; exit 0 when equal, 4 when not.",
        mixinStandardHelpOptions = true, versionProvider = Main.Version.class)
final class VerifyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCRIPT", description = "the migration script (.groovy)")
    Path script;

    @Option(names = "--tables", split = ",", paramLabel = "TABLE", description = "only these tables")
    List<String> tables;

    @Mixin
    Output output;

    @Option(names = "--results", paramLabel = "DIR", description = "where the JSON report of every difference goes (default: results,"
            + " next to the script; --json FILE.json writes it there instead)")
    Path results;

    @Option(names = "--debug", description = "show stack traces and debug logging")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        Main.debug(debug);
        output.begin();
        MigrationPlan plan = ProjectConfig.loadScript(script);
        plan = RunCommand.onlyTables(plan, tables);
        Path results = UsageError.folder("--results", Output.results(this.results, script));
        Path file = output.json == null || output.jsonOnStdout() ? null : output.json;
        return verify(plan, results, file, output.text(), output.problems(), output.jsonOnStdout());
    }

    /**
     * Verifies {@code plan}'s tables, prints what it found on {@code text} (the outcome of tables that differ on
     * {@code problems} too when that is another stream) and writes the report (to {@code json}, or in {@code results});
     * the report is printed on standard output too when {@code jsonOnStdout}. Returns the exit code.
     */
    static int verify(MigrationPlan plan, Path results, Path json, PrintStream text, PrintStream problems, boolean jsonOnStdout) throws Exception {
        Verification.Result result = Migrate.verify(plan);
        text.println();
        String rendered = VerifyReport.render(result);
        text.print(rendered);
        text.println("verify report: " + VerifyReport.write(result, results, json));
        text.flush();
        if (problems != text && !result.equal()) {
            // the last line says how many differ
            String[] lines = rendered.split("\n");
            problems.println(lines[lines.length - 1]);
        }
        if (jsonOnStdout) {
            System.out.println(Json.indented().writeValueAsString(VerifyReport.toMap(result)));
            System.out.flush();
        }
        if (result.differences()) {
            return ExitCode.DIFFERENCES;
        }
        return result.equal() ? ExitCode.DONE : ExitCode.FAILED;
    }
}
