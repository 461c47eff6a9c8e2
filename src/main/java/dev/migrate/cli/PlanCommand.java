package dev.migrate.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.migrate.command.Migrate;
import dev.migrate.diff.SchemaPlan;
import dev.migrate.plan.Identifiers;
import dev.migrate.plan.MigrationPlan;
import dev.migrate.report.PlanReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code migrate plan script.groovy}: the schema differences, classified, and the DDL a run would execute. */
@Command(name = "plan", description = "Compare source and target schemas: safe, transformable and breaking differences, and the DDL to run.",
        mixinStandardHelpOptions = true, versionProvider = Main.Version.class)
final class PlanCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCRIPT", description = "the migration script (.groovy)")
    Path script;

    @Option(names = "--sql", paramLabel = "FILE", description = "write the DDL to this file; the target is not touched")
    Path sql;

    @Option(names = "--results", paramLabel = "DIR", description = "where the text and JSON reports go (default: results, next to the script)")
    Path results;

    @Mixin
    Output output;

    @Option(names = "--identifiers", paramLabel = "AS_IS|LOWER|SNAKE_CASE", description = "how source names become the names of what a run creates (overrides the script)")
    Identifiers identifiers;

    @Option(names = "--debug", description = "show stack traces and debug logging")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        Main.debug(debug);
        output.begin();
        MigrationPlan migration = ProjectConfig.loadScript(script);
        if (identifiers != null) {
            migration = migration.withSettings(migration.settings().toBuilder().identifiers(identifiers).build());
        }
        Path results = UsageError.folder("--results", Output.results(this.results, script));
        SchemaPlan plan = Migrate.plan(migration);
        PrintStream text = output.text();
        text.print(PlanReport.render(plan));
        Path report = PlanReport.write(plan, results);
        text.println("report: " + report);
        if (sql != null) {
            PlanReport.writeSql(plan, sql);
            text.println("DDL: " + sql);
        }
        text.flush();
        if (output.quiet) {
            plan.undecided().forEach(point -> System.err.println("A run would stop until the script decides: " + point));
            plan.refusals().forEach(refusal -> System.err.println("A run would stop before changing anything: " + refusal));
        }
        output.json(PlanReport.toMap(plan));
        if (plan.undecidedByScript()) {
            return ExitCode.UNRESOLVED_BREAKING_CHANGES;
        }
        return plan.refusals().isEmpty() ? ExitCode.DONE : ExitCode.FAILED;
    }
}
