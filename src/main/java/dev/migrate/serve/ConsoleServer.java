package dev.migrate.serve;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.migrate.connect.Database;
import dev.migrate.dialect.DialectRegistry;
import dev.migrate.dialect.Role;
import dev.migrate.engine.Engine;
import dev.migrate.plan.Configuration;
import dev.migrate.plan.Endpoint;
import dev.migrate.plan.Secrets;
import dev.migrate.plan.Settings;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.http.sse.SseClient;
import io.javalin.json.JavalinJackson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console (pages behind a login form) and its JSON API (Javalin). An API call needs the access token
 * ({@code Authorization: Bearer ...}) or a page session's cookie, with its CSRF token on every call that changes
 * something; a page needs the session. A wrong or missing token gets 401 and nothing else. Bad input gets 400
 * with a one-line reason naming the field, and nothing is half-saved; an unknown path 404; a fault 500 without its
 * stack trace.
 */
public final class ConsoleServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    /** The settings the console keeps, with their defaults: what a migration uses unless it sets its own. */
    /** The console's settings and their defaults; batchSize and parallelism default to the configuration's (migrate.conf, MIGRATE_*). */
    static final Map<String, Object> SETTINGS = Map.of("batchSize", Settings.DEFAULTS.batchSize(), "parallelism", Settings.DEFAULTS.parallelism(),
            "maxRuns", 2, "missedRuns", "once");
    private static final Map<String, String> PAGES = Map.of("/", "migrations", "/connections", "connections", "/schedules", "schedules",
            "/history", "history", "/settings", "settings");
    private static final String RESOURCES = "/dev/migrate/serve/console/";

    /** One route of the API or the pages, as registered: the OpenAPI description lists every API one. */
    public record Route(String method, String path) {
    }

    private final ConsoleHome home;
    private final ConnectionStore connections;
    private final ConsoleRuns runs;
    private final ConsoleSchedules schedules;
    private final ConsoleSessions sessions = new ConsoleSessions();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "migrate-console-events");
        t.setDaemon(true);
        return t;
    });
    private final List<Route> routes = new ArrayList<>();
    private final Javalin app;
    private final Function<Path, Configuration> configuration;

    /** A console whose runs start from the built-in settings. */
    public ConsoleServer(ConsoleHome home) throws Exception {
        this(home, script -> Configuration.DEFAULTS);
    }

    /**
     * @param configuration what a run starts from, for a saved script (its file) or a query (null): {@code bin/migrate serve}
     *                      reads migrate.conf next to the script, else in the working directory, and the MIGRATE_* variables
     */
    public ConsoleServer(ConsoleHome home, Function<Path, Configuration> configuration) throws Exception {
        this.home = home;
        this.configuration = configuration;
        this.connections = new ConnectionStore(home);
        this.runs = new ConsoleRuns(home, connections, new History(home), Integer.parseInt(setting("maxRuns")), configuration);
        this.schedules = new ConsoleSchedules(home, runs, !setting("missedRuns").equals("skip"));
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.defaultContentType = "application/json";
            config.jsonMapper(new JavalinJackson(JSON, false));
        });
        app.before(this::authenticate);
        app.before(ctx -> {
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("X-Frame-Options", "DENY");
            ctx.header("Referrer-Policy", "same-origin");
            ctx.header("Cache-Control", "no-store");
            ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
                    + " connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
        });
        pages();
        api();
        app.exception(ConnectionStore.BadInput.class, (e, ctx) -> ctx.status(400).json(Map.of("error", e.getMessage())));
        app.exception(ConnectionStore.NotFound.class, (e, ctx) -> ctx.status(404).json(Map.of("error", e.getMessage())));
        app.exception(ConsoleRuns.Conflict.class, (e, ctx) -> ctx.status(409).json(Map.of("error", e.getMessage())));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.warn("{} {}: {}", ctx.method(), ctx.path(), Secrets.scrub(Engine.oneLine(e)));
            ctx.status(500).json(Map.of("error", "the request failed on the server; its log says why"));
        });
        app.error(404, ctx -> {
            if (ctx.result() == null) {
                ctx.json(Map.of("error", "no such page or call: " + ctx.method() + " " + ctx.path()));
            }
        });
    }

    /** A setting as saved, or else its default: for batchSize and parallelism, the configuration's. */
    private String setting(String name) throws SQLException {
        return home.setting(name).orElseGet(() -> String.valueOf(defaultOf(name, configuration.apply(null).settings())));
    }

    /** The default of a console setting, batchSize and parallelism from {@code settings}. */
    static Object defaultOf(String name, Settings settings) {
        return switch (name) {
            case "batchSize" -> settings.batchSize();
            case "parallelism" -> settings.parallelism();
            default -> SETTINGS.get(name);
        };
    }

    private void route(HandlerType method, String path, Handler handler) {
        app.addHttpHandler(method, path, handler);
        routes.add(new Route(method.name(), path));
    }

    /** Every route the server answers, for the OpenAPI description to be checked against. */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    private void pages() {
        PAGES.forEach((path, page) -> route(HandlerType.GET, path, ctx -> page(ctx, page, session(ctx).orElseThrow().csrf(), "")));
        route(HandlerType.GET, "/login", ctx -> {
            // one form token per browser until it logs in: a second tab, or a request the browser makes on its own, keeps it
            String csrf = ctx.cookie(ConsoleSessions.LOGIN_COOKIE);
            if (csrf == null || !csrf.matches("[A-Za-z0-9_-]{43}")) {
                csrf = ConsoleSessions.random();
                cookie(ctx, ConsoleSessions.LOGIN_COOKIE, csrf, -1);
            }
            page(ctx, "login", csrf, "");
        });
        route(HandlerType.POST, "/login", ctx -> {
            String csrf = ctx.formParam("csrf");
            if (!ConsoleSessions.same(csrf, ctx.cookie(ConsoleSessions.LOGIN_COOKIE))) {
                String fresh = ConsoleSessions.random();
                cookie(ctx, ConsoleSessions.LOGIN_COOKIE, fresh, -1);
                ctx.status(403);
                page(ctx, "login", fresh, "The form had expired; log in again.");
                return;
            }
            if (!home.accepts(ctx.formParam("token"))) {
                // a guess costs time
                Thread.sleep(300);
                ctx.status(401);
                page(ctx, "login", csrf, "Wrong access token.");
                return;
            }
            ConsoleSessions.Session session = sessions.open();
            cookie(ctx, ConsoleSessions.LOGIN_COOKIE, "", 0);
            cookie(ctx, ConsoleSessions.COOKIE, session.id(), -1);
            ctx.redirect("/", HttpStatus.SEE_OTHER);
        });
        route(HandlerType.POST, "/logout", ctx -> {
            sessions.close(ctx.cookie(ConsoleSessions.COOKIE));
            cookie(ctx, ConsoleSessions.COOKIE, "", 0);
            ctx.redirect("/login", HttpStatus.SEE_OTHER);
        });
        route(HandlerType.GET, "/assets/{file}", ctx -> {
            String file = ctx.pathParam("file");
            String type = file.endsWith(".css") ? "text/css" : file.endsWith(".js") ? "text/javascript" : file.endsWith(".svg") ? "image/svg+xml" : null;
            InputStream in = type == null || !file.matches("[a-z0-9-]+\\.[a-z]+") ? null : getClass().getResourceAsStream(RESOURCES + file);
            if (in == null) {
                throw new ConnectionStore.NotFound("no such page or call: GET " + ctx.path());
            }
            try (in) {
                ctx.contentType(type + "; charset=utf-8").result(in.readAllBytes());
            }
        });
    }

    private void page(Context ctx, String page, String csrf, String message) throws IOException {
        String html;
        try (InputStream in = getClass().getResourceAsStream(RESOURCES + page + ".html")) {
            html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ctx.contentType("text/html; charset=utf-8").result(html.replace("{{csrf}}", csrf).replace("{{message}}", escape(message)));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    private static void cookie(Context ctx, String name, String value, int maxAge) {
        ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" + (maxAge >= 0 ? "; Max-Age=" + maxAge : ""));
    }

    private void api() {
        route(HandlerType.GET, "/api/openapi.json", ctx -> {
            try (InputStream in = getClass().getResourceAsStream("/dev/migrate/serve/openapi.json")) {
                ctx.contentType("application/json").result(in.readAllBytes());
            }
        });
        route(HandlerType.GET, "/api/connections", ctx -> ctx.json(connections.list()));
        route(HandlerType.GET, "/api/connections/{name}", ctx -> ctx.json(connections.shown(ctx.pathParam("name"))
                .orElseThrow(() -> new ConnectionStore.NotFound("no connection named " + ctx.pathParam("name")))));
        route(HandlerType.POST, "/api/connections", ctx -> {
            ConnectionStore.Given given = given(ctx, null);
            connections.save(given, false);
            ctx.status(201).json(connections.shown(given.name()).orElseThrow());
        });
        route(HandlerType.PUT, "/api/connections/{name}", ctx -> {
            ConnectionStore.Given given = given(ctx, ctx.pathParam("name"));
            connections.save(given, true);
            ctx.json(connections.shown(given.name()).orElseThrow());
        });
        route(HandlerType.DELETE, "/api/connections/{name}", ctx -> {
            if (!connections.delete(ctx.pathParam("name"))) {
                throw new ConnectionStore.NotFound("no connection named " + ctx.pathParam("name"));
            }
            ctx.status(204);
        });
        route(HandlerType.POST, "/api/connections/{name}/test", ctx -> ctx.json(test(connections.endpoint(ctx.pathParam("name"))
                .orElseThrow(() -> new ConnectionStore.NotFound("no connection named " + ctx.pathParam("name"))))));
        route(HandlerType.POST, "/api/migrate", ctx -> {
            MigrationRequest request = MigrationRequest.from(body(ctx), Set.of());
            String id = runs.start(request, trigger(ctx), who(ctx), null);
            ctx.status(202).json(Map.of("id", id));
        });
        route(HandlerType.GET, "/api/runs", ctx -> ctx.json(runs.active()));
        route(HandlerType.GET, "/api/runs/{id}", ctx -> ctx.json(runs.run(ctx.pathParam("id"))));
        route(HandlerType.POST, "/api/runs/{id}/cancel", ctx -> ctx.status(202).json(runs.cancel(ctx.pathParam("id"), who(ctx))));
        route(HandlerType.GET, "/api/runs/{id}/report", ctx -> {
            History.Run run = runs.run(ctx.pathParam("id"));
            Path report = run.report() == null ? null : Path.of(run.report());
            if (report == null || !Files.isRegularFile(report)) {
                throw new ConnectionStore.NotFound("run " + run.id() + " has no report" + (run.ended() ? "" : " yet: it has not ended"));
            }
            ctx.contentType("application/json").result(Files.readAllBytes(report));
        });
        route(HandlerType.GET, "/api/runs/{id}/rejects", ctx -> {
            History.Run run = runs.run(ctx.pathParam("id"));
            StringBuilder text = new StringBuilder();
            for (String file : run.rejects()) {
                Path path = Path.of(file);
                if (Files.isRegularFile(path)) {
                    text.append("== ").append(path.getFileName()).append('\n').append(Files.readString(path));
                }
            }
            if (text.isEmpty()) {
                throw new ConnectionStore.NotFound("run " + run.id() + " rejected no rows");
            }
            ctx.contentType("text/plain; charset=utf-8").result(text.toString());
        });
        app.sse("/api/runs/{id}/events", this::events);
        routes.add(new Route("GET", "/api/runs/{id}/events"));
        route(HandlerType.GET, "/api/status", ctx -> {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("maxRuns", runs.maxRuns());
            status.putAll(runs.load());
            ctx.json(status);
        });
        route(HandlerType.GET, "/api/history", ctx -> {
            String status = ctx.queryParam("status");
            if (status != null && !Set.of("done", "failed", "cancelled", "skipped").contains(status)) {
                throw new ConnectionStore.BadInput("status: done, failed, cancelled or skipped, not '" + status + "'");
            }
            String limit = ctx.queryParam("limit");
            if (limit != null && !limit.matches("[1-9][0-9]{0,4}")) {
                throw new ConnectionStore.BadInput("limit: a whole number from 1 to 99999, not '" + limit + "'");
            }
            ctx.json(runs.history().list(status, ctx.queryParam("q"), limit == null ? 500 : Integer.parseInt(limit)));
        });
        route(HandlerType.GET, "/api/schedule", ctx -> ctx.json(schedules.list()));
        route(HandlerType.POST, "/api/schedule", ctx -> {
            Map<String, Object> body = body(ctx);
            MigrationRequest request = MigrationRequest.from(body, ConsoleSchedules.FIELDS);
            ctx.status(201).json(schedules.add(request, MigrationRequest.text(body, "schedule_time", false),
                    MigrationRequest.text(body, "cron", false), who(ctx)));
        });
        route(HandlerType.DELETE, "/api/schedule/{id}", ctx -> {
            if (!schedules.delete(ctx.pathParam("id"))) {
                throw new ConnectionStore.NotFound("no schedule " + ctx.pathParam("id"));
            }
            ctx.status(204);
        });
        route(HandlerType.GET, "/api/settings", ctx -> ctx.json(settings()));
        route(HandlerType.POST, "/api/settings", ctx -> {
            Map<String, Object> body = body(ctx);
            Map<String, String> changed = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : body.entrySet()) {
                if (!SETTINGS.containsKey(e.getKey())) {
                    throw new ConnectionStore.BadInput(e.getKey() + ": no such setting; the settings are " + String.join(", ", new TreeSet<>(SETTINGS.keySet())));
                }
                if (e.getKey().equals("missedRuns")) {
                    if (!"once".equals(e.getValue()) && !"skip".equals(e.getValue())) {
                        throw new ConnectionStore.BadInput("missedRuns: once or skip, not " + e.getValue());
                    }
                    changed.put(e.getKey(), (String) e.getValue());
                } else {
                    changed.put(e.getKey(), String.valueOf(MigrationRequest.number(body, e.getKey())));
                }
            }
            for (Map.Entry<String, String> e : changed.entrySet()) {
                home.setting(e.getKey(), e.getValue());
            }
            ctx.json(settings());
        });
    }

    /** A run's progress as server-sent events: {@code progress} on each change, {@code end} with how it ended. */
    private void events(SseClient client) {
        String id = client.ctx().pathParam("id");
        try {
            runs.run(id);
        } catch (ConnectionStore.NotFound e) {
            client.sendEvent("error", Map.of("error", e.getMessage()));
            client.close();
            return;
        } catch (SQLException e) {
            client.close();
            return;
        }
        client.keepAlive();
        String[] last = {null};
        ScheduledFuture<?>[] tick = {null};
        tick[0] = ticks.scheduleWithFixedDelay(() -> {
            try {
                if (client.terminated()) {
                    tick[0].cancel(false);
                    return;
                }
                History.Run run = runs.run(id);
                String json = JSON.writeValueAsString(run);
                if (!json.equals(last[0])) {
                    last[0] = json;
                    client.sendEvent(run.ended() ? "end" : "progress", json);
                }
                if (run.ended()) {
                    tick[0].cancel(false);
                    client.close();
                }
            } catch (Exception e) {
                tick[0].cancel(false);
                client.close();
            }
        }, 0, 250, TimeUnit.MILLISECONDS);
        client.onClose(() -> {
            if (tick[0] != null) {
                tick[0].cancel(false);
            }
        });
    }

    /** Starts on {@code bind}:{@code port} (0: any free port); the port it listens on. */
    public int start(String bind, int port) {
        app.start(bind, port);
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        ticks.shutdownNow();
        schedules.close();
        runs.close();
    }

    private Optional<ConsoleSessions.Session> session(Context ctx) {
        return sessions.find(ctx.cookie(ConsoleSessions.COOKIE));
    }

    /**
     * The token, or a page session: with a session, a call that changes something needs its CSRF token too. Pages
     * without a session go to the login form; the login form and its assets need nothing.
     */
    private void authenticate(Context ctx) throws Exception {
        String path = ctx.path();
        if (path.equals("/login") || path.startsWith("/assets/")) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header != null) {
            String token = header.startsWith("Bearer ") ? header.substring(7).trim() : null;
            if (!home.accepts(token)) {
                throw new UnauthorizedResponse("authentication needed");
            }
            ctx.attribute("trigger", History.Trigger.API);
            return;
        }
        Optional<ConsoleSessions.Session> session = session(ctx);
        if (session.isEmpty()) {
            if (PAGES.containsKey(path) && ctx.method() == HandlerType.GET) {
                ctx.redirect("/login", HttpStatus.SEE_OTHER);
                ctx.skipRemainingHandlers();
                return;
            }
            throw new UnauthorizedResponse("authentication needed");
        }
        ctx.attribute("trigger", History.Trigger.CONSOLE);
        HandlerType method = ctx.method();
        if (method != HandlerType.GET && method != HandlerType.HEAD && method != HandlerType.OPTIONS) {
            String sent = ctx.header("X-CSRF-Token");
            if (sent == null) {
                sent = ctx.formParam("csrf");
            }
            if (!ConsoleSessions.same(sent, session.get().csrf())) {
                throw new ForbiddenResponse("the request's CSRF token is missing or wrong; reload the page");
            }
        }
    }

    private static History.Trigger trigger(Context ctx) {
        History.Trigger t = ctx.attribute("trigger");
        return t == null ? History.Trigger.API : t;
    }

    /** Who started it, as the history shows: the console or the API, from which address. */
    private static String who(Context ctx) {
        return trigger(ctx).label() + " from " + ctx.ip();
    }

    private Map<String, Object> settings() throws SQLException {
        Map<String, Object> all = new LinkedHashMap<>();
        for (String name : new TreeSet<>(SETTINGS.keySet())) {
            String value = setting(name);
            all.put(name, SETTINGS.get(name) instanceof Integer ? Integer.valueOf(value) : value);
        }
        return all;
    }

    private static Map<String, Object> body(Context ctx) {
        try {
            Object parsed = JSON.readValue(ctx.body(), Object.class);
            if (!(parsed instanceof Map<?, ?> map)) {
                throw new ConnectionStore.BadInput("body: a JSON object, not " + (parsed == null ? "null" : MigrationRequest.kind(parsed)));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> body = (Map<String, Object>) map;
            return body;
        } catch (JsonProcessingException e) {
            throw new ConnectionStore.BadInput("body: not JSON (" + e.getOriginalMessage() + ")");
        }
    }

    /** A connection from the request's JSON, each field checked; {@code name} from the path on an update. */
    private static ConnectionStore.Given given(Context ctx, String name) {
        Map<String, Object> body = body(ctx);
        for (String field : body.keySet()) {
            if (!Set.of("name", "url", "user", "password", "properties").contains(field)) {
                throw new ConnectionStore.BadInput(field + ": not a field of a connection (name, url, user, password, properties)");
            }
        }
        String named = name != null ? name : MigrationRequest.text(body, "name", true);
        if (!named.matches("[A-Za-z0-9_.-]{1,100}")) {
            throw new ConnectionStore.BadInput("name: letters, digits, '.', '_' and '-', up to 100 of them, not '" + named + "'");
        }
        String url = MigrationRequest.text(body, "url", true);
        if (!url.startsWith("jdbc:") || DialectRegistry.find(url).isEmpty()) {
            throw new ConnectionStore.BadInput("url: a JDBC URL of PostgreSQL, MySQL, MariaDB, Oracle, SQL Server, H2 or SQLite, not '"
                    + new Endpoint(url, null, null, null, Map.of()).safeUrl() + "'");
        }
        Object properties = body.get("properties");
        Map<String, String> props = new LinkedHashMap<>();
        if (properties != null) {
            if (!(properties instanceof Map<?, ?> map)) {
                throw new ConnectionStore.BadInput("properties: an object of names and texts");
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getValue() instanceof String v)) {
                    throw new ConnectionStore.BadInput("properties." + e.getKey() + ": a text");
                }
                props.put(String.valueOf(e.getKey()), v);
            }
        }
        return new ConnectionStore.Given(named, url, MigrationRequest.text(body, "user", false), MigrationRequest.text(body, "password", false),
                props);
    }

    /** Tries the connection: the database and its version, or why it cannot be reached, without the password. */
    private static Map<String, Object> test(Endpoint endpoint) {
        Map<String, Object> result = new LinkedHashMap<>();
        try (Database db = Database.open(endpoint, Role.SOURCE, 1); Connection c = db.connection()) {
            DatabaseMetaData meta = c.getMetaData();
            result.put("ok", true);
            result.put("database", meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion());
        } catch (Exception e) {
            result.put("ok", false);
            result.put("reason", endpoint.scrub(Secrets.scrub(Engine.oneLine(e))));
        }
        return result;
    }
}
