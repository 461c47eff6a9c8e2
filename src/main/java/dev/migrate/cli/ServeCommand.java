package dev.migrate.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.migrate.serve.ConsoleHome;
import dev.migrate.serve.ConsoleServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code migrate serve}: the console's API over its home folder, until stopped. */
@Command(name = "serve", description = "The web console and its HTTP API: saved connections (passwords sealed at rest), migrations run now"
        + " or on a schedule, their history, settings. Every page and call needs the access token.", mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class)
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", description = "default: 8080")
    int port = 8080;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "default: 127.0.0.1 (this machine only)")
    String bind = "127.0.0.1";

    @Option(names = "--home", paramLabel = "DIR", description = "the console's state (default: ~/.migrate)")
    Path home = Path.of(System.getProperty("user.home"), ".migrate");

    @Option(names = "--debug", description = "show stack traces and debug logging")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        Main.debug(debug);
        ConsoleHome state = ConsoleHome.open(home);
        Optional<String> token = state.token(System.getenv("MIGRATE_CONSOLE_TOKEN"));
        // a run started in the console starts from the same configuration as bin/migrate run: migrate.conf, MIGRATE_*
        ConsoleServer server = new ConsoleServer(state, ProjectConfig::load);
        int listening = server.start(bind, port);
        String where = "http://" + (bind.contains(":") ? "[" + bind + "]" : bind) + ":" + listening;
        System.out.println("migrate serve: " + where + "/ (the console; the API under " + where + "/api, described at /api/openapi.json;"
                + " home " + home.toAbsolutePath() + ")");
        token.ifPresent(t -> System.out.println("access token (shown this once; only its hash is kept): " + t));
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "migrate-serve-stop"));
        stopped.await();
        return ExitCode.DONE;
    }
}
