package dev.migrate.serve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.migrate.command.Migrate;
import dev.migrate.dsl.MigrationScript;
import dev.migrate.dsl.ScriptContext;
import dev.migrate.dsl.ScriptLoader;
import dev.migrate.dsl.VersionScript;
import dev.migrate.engine.Engine;
import dev.migrate.engine.MigrationResult;
import dev.migrate.engine.ProgressListener;
import dev.migrate.engine.TableResult;
import dev.migrate.plan.Endpoint;
import dev.migrate.plan.MigrationPlan;
import dev.migrate.plan.Secrets;
import dev.migrate.plan.Settings;

/**
 * The console's runs: a query filling a table (as a script's {@code query} does) or a saved script, moved by the
 * same engine with the same reports, at most {@code maxRuns} at once (the others wait their turn), each with its
 * progress while it runs and a row in the history when it ends.
 */
public final class ConsoleRuns implements AutoCloseable {

    /** One run as the API shows it. */
    public record Run(String id, String status, String startedBy, String source, String destination, String query, String script,
                      String targetTable, Map<String, Map<String, Long>> tables, long rowsRead, long rowsWritten, long rejected,
                      Instant started, Double seconds, String error, String report) {
    }

    private final ConsoleHome home;
    private final ConnectionStore connections;
    private final ExecutorService runs;
    private final Map<String, Run> current = new ConcurrentHashMap<>();

    public ConsoleRuns(ConsoleHome home, ConnectionStore connections, int maxRuns) throws SQLException {
        this.home = home;
        this.connections = connections;
        this.runs = Executors.newFixedThreadPool(maxRuns, r -> {
            Thread t = new Thread(r, "migrate-console-run");
            t.setDaemon(true);
            return t;
        });
        try (Connection c = home.connection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS history (id VARCHAR(40) PRIMARY KEY, status VARCHAR(20) NOT NULL, started_by VARCHAR(100),"
                    + " source VARCHAR(100), destination VARCHAR(100), query_text CLOB, script VARCHAR(2000), target_table VARCHAR(200),"
                    + " rows_read BIGINT, rows_written BIGINT, rejected BIGINT, started TIMESTAMP WITH TIME ZONE, seconds DOUBLE PRECISION,"
                    + " error VARCHAR(4000), report VARCHAR(2000))");
        }
    }

    /** A query of the connection {@code source} filling {@code table} of {@code destination}; its run id. */
    public String query(String source, String destination, String query, String table, String user) throws Exception {
        Endpoint from = connections.endpoint(source).orElseThrow(() -> new ConnectionStore.BadInput("source: no connection named " + source));
        Endpoint to = connections.endpoint(destination).orElseThrow(() -> new ConnectionStore.BadInput("destination: no connection named " + destination));
        if (query == null || query.isBlank()) {
            throw new ConnectionStore.BadInput("query: empty");
        }
        if (table == null || !table.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            throw new ConnectionStore.BadInput("target_table: a table name (letters, digits and _), not '" + table + "'");
        }
        Path script = Files.createTempFile(home.dir(), "query", ".groovy");
        // the query alone: every source table left out
        Files.writeString(script, "migration 'console', { exclude(~/.*/); query targetTable, querySql }\n");
        MigrationPlan plan;
        try {
            ScriptContext context = new ScriptContext(script.getFileName().toString(), null, settings());
            context.setFolderSource(from);
            context.setFolderTarget(to);
            MigrationScript loaded = new ScriptLoader().evaluate(script, VersionScript.class, context, Map.of("targetTable", table, "querySql", query));
            plan = loaded.getPlan();
        } finally {
            Files.deleteIfExists(script);
        }
        return start(plan, user, source, destination, query, null, table);
    }

    /** A saved script under the home folder ({@code scripts/x.groovy}), run as bin/migrate run runs it; its run id. */
    public String script(String path, String user) throws Exception {
        Path scripts = home.dir().resolve("scripts").toAbsolutePath().normalize();
        Path file = scripts.resolve(path == null ? "" : path).normalize();
        if (path == null || path.isBlank() || !file.startsWith(scripts) || !Files.isRegularFile(file)) {
            throw new ConnectionStore.BadInput("script: a script under " + scripts + ", not '" + path + "'");
        }
        MigrationPlan plan = new ScriptLoader().load(file, settings());
        return start(plan, user, null, null, null, scripts.relativize(file).toString(), null);
    }

