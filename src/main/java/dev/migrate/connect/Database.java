package dev.migrate.connect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

import dev.migrate.dialect.Dialect;
import dev.migrate.dialect.DialectRegistry;
import dev.migrate.dialect.Role;
import dev.migrate.plan.Endpoint;
import dev.migrate.plan.Secrets;
import dev.migrate.schema.CatalogReader;
import dev.migrate.schema.SchemaSnapshot;

/** One side of a migration, connected: its dialect, a HikariCP pool, and the schema it works in. */
public final class Database implements AutoCloseable {

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

    /**
     * Opens a pool of {@code size} connections. A source pool is read-only. Fails fast, with the database's
     * own reason, when the database cannot be reached or refuses the credentials.
     */
    public static Database open(Endpoint endpoint, Role role, int size) {
        String side = role == Role.SOURCE ? "source" : "target";
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
        Properties properties = dialect.driverProperties(role);
        properties.putAll(endpoint.properties());
        config.setDataSourceProperties(properties);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(30_000);
        config.setInitializationFailTimeout(1);
        config.setReadOnly(role == Role.SOURCE);
        config.setConnectionInitSql(dialect.connectionInitSql(role));
        config.setAutoCommit(true);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException | IllegalArgumentException | IllegalStateException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ConnectionFailure("cannot connect to the " + side + " " + endpoint.safeUrl() + ": "
                    + endpoint.scrub(firstLine(cause.getMessage())), cause);
        }
        try (Connection c = pool.getConnection()) {
            String schema = endpoint.schema() != null ? endpoint.schema() : dialect.defaultSchema(c);
            return new Database(endpoint, dialect, pool, schema);
        } catch (SQLException e) {
            pool.close();
            throw new ConnectionFailure("cannot use the " + side + " " + endpoint.safeUrl() + ": " + endpoint.scrub(firstLine(e.getMessage())), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
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
    public void discard(Connection connection) {
        pool.evictConnection(connection);
    }

    @Override
    public void close() {
        pool.close();
    }
}
