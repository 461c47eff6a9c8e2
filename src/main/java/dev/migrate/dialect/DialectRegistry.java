package dev.migrate.dialect;

import java.util.List;

import dev.migrate.dialect.h2.H2Dialect;
import dev.migrate.dialect.mysql.MySqlDialect;
import dev.migrate.dialect.oracle.OracleDialect;
import dev.migrate.dialect.postgresql.PostgresDialect;
import dev.migrate.dialect.sqlite.SqliteDialect;
import dev.migrate.dialect.sqlserver.SqlServerDialect;
import dev.migrate.plan.Credentials;

/** Finds the dialect for a JDBC URL. Adding a database means adding its package and one line here. */
public final class DialectRegistry {

    private static final List<Dialect> DIALECTS = List.of(
            new PostgresDialect(), new MySqlDialect(), new OracleDialect(), new SqlServerDialect(),
            new H2Dialect(), new SqliteDialect());

    private DialectRegistry() {
    }

    public static Dialect forUrl(String jdbcUrl) {
        return DIALECTS.stream().filter(d -> d.handles(jdbcUrl)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unsupported database: " + Credentials.masked(jdbcUrl)
                        + " (supported: PostgreSQL, MySQL, MariaDB, Oracle, SQL Server, H2, SQLite)"));
    }

    public static List<Dialect> all() {
        return DIALECTS;
    }
}
