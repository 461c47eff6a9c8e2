package dev.migrate.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.migrate.command.GenerateData;
import dev.migrate.command.Migrate;
import dev.migrate.dsl.ScriptLoader;
import dev.migrate.generate.GenerationPlan;
import dev.migrate.report.GenerationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code migrate generate script.groovy}: the script's generate block's tables filled with fake, deliberately dirty rows. */
@Command(name = "generate", description = "Fill the tables of the script's generate { } block with fake (and deliberately dirty) test data.",
        mixinStandardHelpOptions = true, versionProvider = Main.Version.class)
final class GenerateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCRIPT", description = "a script with a generate { } block (.groovy)")
    Path script;

    @Option(names = "--seed", paramLabel = "N", description = "the seed (overrides the script's): the same seed makes the same rows")
    Long seed;

    @Option(names = "--rows-scale", paramLabel = "F", description = "every table's rows times F: 0.01 for a quick try, 10 for a load test")
    Double rowsScale;

    @Option(names = "--debug", description = "show stack traces and debug logging")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        Main.debug(debug);
        GenerationPlan plan = new ScriptLoader().loadGeneration(script, ProjectConfig.context(script));
        if (seed != null) {
            plan = plan.withSeed(seed);
        }
        if (rowsScale != null) {
            if (!(rowsScale > 0)) {
                throw new UsageError("--rows-scale must be more than 0, not " + rowsScale);
            }
            plan = plan.scaled(rowsScale);
        }
        GenerateData.Result result = Migrate.generate(plan);
        System.out.print(GenerationReport.render(result));
        return ExitCode.DONE;
    }
}
