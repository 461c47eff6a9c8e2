package dev.migrate.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of everything the tool prints: messages and log lines go through {@link #scrub}, which
 * masks credentials in JDBC URLs, secret properties ({@code password=...}), password literals in SQL
 * ({@code PASSWORD 'x'}, {@code IDENTIFIED BY x}), and every secret the tool was given to connect with.
 */
public final class Secrets {

    private static final String MASK = "***";
    /** Secrets handed to a driver in this process; a driver or a pool may repeat them anywhere. */
    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();
    /** A JDBC URL in running text, without the punctuation that may end a sentence after it. */
    private static final Pattern URL = Pattern.compile("jdbc:[^\\s\"'<>]+?(?=[:.,;)]*(?:[\\s\"'<>]|$))");
    private static final String QUOTED_TEXT = "'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"";
    private static final String QUOTED = "(" + QUOTED_TEXT + ")";
    /** {@code SET PASSWORD FOR u = 'x'}, {@code SET PASSWORD = PASSWORD('x')} (MySQL). */
    private static final Pattern SET_PASSWORD = Pattern.compile("(?i)(\\bSET\\s+PASSWORD\\b[^=]*=\\s*(?:PASSWORD\\s*\\(\\s*)?)" + QUOTED);
    /** {@code PASSWORD 'x'}, {@code PASSWORD = 'x'}, {@code IDENTIFIED [WITH plugin] BY 'x'}, {@code SECRET 'x'}. */
    private static final Pattern LITERAL = Pattern.compile(
            "(?i)(\\b(?:PASSWORD|SECRET|IDENTIFIED\\s+(?:WITH\\s+\\S+\\s+)?BY(?:\\s+PASSWORD)?)\\s*=?\\s*\\(?\\s*)" + QUOTED);
    /** Oracle's unquoted {@code IDENTIFIED BY tiger}. */
    private static final Pattern IDENTIFIED_BY = Pattern.compile("(?i)(\\bIDENTIFIED\\s+BY\\s+)(?!VALUES\\b|PASSWORD\\b|RANDOM\\b)([^\\s'\";]+)");
    /** {@code password=x}, {@code sslpassword = 'x'}, {@code token={x}}: any name=value whose name is a secret's. */
    private static final Pattern PAIR = Pattern.compile("(?i)(\\b[\\w.-]*(?:" + Credentials.SECRET_WORDS + ")[\\w.-]*\\s*=\\s*)"
            + "(?!\\*\\*\\*)(\\{[^}]*}|" + QUOTED_TEXT + "|[^\\s&;,)\\]}#]+?(?=[:.]*(?:[\\s\"'<>&;,)\\]}#]|$)))");

    private Secrets() {
    }

    /** From now on, the secrets of this endpoint are masked in every message and log line. */
    public static void remember(Endpoint endpoint) {
        KNOWN.addAll(endpoint.secrets());
    }

    /** The text with every secret it holds masked. */
    public static String scrub(String text) {
        return scrub(text, List.of());
    }

    private static String quotedLike(String value, String replacement) {
        char first = value.charAt(0);
        return first == '\'' || first == '"' ? first + replacement + first : replacement;
    }

    static String scrub(String text, List<String> alsoSecret) {
        if (text == null) {
            return null;
        }
        String s = URL.matcher(text).replaceAll(m -> Matcher.quoteReplacement(Credentials.masked(m.group())));
        s = SET_PASSWORD.matcher(s).replaceAll("$1'" + MASK + "'");
        s = LITERAL.matcher(s).replaceAll("$1'" + MASK + "'");
        s = IDENTIFIED_BY.matcher(s).replaceAll("$1" + MASK);
        s = PAIR.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + quotedLike(m.group(2), MASK)));
        List<String> secrets = new ArrayList<>(alsoSecret);
        secrets.addAll(KNOWN);
        // longest first: a secret that contains another is masked whole
        secrets.sort(Comparator.comparingInt(String::length).reversed());
        for (String secret : secrets) {
            s = s.replace(secret, MASK);
        }
        return s;
    }
}
