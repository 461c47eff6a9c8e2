package dev.migrate.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import dev.migrate.command.Migrate;
import dev.migrate.engine.Verification;
import dev.migrate.plan.MigrationPlan;
import dev.migrate.report.VerifyReport;
import picocli.CommandLine.Command;
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

    @Option(names = "--json", paramLabel = "FILE", description = "write every difference here (default: results/<migration>-verify-<time>.json)")
    Path json;

    @Option(names = "--results", paramLabel = "DIR", description = "where the JSON report goes (default: results)")
    Path results = Path.of("results");

    @Option(names = "--debug", description = "show stack traces and debug logging")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        Main.debug(debug);
        MigrationPlan plan = ProjectConfig.loadScript(script);
        plan = RunCommand.onlyTables(plan, tables);
        UsageError.folder("--results", results);
        return verify(plan, results, json);
    }

    /** Verifies {@code plan}'s tables, prints what it found and writes the report; returns the exit code. */
    static int verify(MigrationPlan plan, Path results, Path json) throws Exception {
        Verification.Result result = Migrate.verify(plan);
        System.out.println();
        System.out.print(VerifyReport.render(result));
        System.out.println("verify report: " + VerifyReport.write(result, results, json));
        System.out.flush();
        if (result.differences()) {
            return ExitCode.DIFFERENCES;
        }
        return result.equal() ? ExitCode.DONE : ExitCode.FAILED;
    }
}
