package dev.migrate.plan;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials inside JDBC URLs, in one place: {@code //user:password@host}, Oracle's {@code user/password@},
 * and any property named like a secret ({@code ?password=}, {@code ;password=}, {@code (password=...)},
 * {@code pwd}, {@code passwd}, {@code secret}, {@code token}, ...). Every URL the tool prints or writes goes
 * through {@link #masked}; a URL written into a script goes through {@link #split}.
 */
public final class Credentials {

    /** What makes a property name hold a secret. */
    static final String SECRET_WORDS = "password|passwd|passphrase|pwd|secret|token|credential|apikey|api_key|privatekey|private_key";

    private static final Pattern SECRET_NAME = Pattern.compile("(?i)[\\w.-]*(?:" + SECRET_WORDS + ")[\\w.-]*");
    private static final Pattern USER_NAME = Pattern.compile("(?i)user|username");
    private static final Pattern PASSWORD_NAME = Pattern.compile("(?i)password|passwd|pwd");
    /** A {@code name=value} pair after ?, &, ;, ',' or '(' (MySQL's {@code (host=h,password=p)}); SQL Server quotes values in braces. */
    private static final String VALUE = "(\\{[^}]*}|[^&;,)#\\s]*)";
    private static final Pattern PAIR = Pattern.compile("([?&;,(])(\\s*)([\\w.-]+)(\\s*=\\s*)" + VALUE);
    private static final Pattern FIRST_PAIR = Pattern.compile("([?(])\\s*([\\w.-]+)\\s*=\\s*" + VALUE + "[&;,]?");
    /** {@code //user:password@host}, as MySQL, MariaDB and URI-style URLs allow. */
    private static final Pattern USER_INFO = Pattern.compile("(?<=//|,)([^/?#@:;,\\s]*):([^@/?#\\s]*)@");
    private static final Pattern USER_ONLY = Pattern.compile("(?<=//)([^/?#@:;,\\s]+)@");
    /** {@code jdbc:oracle:thin:user/password@...}. */
    private static final Pattern ORACLE = Pattern.compile("(?i)(jdbc:oracle:[a-z0-9]+:)([^/@:\\s]*)/(\"[^\"]*\"|[^@\\s]*)@");
    private static final String MASK = "***";

    private Credentials() {
    }

    /** Whether a property of this name holds a secret (and its value is never shown). */
    public static boolean isSecret(String propertyName) {
        return SECRET_NAME.matcher(propertyName).matches();
    }

    /** The URL with every password and secret in it replaced by {@code ***}; the user name stays. */
    public static String masked(String url) {
        if (url == null) {
            return null;
        }
        String s = ORACLE.matcher(url).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + "/" + MASK + "@"));
        s = USER_INFO.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ":" + MASK + "@"));
        return PAIR.matcher(s).replaceAll(m -> Matcher.quoteReplacement(isSecret(m.group(3))
                ? m.group(1) + m.group(2) + m.group(3) + m.group(4) + MASK : m.group()));
    }

    /** The secrets a URL holds, to be masked wherever they turn up. */
    public static Iterable<String> secretsIn(String url) {
        Parts parts = split(url);
        Map<String, String> all = new LinkedHashMap<>(parts.secrets());
        if (parts.password() != null) {
            all.put("password", parts.password());
        }
        return all.values();
    }

    /**
     * The URL without its user, password and secret properties, and what was taken out. The other
     * properties stay as they were.
     */
    public static Parts split(String url) {
        String user = null;
        String password = null;
        Map<String, String> secrets = new LinkedHashMap<>();
        String rest = url;
        Matcher oracle = ORACLE.matcher(rest);
        if (oracle.find()) {
            user = oracle.group(2);
            password = oracle.group(3);
            rest = rest.substring(0, oracle.start()) + oracle.group(1) + "@" + rest.substring(oracle.end());
        }
        Matcher info = USER_INFO.matcher(rest);
        if (info.find()) {
            user = decoded(info.group(1));
            password = info.group(2);
            rest = rest.substring(0, info.start()) + rest.substring(info.end());
        } else {
            Matcher userOnly = USER_ONLY.matcher(rest);
            if (userOnly.find()) {
                user = decoded(userOnly.group(1));
                rest = rest.substring(0, userOnly.start()) + rest.substring(userOnly.end());
            }
        }
        Matcher pair = PAIR.matcher(rest);
        while (pair.find()) {
            String name = pair.group(3);
            if (USER_NAME.matcher(name).matches()) {
                user = decoded(pair.group(5));
            } else if (PASSWORD_NAME.matcher(name).matches()) {
                password = pair.group(5);
            } else if (isSecret(name)) {
                secrets.put(name, pair.group(5));
            }
        }
        // a pair after & ; or , goes with its separator; the first one after ? or ( takes the separator that follows it
        String clean = PAIR.matcher(rest).replaceAll(m -> Matcher.quoteReplacement(
                "&;,".contains(m.group(1)) && isCredential(m.group(3)) ? "" : m.group()));
        clean = FIRST_PAIR.matcher(clean).replaceAll(m -> Matcher.quoteReplacement(isCredential(m.group(2)) ? m.group(1) : m.group()));
        clean = clean.replace("()", "").replaceAll("\\?(?=#|$)", "");
        return new Parts(clean, emptyToNull(user), emptyToNull(password), secrets);
    }

    private static boolean isCredential(String propertyName) {
        return USER_NAME.matcher(propertyName).matches() || isSecret(propertyName);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String decoded(String value) {
        try {
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    /** A URL without credentials, and the credentials it held (null when it held none). */
    public record Parts(String url, String user, String password, Map<String, String> secrets) {
        public Parts {
            secrets = Map.copyOf(secrets);
        }
    }
}
