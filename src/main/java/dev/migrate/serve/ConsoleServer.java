package dev.migrate.serve;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrate.connect.Database;
import dev.migrate.dialect.DialectRegistry;
import dev.migrate.dialect.Role;
import dev.migrate.engine.Engine;
import dev.migrate.plan.Endpoint;
import dev.migrate.plan.Secrets;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's HTTP API (Javalin): every call needs the access token ({@code Authorization: Bearer ...}); a wrong
 * or missing one gets 401 and nothing else. Saved connections and settings; bad input gets 400 with a one-line
 * reason naming the field, and nothing is half-saved; an unknown path 404; a fault 500 without its stack trace.
 */
public final class ConsoleServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The settings the console keeps, with their defaults: what a migration uses unless it sets its own. */
    static final Map<String, Integer> SETTINGS = Map.of("batchSize", 10_000, "parallelism", 4, "maxRuns", 2);

    private final ConsoleHome home;
    private final ConnectionStore connections;
    private final ConsoleRuns runs;
    private final Javalin app;

    public ConsoleServer(ConsoleHome home) throws java.sql.SQLException {
        this.home = home;
        this.connections = new ConnectionStore(home);
        this.runs = new ConsoleRuns(home, connections, Integer.parseInt(home.setting("maxRuns").orElse(String.valueOf(SETTINGS.get("maxRuns")))));
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.defaultContentType = "application/json";
        });
        app.before(this::authenticate);
        app.get("/api/connections", ctx -> ctx.json(connections.list()));
        app.get("/api/connections/{name}", ctx -> ctx.json(connections.shown(ctx.pathParam("name"))
                .orElseThrow(() -> new ConnectionStore.NotFound("no connection named " + ctx.pathParam("name")))));
        app.post("/api/connections", ctx -> {
            ConnectionStore.Given given = given(ctx, null);
            connections.save(given, false);
            ctx.status(201).json(connections.shown(given.name()).orElseThrow());
        });
        app.put("/api/connections/{name}", ctx -> {
            ConnectionStore.Given given = given(ctx, ctx.pathParam("name"));
            connections.save(given, true);
            ctx.json(connections.shown(given.name()).orElseThrow());
        });
        app.delete("/api/connections/{name}", ctx -> {
            if (!connections.delete(ctx.pathParam("name"))) {
                throw new ConnectionStore.NotFound("no connection named " + ctx.pathParam("name"));
            }
            ctx.status(204);
        });
        app.post("/api/connections/{name}/test", ctx -> ctx.json(test(connections.endpoint(ctx.pathParam("name"))
                .orElseThrow(() -> new ConnectionStore.NotFound("no connection named " + ctx.pathParam("name"))))));
        app.post("/api/migrate", ctx -> {
            Map<String, Object> body = body(ctx);
            String id;
            if (body.containsKey("script")) {
                id = runs.script(text(body, "script", true), "api");
            } else {
                for (String field : new String[] {"source", "destination", "query", "target_table"}) {
                    text(body, field, true);
                }
                id = runs.query(text(body, "source", true), text(body, "destination", true), text(body, "query", true),
                        text(body, "target_table", true), "api");
            }
            ctx.status(202).json(Map.of("id", id));
        });
        app.get("/api/runs/{id}", ctx -> ctx.json(runs.run(ctx.pathParam("id"))));
        app.get("/api/history", ctx -> ctx.json(runs.history()));
        app.get("/api/settings", ctx -> ctx.json(settings()));
        app.post("/api/settings", ctx -> {
            Map<String, Object> body = body(ctx);
            Map<String, Integer> changed = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : body.entrySet()) {
                if (!SETTINGS.containsKey(e.getKey())) {
                    throw new ConnectionStore.BadInput(e.getKey() + ": no such setting; the settings are " + String.join(", ", SETTINGS.keySet()));
                }
                if (!(e.getValue() instanceof Integer n) || n < 1) {
                    throw new ConnectionStore.BadInput(e.getKey() + ": a whole number of 1 or more, not " + e.getValue());
                }
                changed.put(e.getKey(), n);
            }
            for (Map.Entry<String, Integer> e : changed.entrySet()) {
                home.setting(e.getKey(), String.valueOf(e.getValue()));
            }
            ctx.json(settings());
        });
        app.exception(ConnectionStore.BadInput.class, (e, ctx) -> ctx.status(400).json(Map.of("error", e.getMessage())));
        app.exception(ConnectionStore.NotFound.class, (e, ctx) -> ctx.status(404).json(Map.of("error", e.getMessage())));
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

    /** Starts on {@code bind}:{@code port} (0: any free port); the port it listens on. */
    public int start(String bind, int port) {
        app.start(bind, port);
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        runs.close();
    }

    private void authenticate(Context ctx) throws Exception {
        String header = ctx.header("Authorization");
        String token = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : null;
        if (!home.accepts(token)) {
            throw new UnauthorizedResponse("authentication needed");
        }
    }

    private Map<String, Integer> settings() throws java.sql.SQLException {
        Map<String, Integer> all = new LinkedHashMap<>();
        for (String name : new java.util.TreeSet<>(SETTINGS.keySet())) {
            all.put(name, Integer.valueOf(home.setting(name).orElse(String.valueOf(SETTINGS.get(name)))));
        }
        return all;
    }

    private static Map<String, Object> body(Context ctx) {
        try {
            Object parsed = JSON.readValue(ctx.body(), Object.class);
            if (!(parsed instanceof Map<?, ?> map)) {
                throw new ConnectionStore.BadInput("body: a JSON object, not " + (parsed == null ? "null" : parsed.getClass().getSimpleName()));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> body = (Map<String, Object>) map;
            return body;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConnectionStore.BadInput("body: not JSON (" + e.getOriginalMessage() + ")");
        }
    }

    /** A connection from the request's JSON, each field checked; {@code name} from the path on an update. */
    private static ConnectionStore.Given given(Context ctx, String name) {
        Map<String, Object> body = body(ctx);
        String named = name != null ? name : text(body, "name", true);
        if (!named.matches("[A-Za-z0-9_.-]{1,100}")) {
            throw new ConnectionStore.BadInput("name: letters, digits, '.', '_' and '-', up to 100 of them, not '" + named + "'");
        }
        String url = text(body, "url", true);
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
        for (String field : body.keySet()) {
            if (!java.util.Set.of("name", "url", "user", "password", "properties").contains(field)) {
                throw new ConnectionStore.BadInput(field + ": not a field of a connection (name, url, user, password, properties)");
            }
        }
        return new ConnectionStore.Given(named, url, text(body, "user", false), text(body, "password", false), props);
    }

    private static String text(Map<String, Object> body, String field, boolean required) {
        Object value = body.get(field);
        if (value == null) {
            if (required) {
                throw new ConnectionStore.BadInput(field + ": missing");
            }
            return null;
        }
        if (!(value instanceof String s)) {
            throw new ConnectionStore.BadInput(field + ": a text, not " + value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
        }
        if (required && s.isBlank()) {
            throw new ConnectionStore.BadInput(field + ": empty");
        }
        return s;
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
            result.put("reason", Secrets.scrub(Engine.oneLine(e)));
        }
        return result;
    }
}
