package dev.migrate.engine;

import java.util.regex.Pattern;

/**
 * A script's before or after hook failed; the message names the script line. It never repeats the hook's SQL,
 * which may hold a password: the statement a driver echoes in its message is left out.
 */
public class HookFailure extends RuntimeException {

    /** H2's {@code in SQL statement "..."}, and its {@code ; SQL statement:} with the statement after it. */
    private static final Pattern H2_STATEMENT = Pattern.compile("(?i)\\s+in SQL statement \".*?\"(?=\\s*(?:;|\\[\\d|$))|;\\s*SQL statement:.*$");
    /** MySQL's and MariaDB's {@code near '...' at line 1}: the rest of the statement. */
    private static final Pattern MYSQL_NEAR = Pattern.compile("(?i)\\s+near '.*' (at line \\d+)");
    /** PostgreSQL's {@code at or near "..."}, SQL Server's {@code near 'x'}, SQLite's {@code near "x":}. */
    private static final Pattern NEAR = Pattern.compile("(?i)\\s+(?:at or )?near (?:the keyword )?(?:'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"):?");

    public HookFailure(String message, Throwable cause) {
        super(withoutStatement(message), cause);
    }

    static String withoutStatement(String message) {
        String s = H2_STATEMENT.matcher(message).replaceAll("");
        s = MYSQL_NEAR.matcher(s).replaceAll(" $1");
        return NEAR.matcher(s).replaceAll("");
    }
}
