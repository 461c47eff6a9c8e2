package dev.migrate.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.migrate.command.ApplyVersions;
import dev.migrate.command.Migrate;
import dev.migrate.command.NewVersion;
import dev.migrate.command.OfflineVersions;
import dev.migrate.engine.ProgressListener;
import dev.migrate.report.VersionsReport;
import dev.migrate.versions.FolderState;
import dev.migrate.versions.MigrationsFolder;
import dev.migrate.versions.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The commands over a folder of versions: up, info, validate, down, baseline, repair, new. */
final class FolderCommands {

    private FolderCommands() {
    }

    /** What every folder command takes: the folder, and --debug. */
    static final class Folder {

        @Parameters(index = "0", paramLabel = "DIR", description = "the migrations folder (with migrations.groovy)")
        Path dir;

        @Option(names = "--debug", description = "show stack traces and debug logging")
        boolean debug;

        @Mixin
        Output output;

        MigrationsFolder load() throws Exception {
            Main.debug(debug);
            output.begin();
            return MigrationsFolder.load(dir, ProjectConfig.load(dir));
        }
    }

    /** Where the data versions of the commands that run versions write their reports. */
    static final class Results {

        @Option(names = "--results", paramLabel = "DIR", description = "where data versions write their reports (default: results, next to the"
                + " folder)")
        Path results;

        Path folder(Path dir) {
            return UsageError.folder("--results", Output.results(results, dir));
        }
    }

    /** What up and down print: a line per version, then the outcome (on standard error under --quiet when they failed). */
    private static int applied(Output output, String lines, ApplyVersions.Result result) throws Exception {
        output.text().print(lines);
        if (output.quiet && !result.succeeded()) {
            System.err.println("error: " + result.error());
        }
        output.json(result);
        return result.succeeded() ? ExitCode.DONE : ExitCode.FAILED;
    }

    @Command(name = "up", description = "Apply the folder's pending versions in order, then its new or changed repeatable ones.",
            mixinStandardHelpOptions = true, versionProvider = Main.Version.class)
    static final class Up implements Callable<Integer> {

        @Mixin
        Folder folder;

        @Mixin
        Results results;

        @Option(names = "--to", paramLabel = "VERSION", description = "apply versions up to this one only")
        String to;

        @Option(names = "--resume", description = "go on with a data version that failed where it stopped")
        boolean resume;

        @Option(names = "--sql", paramLabel = "FILE", description = "write the SQL up would run to FILE, and run nothing")
        Path sql;

        @Override
        public Integer call() throws Exception {
            MigrationsFolder loaded = folder.load();
            Version limit = to == null ? null : UsageError.version("--to", to);
            if (sql != null) {
                OfflineVersions.Offline offline = Migrate.offline(loaded, limit);
                Path parent = sql.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(sql, offline.sql());
                folder.output.text().println("wrote " + sql + ": what up would run for " + offline.versions().size() + " version(s); nothing was run");
                return ExitCode.DONE;
            }
            ApplyVersions.Result result = Migrate.up(loaded, limit, resume, results.folder(folder.dir), ProgressListener.NONE);
            return applied(folder.output, VersionsReport.up(result), result);
        }
    }

    @Command(name = "info", description = "Every version of the folder and of the target's history, with its state.",
            mixinStandardHelpOptions = true, versionProvider = Main.Version.class)
    static final class Info implements Callable<Integer> {

        @Mixin
        Folder folder;

        @Override
        public Integer call() throws Exception {
            FolderState state = Migrate.state(folder.load());
            folder.output.text().print(VersionsReport.info(state));
            folder.output.json(VersionsReport.infoJson(state));
            return ExitCode.DONE;
        }
    }

    @Command(name = "validate", description = "Exit 1, naming each, when an applied version's file changed or is gone, a version is"
            + " out of order, or one failed.", mixinStandardHelpOptions = true, versionProvider = Main.Version.class)
    static final class Validate implements Callable<Integer> {

        @Mixin
        Folder folder;

