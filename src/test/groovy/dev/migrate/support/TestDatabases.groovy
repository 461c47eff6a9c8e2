package dev.migrate.support

import org.opentest4j.TestAbortedException
import org.testcontainers.DockerClientFactory
import org.testcontainers.containers.JdbcDatabaseContainer
import org.testcontainers.containers.MariaDBContainer
import org.testcontainers.containers.PostgreSQLContainer

import java.sql.DriverManager

/**
 * Finds the database servers integration tests run against, in this order: an environment variable
 * with a JDBC URL ({@code MIGRATE_IT_POSTGRES_URL}, {@code MIGRATE_IT_MYSQL_URL}, with optional
 * {@code _USER} and {@code _PASSWORD}); Testcontainers when a Docker engine is present; the local
 * service on its default port. When none is there the test is skipped with the reason, unless
 * {@code MIGRATE_IT_REQUIRE} names the database: then it fails.
 */
final class TestDatabases {

    private static final Map<String, Object> FOUND = [:]

    private TestDatabases() {
    }

    static TestServer postgres() {
        server('postgres', 'jdbc:postgresql://127.0.0.1:5432', 'postgres', '') {
            new PostgreSQLContainer<>('postgres:16-alpine')
        }
    }

    static TestServer mysql() {
        server('mysql', 'jdbc:mysql://127.0.0.1:3306', 'root', '') {
            new MariaDBContainer<>('mariadb:11')
        }
    }

    private static synchronized TestServer server(String kind, String localUrl, String localUser, String localPassword,
                                                  Closure<JdbcDatabaseContainer> container) {
        if (!FOUND.containsKey(kind)) {
            FOUND[kind] = find(kind, System.getenv(), localUrl, localUser, localPassword, container)
        }
        decide(kind, FOUND[kind], required(System.getenv()))
    }

    /** The server when one was found; otherwise a skip with the reason, or a failure when the database is required. */
    static TestServer decide(String kind, Object found, Set<String> required) {
        if (found instanceof TestServer) {
            return found
        }
        String reason = "no ${kind} server for integration tests: ${found}"
        if (required.contains(kind)) {
            throw new AssertionError("${reason} (MIGRATE_IT_REQUIRE names ${kind})".toString())
        }
        System.err.println("SKIPPED: ${reason}")
        throw new TestAbortedException(reason)
    }

    static Set<String> required(Map<String, String> env) {
        (env.MIGRATE_IT_REQUIRE ?: '').split(',')*.trim().findAll { it } as Set
    }

    /** A {@link TestServer}, or why there is none. */
    static Object find(String kind, Map<String, String> env, String localUrl, String localUser, String localPassword,
                       Closure<JdbcDatabaseContainer> container) {
        String prefix = "MIGRATE_IT_${kind.toUpperCase()}"
        String envUrl = env["${prefix}_URL".toString()]
        if (envUrl) {
            // the URL of any database on the server; tests make their own databases beside it
            String base = envUrl.replaceFirst('(jdbc:[a-z]+://[^/]+).*', '$1')
            return reachable(kind, base, env["${prefix}_USER".toString()] ?: localUser, env["${prefix}_PASSWORD".toString()] ?: '', "${prefix}_URL")
        }
        if (dockerAvailable()) {
            JdbcDatabaseContainer c = container()
            if (kind == 'mysql') {
                c.withUsername('root')
            }
            c.start()
            String base = c.jdbcUrl.replaceFirst('(jdbc:[a-z]+://[^/]+).*', '$1').replace('jdbc:mariadb:', 'jdbc:mysql:')
            return new TestServer(kind, base, c.username, c.password, 'Testcontainers')
        }
        reachable(kind, localUrl, localUser, localPassword, 'local service')
    }

    private static Object reachable(String kind, String base, String user, String password, String origin) {
        String probe = kind == 'postgres' ? "${base}/postgres" : "${base}/?allowPublicKeyRetrieval=true&useSSL=false"
        try {
            DriverManager.getConnection(probe, user, password).close()
            return new TestServer(kind, base, user, password, origin)
        } catch (Exception e) {
            return "${origin} ${base} is not reachable (${e.message?.readLines()?.first()})".toString()
        }
    }

    private static boolean dockerAvailable() {
        try {
            DockerClientFactory.instance().isDockerAvailable()
        } catch (Throwable ignored) {
            false
        }
    }
}
