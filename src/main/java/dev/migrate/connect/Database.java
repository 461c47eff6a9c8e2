package dev.migrate.connect;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

import dev.migrate.dialect.Connections;
import dev.migrate.dialect.Dialect;
import dev.migrate.dialect.DialectRegistry;
import dev.migrate.dialect.Role;
import dev.migrate.plan.Endpoint;
import dev.migrate.plan.Secrets;
import dev.migrate.schema.CatalogReader;
import dev.migrate.schema.SchemaSnapshot;

/** One side of a migration, connected: its dialect, a HikariCP pool, and the schema it works in. */
public final class Database implements AutoCloseable, Connections {

    private final Endpoint endpoint;
    private final Dialect dialect;
    private final HikariDataSource pool;
    private final String schema;

    private Database(Endpoint endpoint, Dialect dialect, HikariDataSource pool, String schema) {
        this.endpoint = endpoint;
        this.dialect = dialect;
        this.pool = pool;
        this.schema = schema;
    }

    /** How long the tool waits for a database's first answer: some drivers would wait for a silent server for minutes. */
    static final Duration CONNECT_WAIT = Duration.ofSeconds(10);

    /**
     * Opens a pool of {@code size} connections. A source pool is read-only. Fails within {@link #CONNECT_WAIT}, with
     * what happened in plain words, when the database cannot be reached or refuses the credentials.
     */
    public static Database open(Endpoint endpoint, Role role, int size) {
        return open(endpoint, role, size, role == Role.SOURCE ? "source" : "target");
    }

    /** @param side what the database is to the command, for messages and the pool's name ({@code source}, {@code database}) */
    public static Database open(Endpoint endpoint, Role role, int size, String side) {
        Secrets.remember(endpoint);
        Dialect dialect = DialectRegistry.forUrl(endpoint.url());
        HikariConfig config = new HikariConfig();
        config.setPoolName("migrate-" + side);
        config.setJdbcUrl(dialect.driverUrl(endpoint.url()));
        if (endpoint.user() != null) {
            config.setUsername(endpoint.user());
        }
        if (endpoint.password() != null) {
            config.setPassword(endpoint.password());
        }
        Properties properties = withoutSettingsOf(endpoint.url(), dialect.driverProperties(role));
        properties.putAll(endpoint.properties());
        config.setDataSourceProperties(properties);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(30_000);
        config.setInitializationFailTimeout(1);
        config.setReadOnly(role == Role.SOURCE);
        config.setConnectionInitSql(dialect.connectionInitSql(role));
        config.setAutoCommit(true);
        String failed = "cannot connect to the " + side + " " + endpoint.safeUrl() + ": ";
        long started = System.nanoTime();
        HikariDataSource pool;
        try {
            pool = startWithin(config, CONNECT_WAIT, "migrate-connect-" + side);
        } catch (TimeoutException e) {
            throw new ConnectionFailure(failed + ConnectionDiagnosis.noAnswer(ConnectionDiagnosis.server(endpoint.url()),
                    CONNECT_WAIT.toMillis()), null);
        } catch (HikariPool.PoolInitializationException | IllegalArgumentException | IllegalStateException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            long waited = (System.nanoTime() - started) / 1_000_000;
            String advice = role == Role.TARGET && ConnectionDiagnosis.missingDatabase(cause, dialect)
                    ? ConnectionDiagnosis.missingTargetAdvice(endpoint, dialect) : "";
            throw new ConnectionFailure(failed + endpoint.scrub(ConnectionDiagnosis.reason(cause, endpoint, dialect, waited)) + advice, cause);
        }
        try (Connection c = pool.getConnection()) {
            String schema = endpoint.schema() != null ? endpoint.schema() : dialect.defaultSchema(c);
            return new Database(endpoint, dialect, pool, schema);
        } catch (SQLException e) {
            pool.close();
            throw new ConnectionFailure("cannot use the " + side + " " + endpoint.safeUrl() + ": "
                    + endpoint.scrub(ConnectionDiagnosis.reason(e, endpoint, dialect, 0)), e);
        }
    }

    /** The dialect's driver settings less those the URL sets itself: the URL wins, and some drivers refuse a setting given twice. */
    private static Properties withoutSettingsOf(String url, Properties defaults) {
        String lower = url.toLowerCase(Locale.ROOT);
        defaults.stringPropertyNames().stream()
                .filter(key -> Pattern.compile("[;?&]" + Pattern.quote(key.toLowerCase(Locale.ROOT)) + "=").matcher(lower).find())
                .forEach(defaults::remove);
        return defaults;
    }

    /**
     * Starts the pool, which makes its first connection, on a thread of its own, and waits for it at most
     * {@code wait}. A pool that starts after that is closed at once.
     */
    private static HikariDataSource startWithin(HikariConfig config, Duration wait, String threadName) throws TimeoutException {
        CompletableFuture<HikariDataSource> starting = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                starting.complete(new HikariDataSource(config));
            } catch (Throwable t) {
                starting.completeExceptionally(t);
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        try {
            return starting.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            starting.thenAccept(HikariDataSource::close);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            starting.thenAccept(HikariDataSource::close);
            throw new IllegalStateException("interrupted while connecting", e);
        }
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public Dialect dialect() {
        return dialect;
    }

    public DataSource dataSource() {
        return pool;
    }

    /** The schema (or database) whose tables this run reads or writes; null where the database has none. */
    public String schema() {
        return schema;
    }

    @Override
    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** The tables of this run's schema, read with SchemaCrawler and completed by the dialect. */
    public SchemaSnapshot readSchema() throws SQLException {
        SchemaSnapshot snapshot = new CatalogReader().read(pool, schema);
        try (Connection c = pool.getConnection()) {
            return dialect.enrich(c, snapshot);
        }
    }

    /** Closes a connection for good instead of returning it to the pool: its session state is unknown. */
    @Override
    public void discard(Connection connection) {
        pool.evictConnection(connection);
    }

    @Override
    public void close() {
        pool.close();
    }
}
