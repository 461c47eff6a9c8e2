package dev.migrate.dialect;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.migrate.dialect.h2.H2Dialect;
import dev.migrate.dialect.mysql.MySqlDialect;
import dev.migrate.dialect.oracle.OracleDialect;
import dev.migrate.dialect.postgresql.PostgresDialect;
import dev.migrate.dialect.sqlite.SqliteDialect;
import dev.migrate.dialect.sqlserver.SqlServerDialect;
import dev.migrate.plan.Suggestions;

/** Finds the dialect for a JDBC URL. Adding a database means adding its package and one line here. */
public final class DialectRegistry {

    private static final List<Dialect> DIALECTS = List.of(
            new PostgresDialect(), new MySqlDialect(), new OracleDialect(), new SqlServerDialect(),
            new H2Dialect(), new SqliteDialect());

    private static final Pattern SUBPROTOCOL = Pattern.compile("^jdbc:([^:/;?]*)", Pattern.CASE_INSENSITIVE);

    private DialectRegistry() {
    }

    public static Optional<Dialect> find(String jdbcUrl) {
        return DIALECTS.stream().filter(d -> d.handles(jdbcUrl)).findFirst();
    }

    public static Dialect forUrl(String jdbcUrl) {
        return find(jdbcUrl).orElseThrow(() -> new IllegalArgumentException(unsupported(jdbcUrl)));
    }

    /**
     * Why no dialect serves a URL, with the nearest supported prefix: {@code no supported database uses jdbc:postgres:
     * (did you mean jdbc:postgresql:?) — supported: jdbc:postgresql:, ...}.
     */
    public static String unsupported(String jdbcUrl) {
        List<String> prefixes = DIALECTS.stream().flatMap(d -> d.urlPrefixes().stream()).toList();
        Matcher m = SUBPROTOCOL.matcher(jdbcUrl);
        String subprotocol = m.find() ? m.group(1).toLowerCase(Locale.ROOT) : jdbcUrl;
        List<String> known = prefixes.stream().map(p -> p.substring("jdbc:".length(), p.length() - 1)).toList();
        String hint = nearest(subprotocol, known).map(k -> " (did you mean jdbc:" + k + ":?)").orElse("");
        return "no supported database uses jdbc:" + subprotocol + ":" + hint + " — supported: " + String.join(", ", prefixes);
    }

    /**
     * The supported name a misspelt one was meant to be: a name cut short or run on ({@code postgres}), or one a
     * letter or two away from a long name. Names are short, so {@code db2} is not taken for {@code h2}.
     */
    private static Optional<String> nearest(String subprotocol, List<String> known) {
        Optional<String> cut = known.stream()
                .filter(k -> subprotocol.length() >= 3 && (k.startsWith(subprotocol) || subprotocol.startsWith(k))).findFirst();
        return cut.or(() -> Suggestions.closest(subprotocol, known)
                .filter(k -> Suggestions.distance(subprotocol, k) <= Math.max(1, subprotocol.length() / 4)));
    }

    public static List<Dialect> all() {
        return DIALECTS;
    }
}
