package dev.migrate.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.migrate.connect.ConnectionFailure;
import dev.migrate.engine.Engine;
import dev.migrate.engine.HookFailure;
import dev.migrate.engine.SchemaMismatch;
import dev.migrate.generate.GenerationFailure;
import dev.migrate.journal.RunRefused;
import dev.migrate.plan.ScriptError;
import dev.migrate.plan.Secrets;
import dev.migrate.plan.Suggestions;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/migrate}: picks the command, runs it, and turns every failure into one clear line and an exit code. */
@Command(name = "migrate", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Scripting-first database migration.%n%n  migrate script.groovy          same as: migrate run script.groovy%n  migrate plan script.groovy     schema differences and the DDL to run%n  migrate run s.groovy --spark M the run's partitions as tasks of Spark%n  migrate scaffold --source URL --target URL   a starting script%n  migrate generate script.groovy fake, deliberately dirty test data%n  migrate up DIR                 a migrations folder's pending versions%n                                 (also info, validate, down, baseline,%n                                 repair, new)%n  migrate shell [script.groovy]  Groovy's shell with the DSL%n  migrate serve                  the web console and its REST API",
        subcommands = {RunCommand.class, PlanCommand.class, VerifyCommand.class, ScaffoldCommand.class, GenerateCommand.class, FolderCommands.Up.class,
                FolderCommands.Info.class, FolderCommands.Validate.class, FolderCommands.Repair.class, FolderCommands.Down.class,
                FolderCommands.Baseline.class, FolderCommands.New.class, ShellCommand.class, ServeCommand.class})
public final class Main implements Runnable {

    private static volatile boolean debug;
    /** The pool's level as configured; --debug lets its warnings through. */
    private static final Level POOL_LEVEL = LoggerFactory.getLogger("com.zaxxer.hikari") instanceof Logger pool ? pool.getLevel() : null;
    /** The level of every logger as configured; --quiet raises it to warnings. */
    private static final Level ROOT_LEVEL = LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root ? root.getLevel() : null;

    /** When this process's main began (0 when the command line runs inside another program, as in the specs). */
    private static long mainStarted;

    public static void main(String[] args) {
        mainStarted = System.currentTimeMillis();
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (the process is left alone, for tests). */
    public static int execute(String... args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        // each run starts at the configured levels: an earlier run's --debug (in the same JVM) does not carry over
        debug = false;
        debug(Arrays.asList(args).contains("--debug"));
        quiet(false);
        if (mainStarted > 0) {
            ProcessHandle.current().info().startInstant().ifPresent(jvm -> LoggerFactory.getLogger(Main.class)
                    .debug("JVM start to main: {} ms", mainStarted - jvm.toEpochMilli()));
        }
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(e));
        cli.setParameterExceptionHandler((e, args1) -> {
            CommandLine failed = e.getCommandLine();
            PrintWriter err = failed.getErr();
            err.println("error: " + Secrets.scrub(mistake(e)));
            err.println("usage: " + usage(failed));
            err.flush();
            return ExitCode.BAD_SCRIPT_OR_USAGE;
        });
        return cli.execute(withDefaultCommand(args));
    }