        @Override
        public Integer call() throws Exception {
            List<String> problems = Migrate.state(folder.load()).problems();
            PrintStream text = folder.output.problems();
            problems.forEach(p -> text.println("invalid: " + p));
            folder.output.text().println(problems.isEmpty() ? "valid: every applied version matches its file" : problems.size() + " problem(s)");
            folder.output.json(Map.of("valid", problems.isEmpty(), "problems", problems));
            return problems.isEmpty() ? ExitCode.DONE : ExitCode.FAILED;
        }
    }

    @Command(name = "repair", description = "Remove the entries of failed versions and realign the checksums of applied versions with their files.",
            mixinStandardHelpOptions = true, versionProvider = Main.Version.class)
    static final class Repair implements Callable<Integer> {

        @Mixin
        Folder folder;

        @Override
        public Integer call() throws Exception {
            List<String> done = Migrate.repair(folder.load());
            PrintStream text = folder.output.text();
            done.forEach(text::println);
            text.println(done.isEmpty() ? "nothing to repair" : done.size() + " entr" + (done.size() == 1 ? "y" : "ies") + " repaired");
            folder.output.json(Map.of("repaired", done));
            return ExitCode.DONE;
        }
    }

    @Command(name = "down", description = "Run the undo files (U<version>__...) of the newest applied versions, newest first, and remove their history.",
            mixinStandardHelpOptions = true, versionProvider = Main.Version.class)
    static final class Down implements Callable<Integer> {

        @Mixin
        Folder folder;

        @Mixin
        Results results;

        @Option(names = "--to", paramLabel = "VERSION", description = "undo every version above this one")
        String to;

        @Option(names = "--steps", paramLabel = "N", description = "undo the newest N versions (default 1)")
        Integer steps;

        @Override
        public Integer call() throws Exception {
            MigrationsFolder loaded = folder.load();
            if (to != null && steps != null) {
                throw new UsageError("down takes --to or --steps, not both");
            }
            if (steps != null && steps < 1) {
                throw new UsageError("--steps must be 1 or more, not " + steps);
            }
            Version limit = to == null ? null : UsageError.version("--to", to);
            ApplyVersions.Result result = Migrate.down(loaded, limit, steps == null ? 1 : steps, results.folder(folder.dir), ProgressListener.NONE);
            return applied(folder.output, VersionsReport.down(result), result);
        }
    }

    /** Its --version is the baseline's, so it has --help alone. */
    @Command(name = "baseline", description = "Mark a database that already has its schema as being at a version: up applies the ones after it.")
    static final class Baseline implements Callable<Integer> {

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        @Mixin
        Folder folder;

        @Option(names = "--version", required = true, paramLabel = "VERSION", description = "the version the database is at")
        String version;

        @Override
        public Integer call() throws Exception {
            MigrationsFolder loaded = folder.load();
            Version at = UsageError.version("--version", version);
            String said = Migrate.baseline(loaded, at);
            folder.output.text().println(said);
            folder.output.json(Map.of("baseline", at.text()));
            return ExitCode.DONE;
        }
    }

    @Command(name = "new", description = "Write the folder's next version: every source table moved into the target as they are now, a TODO at"
            + " each difference to decide (the scaffold, as a version).", mixinStandardHelpOptions = true, versionProvider = Main.Version.class)
    static final class New implements Callable<Integer> {

        @Mixin
        Folder folder;

        @Parameters(index = "1", paramLabel = "DESCRIPTION", description = "what the version does, in words: \"move customers\"")
        String description;

        @Override
        public Integer call() throws Exception {
            MigrationsFolder loaded = folder.load();
            NewVersion.Written written;
            try {
                written = Migrate.newVersion(loaded, description);
            } catch (IllegalArgumentException e) {
                throw new UsageError(e.getMessage());
            }
            folder.output.text().println("wrote " + written.file() + " (" + written.todo() + " TODO)");
            folder.output.json(Map.of("file", written.file().toString(), "todo", written.todo()));
            return ExitCode.DONE;
        }
    }
}
