package dev.migrate.connect;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrate.dialect.Dialect;
import dev.migrate.dialect.DialectRegistry;
import dev.migrate.plan.Endpoint;

/**
 * {@code createDatabase true}: the target's database, created on its server when the server lacks it, from the
 * server's maintenance database ({@code postgres} on PostgreSQL, none on MySQL/MariaDB). Never drops one.
 */
public final class TargetDatabase {

    private static final Logger LOG = LoggerFactory.getLogger(TargetDatabase.class);
    private static final int LOGIN_SECONDS = 10;

    private TargetDatabase() {
    }

    /** The database a server URL names, or null when it names none. */
    public static String name(Endpoint endpoint) {
        return ConnectionDiagnosis.server(endpoint.url()) == null ? null : ConnectionDiagnosis.database(endpoint.url());
    }

    /** Creates the endpoint's database when its server lacks it; returns whether it did. Embedded databases create themselves. */
    public static boolean createIfMissing(Endpoint endpoint) {
        Dialect dialect = DialectRegistry.forUrl(endpoint.url());
        Optional<String> maintenance = dialect.maintenanceUrl(endpoint.url());
        String name = name(endpoint);
        if (maintenance.isEmpty() || name == null) {
            return false;
        }
        String server = ConnectionDiagnosis.server(endpoint.url());
        Properties properties = new Properties();
        properties.putAll(endpoint.properties());
        if (endpoint.user() != null) {
            properties.setProperty("user", endpoint.user());
        }
        if (endpoint.password() != null) {
            properties.setProperty("password", endpoint.password());
        }
        DriverManager.setLoginTimeout(LOGIN_SECONDS);
        try (Connection c = DriverManager.getConnection(dialect.driverUrl(maintenance.get()), properties)) {
            if (exists(c, dialect, name)) {
                return false;
            }
            String create = dialect.createDatabase(name);
            try (Statement s = c.createStatement()) {
                s.execute(create);
            } catch (SQLException e) {
                if (exists(c, dialect, name)) {
                    return false;   // another run created it a moment ago
                }
                throw e;
            }
            LOG.info("created the target database {} on {} (createDatabase true)", name, server);
            return true;
        } catch (SQLException e) {
            throw new ConnectionFailure("cannot create the target database " + name + " on " + server + ": "
                    + endpoint.scrub(ConnectionDiagnosis.reason(e, endpoint, dialect, LOGIN_SECONDS * 1000L)), e);
        }
    }

    private static boolean exists(Connection c, Dialect dialect, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(dialect.databaseExistsQuery())) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }
}
