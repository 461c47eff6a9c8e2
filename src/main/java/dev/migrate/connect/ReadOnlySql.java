package dev.migrate.connect;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells reads from writes in SQL a hook sends to the source. Every statement must begin with a read
 * (SELECT, WITH, SHOW, EXPLAIN, DESCRIBE, VALUES, TABLE, PRAGMA), and a query must not hold a write
 * (a data-modifying WITH, SELECT ... INTO, EXPLAIN ANALYZE DELETE, FOR UPDATE). When in doubt it refuses:
 * literals and comments are skipped, but not MySQL's executable {@code /*! ... *}{@code /} comments.
 */
final class ReadOnlySql {

    private static final Set<String> READS = Set.of("select", "with", "show", "explain", "describe", "desc", "values", "table", "pragma");
    /** The reads that may hold another statement. */
    private static final Set<String> QUERIES = Set.of("select", "with", "values", "table", "explain");
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "merge", "upsert", "into", "truncate", "create", "drop",
            "alter", "grant", "revoke");
    private static final Pattern SKIPPED = Pattern.compile("--[^\\n]*|/\\*(?!!).*?\\*/|'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|`(?:[^`]|``)*`",
            Pattern.DOTALL);
    private static final Pattern WORD = Pattern.compile("[A-Za-z_]+");

    private ReadOnlySql() {
    }

    /** The first word that makes the SQL a write, or null when every statement in it is a read. */
    static String firstWrite(String sql) {
        String code = SKIPPED.matcher(sql).replaceAll(" ");
        for (String statement : code.split(";")) {
            Matcher words = WORD.matcher(statement);
            if (!words.find()) {
                continue;
            }
            String first = words.group().toLowerCase(Locale.ROOT);
            if (!READS.contains(first)) {
                return first;
            }
            if (first.equals("pragma") && statement.contains("=")) {
                return "pragma ... =";
            }
            while (QUERIES.contains(first) && words.find()) {
                String word = words.group().toLowerCase(Locale.ROOT);
                if (WRITES.contains(word)) {
                    return word;
                }
            }
        }
        return null;
    }
}
