package dev.migrate.serve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrate.command.Migrate;
import dev.migrate.connect.Database;
import dev.migrate.dialect.Role;
import dev.migrate.dsl.MigrationScript;
import dev.migrate.dsl.ScriptContext;
import dev.migrate.dsl.ScriptLoader;
import dev.migrate.dsl.VersionScript;
import dev.migrate.engine.Cancellation;
import dev.migrate.engine.Engine;
import dev.migrate.engine.MigrationResult;
import dev.migrate.engine.ProgressListener;
import dev.migrate.engine.QueryTables;
import dev.migrate.engine.Start;
import dev.migrate.engine.TableResult;
import dev.migrate.plan.Configuration;
import dev.migrate.plan.Endpoint;
import dev.migrate.plan.MigrationPlan;
import dev.migrate.plan.ScriptError;
import dev.migrate.plan.Secrets;
import dev.migrate.plan.Settings;
import dev.migrate.report.JsonReport;

/**
 * The console's runs: a query filling a table (as a script's {@code query} does) or a saved script, moved by the
 * same engine with the same reports, at most {@code maxRuns} at once (the others wait their turn), each with its
 * progress while it runs, a switch that cancels it, and a row in the history when it ends.
 */
public final class ConsoleRuns implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleRuns.class);

    private final ConsoleHome home;
    private final ConnectionStore connections;
    private final History history;
    private final int maxRuns;
    private final ExecutorService runs;
    private final Map<String, History.Run> current = new ConcurrentHashMap<>();
    private final Map<String, Cancellation> switches = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private final Function<Path, Configuration> configuration;

    public ConsoleRuns(ConsoleHome home, ConnectionStore connections, History history, int maxRuns, Function<Path, Configuration> configuration) {
        this.home = home;
        this.configuration = configuration;
        this.connections = connections;
        this.history = history;
        this.maxRuns = maxRuns;
        this.runs = Executors.newFixedThreadPool(maxRuns, r -> {
            Thread t = new Thread(r, "migrate-console-run");
            t.setDaemon(true);
            return t;
        });
    }

    /** How many runs may go at once: the setting as it was when the server started. */
    public int maxRuns() {
        return maxRuns;
    }

    /** Runs moving rows now, and runs waiting for their turn. */
    public Map<String, Integer> load() {
        int busy = running.get();
        return Map.of("running", busy, "queued", (int) current.values().stream().filter(r -> r.status().equals("queued")).count());
    }

    /** Starts {@code request} (checked first: bad input throws before anything is queued); its run id. */
    public String start(MigrationRequest request, History.Trigger trigger, String who, String note) throws Exception {
        MigrationPlan plan = prepare(request);
        return queue(plan, request, trigger, who, note);
    }

    /**
     * A schedule's run: as {@link #start}, except that a request that no longer holds (a connection deleted since)
     * is not thrown back but recorded in the history as a failed run, since nobody is there to read a 400.
     */
    public String scheduled(MigrationRequest request, String scheduleId, String note) {
        try {
            return start(request, History.Trigger.SCHEDULE, "schedule " + scheduleId, note);
        } catch (Exception e) {
            String id = UUID.randomUUID().toString();
            History.Run failed = new History.Run(id, "failed", History.Trigger.SCHEDULE.label(), "schedule " + scheduleId, request.source(),
                    request.destination(), request.query(), request.script(), request.targetTable(), Map.of(), 0, 0, 0, Instant.now(), 0.0,
                    Secrets.scrub(e instanceof RuntimeException && e.getMessage() != null ? e.getMessage() : Engine.oneLine(e)), null,
                    List.of(), note);
            keep(failed);
            return id;
        }
    }

    /** A run that did not run (a missed schedule skipped), recorded with why. */
    public void skipped(MigrationRequest request, String scheduleId, String note) {
        keep(new History.Run(UUID.randomUUID().toString(), "skipped", History.Trigger.SCHEDULE.label(), "schedule " + scheduleId,
                request.source(), request.destination(), request.query(), request.script(), request.targetTable(), Map.of(), 0, 0, 0,
                Instant.now(), 0.0, null, null, List.of(), note));
    }

    /** The plan of {@code request}, or 400 naming the field that is wrong. */
    MigrationPlan prepare(MigrationRequest request) throws Exception {
        if (request.script() != null) {
            Path file = scriptFile(request.script());
            return new ScriptLoader().load(file, new ScriptContext(file.getFileName().toString(), null, configuration(request, file)));
        }
        Configuration configured = configuration(request, null);
        Endpoint from = connections.endpoint(request.source())
                .orElseThrow(() -> new ConnectionStore.BadInput("source: no connection named " + request.source()));
        Endpoint to = connections.endpoint(request.destination())
                .orElseThrow(() -> new ConnectionStore.BadInput("destination: no connection named " + request.destination()));
        if (request.query() == null || request.query().isBlank()) {
            throw new ConnectionStore.BadInput("query: empty");
        }
        String table = request.targetTable();
        if (table == null || !table.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            throw new ConnectionStore.BadInput("target_table: a table name (letters, digits and _), not '" + table + "'");
        }
        runsIn(from, request.query());
        Path script = Files.createTempFile(home.dir(), "query", ".groovy");
        // the query alone: every source table left out
        Files.writeString(script, "migration 'console', { exclude(~/.*/); query targetTable, querySql }\n");
        try {
            ScriptContext context = new ScriptContext(script.getFileName().toString(), null, configured);
            context.setFolderSource(from);
            context.setFolderTarget(to);
            MigrationScript loaded = new ScriptLoader().evaluate(script, VersionScript.class, context, Map.of("targetTable", table, "querySql",
                    request.query()));
            return loaded.getPlan();
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** 400 unless {@code query} runs in the source: it is described there, no row read. */
    private static void runsIn(Endpoint source, String query) {
        Connection c;
        Database db = null;
        try {
            db = Database.open(source, Role.SOURCE, 1);
            c = db.connection();
        } catch (Exception e) {
            if (db != null) {
                db.close();
            }
            throw new ConnectionStore.BadInput("source: cannot connect: " + Secrets.scrub(source.scrub(Engine.oneLine(e))));
        }
        try (Database open = db; Connection held = c; Statement s = held.createStatement()) {
            s.executeQuery(QueryTables.probe(query)).close();
        } catch (SQLException e) {
            throw new ConnectionStore.BadInput("query: does not run in the source: " + Secrets.scrub(source.scrub(Engine.oneLine(e))));
        }
    }

    /** A saved script under the home folder ({@code scripts/x.groovy}), which bin/migrate run would load the same way. */
    private Path scriptFile(String path) {
        Path scripts = scripts();
        Path file = scripts.resolve(path).normalize();
        if (path.isBlank() || !file.startsWith(scripts) || !Files.isRegularFile(file)) {
            throw new ConnectionStore.BadInput("script: a script under " + scripts + ", not '" + path + "'");
        }
        return file;
    }

    Path scripts() {
        return home.dir().resolve("scripts").toAbsolutePath().normalize();
    }

    /**
     * What a run starts from: the configuration for {@code script} (null for a query), over it the console's saved batch
     * size and parallelism, over those the request's own. A misspelt key of the configuration is the request's error.
     */
    private Configuration configuration(MigrationRequest request, Path script) throws SQLException {
        Configuration configured;
        try {
            configured = configuration.apply(script);
        } catch (ScriptError e) {
            throw new ConnectionStore.BadInput("configuration: " + e.getMessage());
        }
        Settings settings = configured.settings();
        return configured.withSettings(settings.toBuilder()
                .batchSize(request.batchSize() != null ? request.batchSize() : saved("batchSize", settings.batchSize()))
                .parallelism(request.parallelism() != null ? request.parallelism() : saved("parallelism", settings.parallelism())).build());
    }

    /** A whole-number setting as saved in the console, else {@code otherwise}. */
    private int saved(String name, int otherwise) throws SQLException {
        return home.setting(name).map(Integer::parseInt).orElse(otherwise);
    }

    private String queue(MigrationPlan plan, MigrationRequest request, History.Trigger trigger, String who, String note) {
        String id = UUID.randomUUID().toString();
        Map<String, Map<String, Long>> tables = new ConcurrentHashMap<>();
        Cancellation cancellation = new Cancellation();
        switches.put(id, cancellation);
        current.put(id, new History.Run(id, "queued", trigger.label(), who, request.source(), request.destination(), request.query(),
                request.script(), request.targetTable(), tables, 0, 0, 0, Instant.now(), null, null, null, List.of(), note));
        runs.submit(() -> {
            if (cancellation.cancelled()) {
                end(id, current.get(id).ended("cancelled", null, null, "cancelled before it started (" + cancellation.reason() + ")"));
                return;
            }
            running.incrementAndGet();
            current.computeIfPresent(id, (k, r) -> r.withStatus("running"));
            History.Run ended;
            try {
                Path results = home.dir().resolve("results");
                MigrationResult result = Migrate.run(plan, progress(tables), results, Start.FRESH, cancellation);
                Path report = new JsonReport().write(result, plan.settings(), results);
                String status = result.succeeded() ? "done" : cancellation.cancelled() ? "cancelled" : "failed";
                ended = current.get(id).ended(status, result, report.toString(), scrub(plan, History.firstError(result)));
            } catch (Throwable e) {
                ended = current.get(id).ended(cancellation.cancelled() ? "cancelled" : "failed", null, null, scrub(plan, Engine.oneLine(e)));
            } finally {
                running.decrementAndGet();
            }
            end(id, ended);
        });
        return id;
    }

    private static String scrub(MigrationPlan plan, String error) {
        return error == null ? null : Secrets.scrub(plan.target().scrub(plan.source().scrub(error)));
    }

    private static ProgressListener progress(Map<String, Map<String, Long>> tables) {
        return new ProgressListener() {
            @Override
            public void tableStarted(String name, long expectedRows, boolean estimated) {
                tables.put(name, new ConcurrentHashMap<>(Map.of("expected", expectedRows, "written", 0L)));
            }

            @Override
            public void rowsMoved(String name, long rows, long bytes) {
                tables.computeIfAbsent(name, k -> new ConcurrentHashMap<>(Map.of("expected", -1L, "written", 0L))).merge("written", rows, Long::sum);
            }

            @Override
            public void tableFinished(TableResult result) {
                tables.computeIfAbsent(result.source(), k -> new ConcurrentHashMap<>(Map.of("expected", -1L))).put("written", result.rowsWritten());
            }
        };
    }

    /** The run ended: recorded in the history, then shown from there. */
    private void end(String id, History.Run ended) {
        keep(ended);
        current.put(id, ended);
        switches.remove(id);
        // the history keeps every ended run; memory keeps the last ones, with their tables' progress
        List<History.Run> old = current.values().stream().filter(History.Run::ended).sorted(Comparator.comparing(History.Run::started))
                .toList();
        for (int i = 0; i < old.size() - KEPT; i++) {
            current.remove(old.get(i).id());
        }
    }

    private static final int KEPT = 100;

    private void keep(History.Run ended) {
        try {
            history.record(ended);
        } catch (SQLException e) {
            LOG.warn("run {} ended {} but the history could not record it: {}", ended.id(), ended.status(), Secrets.scrub(Engine.oneLine(e)));
        }
    }

    /**
     * Cancels a queued or running run: a queued one never starts; a running one starts no more tables, and its open
     * partitions roll back (those that committed stay, as the journal records them). 409 for a run that ended.
     */
    public History.Run cancel(String id, String who) throws SQLException {
        Cancellation cancellation = switches.get(id);
        History.Run run = run(id);
        if (cancellation == null || run.ended()) {
            throw new Conflict("run " + id + " has ended (" + run.status() + "); there is nothing to cancel");
        }
        cancellation.cancel("cancelled by " + who);
        return current.computeIfPresent(id, (k, r) -> r.ended() ? r : r.withStatus("cancelling"));
    }

    /** A run, running or ended. */
    public History.Run run(String id) throws SQLException {
        History.Run r = current.get(id);
        if (r != null) {
            return r;
        }
        return history.find(id).orElseThrow(() -> new ConnectionStore.NotFound("no run " + id));
    }

    /** The runs that have not ended, oldest first. */
    public List<History.Run> active() {
        return current.values().stream().filter(r -> !r.ended()).sorted(Comparator.comparing(History.Run::started)).toList();
    }

    public History history() {
        return history;
    }

    /** A request about a run in a state where it cannot be done: 409. */
    public static final class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message);
        }
    }

    /** Stops taking runs; those running are cancelled and given a few seconds to roll back. */
    @Override
    public void close() {
        runs.shutdown();
        switches.values().forEach(c -> c.cancel("the server is stopping"));
        try {
            if (!runs.awaitTermination(10, TimeUnit.SECONDS)) {
                runs.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runs.shutdownNow();
        }
    }
}
