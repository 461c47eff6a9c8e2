package dev.migrate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.migrate.command.Migrate;
import dev.migrate.command.ScaffoldMigration;
import dev.migrate.dialect.DialectRegistry;
import dev.migrate.plan.Endpoint;
import dev.migrate.plan.MigrationPlan;
import dev.migrate.plan.ScriptLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code migrate scaffold --source URL --target URL}: a starting script from the comparison of two databases. */
@Command(name = "scaffold", description = "Write a starting migration script from the differences between two databases.",
        mixinStandardHelpOptions = true, versionProvider = Main.Version.class)
final class ScaffoldCommand implements Callable<Integer> {

    @Option(names = "--source", required = true, paramLabel = "URL", description = "the source's JDBC URL")
    String sourceUrl;

    @Option(names = "--target", required = true, paramLabel = "URL", description = "the target's JDBC URL")
    String targetUrl;

    @Option(names = "--source-user", paramLabel = "USER", description = "default: $MIGRATE_SOURCE_USER")
    String sourceUser = System.getenv("MIGRATE_SOURCE_USER");

    @Option(names = "--source-password", arity = "0", interactive = true,
            preprocessor = PasswordPrompt.class, description = "ask for the source's password (default: $MIGRATE_SOURCE_PASSWORD)")
    String sourcePassword = System.getenv("MIGRATE_SOURCE_PASSWORD");

    @Option(names = "--target-user", paramLabel = "USER", description = "default: $MIGRATE_TARGET_USER")
    String targetUser = System.getenv("MIGRATE_TARGET_USER");

    @Option(names = "--target-password", arity = "0", interactive = true,
            preprocessor = PasswordPrompt.class, description = "ask for the target's password (default: $MIGRATE_TARGET_PASSWORD)")
    String targetPassword = System.getenv("MIGRATE_TARGET_PASSWORD");

    @Option(names = "--name", paramLabel = "NAME", description = "the migration's name (default: scaffolded)")
    String name = "scaffolded";

    @Option(names = "--out", paramLabel = "FILE", description = "write the script here (default: print it)")
    Path out;

    @Option(names = "--debug", description = "show stack traces and debug logging")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        Main.debug(debug);
        Endpoint source = endpoint("--source", sourceUrl, sourceUser, sourcePassword);
        Endpoint target = endpoint("--target", targetUrl, targetUser, targetPassword);
        ScriptLocation here = new ScriptLocation("scaffold", 0);
        MigrationPlan plan = new MigrationPlan(name, "scaffold", source, target, ProjectConfig.load(null).settings(), List.of(), List.of(), List.of(),
                List.of(), List.of(), here);
        ScaffoldMigration.Scaffold scaffold = Migrate.scaffold(plan);
        if (out == null) {
            System.out.print(scaffold.script());
        } else {
            Files.writeString(out, scaffold.script());
            System.out.println("wrote " + out + " (" + scaffold.todo() + " TODO)");
        }
        return ExitCode.DONE;
    }

    /** An endpoint whose URL a supported database serves; a URL none serves is a usage error naming its option. */
    private static Endpoint endpoint(String option, String url, String user, String password) {
        Endpoint endpoint = new Endpoint(url, user, password, null, Map.of());
        if (!url.startsWith("jdbc:")) {
            throw new UsageError(option + " must be a JDBC URL starting with jdbc:, not '" + endpoint.safeUrl() + "'");
        }
        if (DialectRegistry.find(url).isEmpty()) {
            throw new UsageError(option + " " + endpoint.safeUrl() + ": " + DialectRegistry.unsupported(url));
        }
        return endpoint;
    }
}
