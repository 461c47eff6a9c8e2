package dev.migrate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;

import dev.migrate.command.Migrate;
import dev.migrate.dsl.ScriptContext;
import dev.migrate.engine.Cluster;
import dev.migrate.engine.MigrationResult;
import dev.migrate.engine.ProgressListener;
import dev.migrate.engine.Start;
import dev.migrate.plan.Identifiers;
import dev.migrate.plan.MigrationPlan;
import dev.migrate.plan.ScriptLocation;
import dev.migrate.plan.Settings;
import dev.migrate.plan.TableRef;
import dev.migrate.report.ConsoleProgress;
import dev.migrate.report.LogProgress;
import dev.migrate.report.Terminal;
import dev.migrate.serve.ConsoleHome;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code migrate run script.groovy}: the migration itself. */
@Command(name = "run", description = "Run a migration script: move every row from the source to the target.",
        mixinStandardHelpOptions = true, versionProvider = Main.Version.class)
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCRIPT", description = "the migration script (.groovy)")
    Path script;

    @Option(names = "--tables", split = ",", paramLabel = "TABLE", description = "only these tables, in this order (overrides the script)")
    List<String> tables;

    @Option(names = "--parallelism", paramLabel = "N", description = "partitions moved at once (overrides the script)")
    Integer parallelism;

    @Option(names = "--batch-size", paramLabel = "N", description = "rows per batch (overrides the script)")
    Integer batchSize;

    @Option(names = "--dry-run", description = "read and transform every row, write nothing")
    boolean dryRun;

    @Option(names = "--identifiers", paramLabel = "AS_IS|LOWER|SNAKE_CASE", description = "how source names become the names of what the run creates (overrides the script)")
    Identifiers identifiers;

    @Option(names = "--verify", description = "after a run that ends done, compare every table with the source (as verify does)")
    boolean verify;

    @Option(names = "--resume", description = "go on with the run of this script that stopped half way: only what it did not commit moves")
    boolean resume;

    @Option(names = "--restart", description = "remove what the run of this script that stopped half way wrote into tables it created, and begin again")
    boolean restart;

    @Option(names = "--results", paramLabel = "DIR", description = "where the JSON report and the reject files go (default: results,"
            + " next to the script)")
    Path results;

    @Mixin
    Output output;

    @Option(names = "--home", paramLabel = "DIR", description = "also record this run in the history of the console (bin/migrate serve)"
            + " whose home is DIR")
    Path home;

    @Option(names = "--spark", paramLabel = "MASTER", description = "run the partitions as tasks of a Spark cluster: local[N],"
            + " spark://HOST:PORT, yarn or k8s://... (see docs/scale-out.md)")
    String spark;

    @Option(names = "--spark-conf", paramLabel = "KEY=VALUE", description = "a Spark setting for the run, e.g. spark.executor.memory=2g"
            + " (repeatable)")
    Map<String, String> sparkConf = new LinkedHashMap<>();

    @Option(names = "--debug", description = "show stack traces and debug logging")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        Main.debug(debug);
        output.begin();
        long clock = System.nanoTime();
        ScriptContext context = ProjectConfig.context(script);
        MigrationPlan plan = ProjectConfig.loadScript(script, context);
        plan = override(plan);
        if (spark == null && !sparkConf.isEmpty()) {
            throw new UsageError("--spark-conf is for a run on Spark: give --spark MASTER too");
        }
        LoggerFactory.getLogger(RunCommand.class).debug("script {} loaded in {} ms", script, (System.nanoTime() - clock) / 1_000_000);
        Path results = UsageError.folder("--results", Output.results(this.results, script));
        if (resume && restart) {
            throw new UsageError("--resume and --restart exclude each other: --resume goes on with the unfinished run, --restart begins again");
        }
        Start start = resume ? Start.RESUME : restart ? Start.RESTART : Start.FRESH;
        ProgressListener progress = output.quiet ? ProgressListener.NONE : Terminal.live() ? ConsoleProgress.start() : new LogProgress(5_000);
        RunReport report = new RunReport(plan, results, progress, output, "bin/migrate run " + script);
        if (home != null) {
            report.recordIn(ConsoleHome.open(home), script);
        }
        MigrationResult result;
        try (Cluster cluster = spark == null ? null : openCluster(plan)) {
            if (cluster == null) {
                result = Migrate.run(plan, report, results, start);
            } else {
                // the script's parallelism is one machine's: on a cluster, every core takes partitions (unless --parallelism caps them)
                Cluster.Script shipped = new Cluster.Script(script.getFileName().toString(), Files.readString(script), context.getEnvironmentRead());
                result = Migrate.run(plan, report, results, start, cluster, shipped);
            }
        } catch (Exception e) {
            // a run that stops before its rows move still says so, in its summary and its report
            report.stopped(e);
            throw e;
        }
        long reporting = System.nanoTime();
        report.done(result);
        LoggerFactory.getLogger(RunCommand.class).debug("summary and report written in {} ms", (System.nanoTime() - reporting) / 1_000_000);
        if (verify && result.succeeded() && !result.dryRun()) {
            // the run's report is the one --json prints; verify's goes to the results folder, its text with the run's
            return VerifyCommand.verify(plan, results, null, output.text(), output.problems(), false);
        }
        return result.succeeded() ? ExitCode.DONE : ExitCode.FAILED;
    }

    /** The cluster of {@code --spark}, through the Spark module that bin/migrate puts on the class path when it is given. */
    private Cluster openCluster(MigrationPlan plan) throws Exception {
        Cluster.Factory factory;
        try {
            factory = ServiceLoader.load(Cluster.Factory.class).findFirst().orElse(null);
        } catch (ServiceConfigurationError | LinkageError e) {
            factory = null;
        }
        if (factory == null) {
            throw new UsageError("--spark: the Spark module is not on the class path; bin/migrate builds it and puts it there when"
                    + " --spark is given (mvn -Pspark package)");
        }
        try {
            return factory.open(spark, sparkConf, "migrate " + plan.name(), parallelism);
        } catch (LinkageError e) {
            throw new UsageError("--spark: Spark is not on the class path (" + e.getMessage() + "); bin/migrate puts it there from the"
                    + " tool's sources, or run it with spark-submit (docs/scale-out.md)");
        }
    }

    private MigrationPlan override(MigrationPlan plan) {
        Settings.Builder settings = plan.settings().toBuilder();
        if (parallelism != null) {
            settings.parallelism(parallelism);
        }
        if (batchSize != null) {
            settings.batchSize(batchSize);
        }
        if (dryRun) {
            settings.dryRun(true);
        }
        if (identifiers != null) {
            settings.identifiers(identifiers);
        }
        try {
            plan = plan.withSettings(settings.build());
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage().replace("batchSize", "--batch-size").replace("parallelism", "--parallelism"));
        }
        return onlyTables(plan, tables);
    }

    /** The plan with {@code --tables} in place of the script's list, when it is given. */
    static MigrationPlan onlyTables(MigrationPlan plan, List<String> tables) {
        if (tables == null || tables.isEmpty()) {
            return plan;
        }
        return plan.withTables(tables.stream().map(String::trim).filter(t -> !t.isEmpty())
                .map(t -> new TableRef(t, new ScriptLocation("--tables", 0))).toList());
    }
}