    /**
     * What was wrong with the command line, in one line: picocli's words, with the nearest option or command where
     * there is one, and, for a word that is neither a command nor a script, both.
     */
    private static String mistake(CommandLine.ParameterException e) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException unmatched) || unmatched.getUnmatched().isEmpty()) {
            return e.getMessage();
        }
        String first = unmatched.getUnmatched().get(0);
        if (e.getCommandLine().getParent() == null && !first.startsWith("-")) {
            return "'" + first + "' is neither a command nor a script (a .groovy file)"
                    + Suggestions.closest(first, ORDERED_COMMANDS).map(c -> "; did you mean " + c + "?").orElse(".")
                    + " The commands: " + String.join(", ", ORDERED_COMMANDS);
        }
        Set<String> options = e.getCommandLine().getCommandSpec().optionsMap().keySet();
        List<String> near = unmatched.getUnmatched().stream().filter(a -> a.startsWith("--"))
                .map(a -> Suggestions.closest(a.replaceFirst("=.*", ""), options)).flatMap(Optional::stream).distinct().toList();
        return e.getMessage() + (near.isEmpty() ? "" : "; did you mean " + String.join(" or ", near) + "?");
    }

    /** The usage of the command whose line was wrong: run's short form, or the command's own synopsis. */
    private static String usage(CommandLine failed) {
        if (failed.getParent() == null || failed.getCommandName().equals("run")) {
            return "migrate [run] SCRIPT [--tables a,b] [--parallelism N] [--batch-size N] [--dry-run] [--debug]; migrate --help";
        }
        String synopsis = failed.getHelp().synopsis(0).replaceAll("\\s+", " ").trim();
        return synopsis.replaceFirst("^Usage: ", "") + "; migrate " + failed.getCommandName() + " --help";
    }

    private static final List<String> ORDERED_COMMANDS = List.of("run", "plan", "verify", "scaffold", "generate", "up", "info", "validate", "repair", "down",
            "baseline", "new", "shell", "serve");

    private static final Set<String> COMMANDS = Set.copyOf(ORDERED_COMMANDS);

    /** {@code migrate shop.groovy} means {@code migrate run shop.groovy}. */
    static String[] withDefaultCommand(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("-")) {
                continue;
            }
            if (COMMANDS.contains(arg)) {
                return args;
            }
            if (arg == args[0] && !arg.endsWith(".groovy") && !exists(arg)) {
                // neither a command nor a script: said as such, with the nearest command, not as "no such script"
                return args;
            }
            List<String> all = new ArrayList<>(List.of("run"));
            all.addAll(List.of(args));
            return all.toArray(new String[0]);
        }
        return args;
    }

    private static boolean exists(String path) {
        try {
            return Files.exists(Path.of(path));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static void debug(boolean on) {
        debug = debug || on;
        // under spark-submit the logging is Spark's (Log4j), whose levels its own configuration sets
        if (!(LoggerFactory.getLogger("dev.migrate") instanceof Logger tool) || !(LoggerFactory.getLogger("com.zaxxer.hikari") instanceof Logger pool)) {
            return;
        }
        tool.setLevel(debug ? Level.DEBUG : null);
        boolean quieterThanWarn = POOL_LEVEL != null && POOL_LEVEL.isGreaterOrEqual(Level.ERROR);
        pool.setLevel(debug && quieterThanWarn ? Level.WARN : POOL_LEVEL);
    }

    /** Under --quiet, only warnings and errors are logged. */
    static void quiet(boolean on) {
        if (ROOT_LEVEL != null && LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(on ? Level.WARN : ROOT_LEVEL);
        }
    }

    private static int report(Exception e) {
        int code;
        String message;
        if (e instanceof ScriptError) {
            code = ExitCode.BAD_SCRIPT_OR_USAGE;
            message = e.getMessage();
        } else if (e instanceof UsageError) {
            code = ExitCode.BAD_SCRIPT_OR_USAGE;
            message = e.getMessage();
        } else if (e instanceof SchemaMismatch) {
            code = ExitCode.UNRESOLVED_BREAKING_CHANGES;
            message = e.getMessage();
        } else if (e instanceof ConnectionFailure || e instanceof HookFailure || e instanceof RunRefused || e instanceof GenerationFailure) {
            code = ExitCode.FAILED;
            message = e.getMessage();
        } else {
            code = ExitCode.FAILED;
            message = Engine.oneLine(e);
        }
        System.err.println("error: " + Secrets.scrub(message));
        if (debug) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            System.err.print(Secrets.scrub(trace.toString()));
        } else if (code == ExitCode.FAILED && !(e instanceof ConnectionFailure) && !(e instanceof HookFailure) && !(e instanceof RunRefused)
                && !(e instanceof GenerationFailure)) {
            System.err.println("(run with --debug for the stack trace)");
        }
        System.err.flush();
        return code;
    }

    /** The version from the build. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"migrate " + (version == null ? "dev" : version)};
        }
    }
}