    private Settings settings() throws SQLException {
        Settings s = Settings.DEFAULTS;
        return s.withBatchSize(Integer.parseInt(home.setting("batchSize").orElse("10000")))
                .withParallelism(Integer.parseInt(home.setting("parallelism").orElse("4")));
    }

    private String start(MigrationPlan plan, String user, String source, String destination, String query, String script, String table) {
        String id = UUID.randomUUID().toString();
        Map<String, Map<String, Long>> tables = new ConcurrentHashMap<>();
        Instant started = Instant.now();
        current.put(id, new Run(id, "queued", user, source, destination, query, script, table, tables, 0, 0, 0, started, null, null, null));
        runs.submit(() -> {
            current.computeIfPresent(id, (k, r) -> with(r, "running", null, null, null));
            ProgressListener progress = new ProgressListener() {
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
                    tables.computeIfAbsent(result.source(), k -> new ConcurrentHashMap<>()).put("written", result.rowsWritten());
                }
            };
            Run ended;
            try {
                Path results = home.dir().resolve("results");
                MigrationResult result = Migrate.run(plan, progress, results);
                Path report = new dev.migrate.report.JsonReport().write(result, plan.settings(), results);
                ended = with(current.get(id), result.succeeded() ? "done" : "failed", result, report == null ? null : report.toString(),
                        result.error() == null ? null : Secrets.scrub(result.error()));
            } catch (Throwable e) {
                ended = with(current.get(id), "failed", null, null, Secrets.scrub(Engine.oneLine(e)));
            }
            record(ended);
            current.put(id, ended);
        });
        return id;
    }

    private static Run with(Run r, String status, MigrationResult result, String report, String error) {
        long read = result == null ? r.rowsRead() : result.tables().stream().mapToLong(TableResult::rowsRead).sum();
        long written = result == null ? r.rowsWritten() : result.tables().stream().mapToLong(TableResult::rowsWritten).sum();
        long rejected = result == null ? r.rejected() : result.tables().stream().mapToLong(TableResult::rejected).sum();
        Double seconds = status.equals("running") || status.equals("queued") ? null
                : (Instant.now().toEpochMilli() - r.started().toEpochMilli()) / 1000.0;
        return new Run(r.id(), status, r.startedBy(), r.source(), r.destination(), r.query(), r.script(), r.targetTable(), r.tables(), read,
                written, rejected, r.started(), seconds, error, report);
    }

    private void record(Run r) {
        try (Connection c = home.connection(); PreparedStatement p = c.prepareStatement("INSERT INTO history (id, status, started_by, source,"
                + " destination, query_text, script, target_table, rows_read, rows_written, rejected, started, seconds, error, report)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, r.id());
            p.setString(2, r.status());
            p.setString(3, r.startedBy());
            p.setString(4, r.source());
            p.setString(5, r.destination());
            p.setString(6, r.query());
            p.setString(7, r.script());
            p.setString(8, r.targetTable());
            p.setLong(9, r.rowsRead());
            p.setLong(10, r.rowsWritten());
            p.setLong(11, r.rejected());
            p.setTimestamp(12, Timestamp.from(r.started()));
            p.setObject(13, r.seconds());
            p.setString(14, r.error());
            p.setString(15, r.report());
            p.executeUpdate();
        } catch (SQLException e) {
            org.slf4j.LoggerFactory.getLogger(ConsoleRuns.class).warn("run {} ended {} but the history could not record it: {}", r.id(), r.status(),
                    Secrets.scrub(Engine.oneLine(e)));
        }
    }

    /** A run, running or ended. */
    public Run run(String id) throws SQLException {
        Run r = current.get(id);
        if (r != null) {
            return r;
        }
        return history().stream().filter(h -> h.id().equals(id)).findFirst()
                .orElseThrow(() -> new ConnectionStore.NotFound("no run " + id));
    }

    /** Every ended run, newest first. */
    public List<Run> history() throws SQLException {
        List<Run> all = new ArrayList<>();
        try (Connection c = home.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT id, status, started_by, source, destination, query_text, script, target_table, rows_read, rows_written, rejected,"
                        + " started, seconds, error, report FROM history ORDER BY started DESC")) {
            while (rs.next()) {
                double seconds = rs.getDouble(13);
                all.add(new Run(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8), new LinkedHashMap<>(), rs.getLong(9), rs.getLong(10), rs.getLong(11),
                        rs.getTimestamp(12).toInstant(), rs.wasNull() ? null : seconds, rs.getString(14), rs.getString(15)));
            }
        }
        return all;
    }

    @Override
    public void close() {
        runs.shutdownNow();
    }

}
