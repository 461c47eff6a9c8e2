package dev.migrate.connect;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

import dev.migrate.dialect.Dialect;
import dev.migrate.plan.Endpoint;
import dev.migrate.report.Failures;

/**
 * Why a database could not be reached or would not let the tool in, in plain words. Drivers wrap the real cause
 * in messages of their own ("Communications link failure", "The connection attempt failed."); the cause chain
 * says what happened: the network's exceptions, and the SQLStates and codes of refused users and missing databases.
 */
final class ConnectionDiagnosis {

    /** Codes that mean "this user may not log in", beyond SQLState class 28, by database. */
    private static final Map<String, Set<Integer>> REFUSED_USER = Map.of(
            "SQL Server", Set.of(18456),
            "Oracle", Set.of(1017));

    /** Codes that mean "there is no such database", beyond SQLState 3D000, by database. */
    private static final Map<String, Set<Integer>> NO_DATABASE = Map.of(
            "MySQL", Set.of(1049),
            "H2", Set.of(90013, 90146),
            "SQL Server", Set.of(4060),
            "Oracle", Set.of(12505, 12514));

    private static final int SQLITE_CANTOPEN = 14;
    private static final int SQLITE_NOTADB = 26;

    private static final Pattern SERVER = Pattern.compile("^jdbc:[^@/]*(?://|@//|@)([^/;?]+)");
    /** Oracle's {@code @host:port:SID}: the SID is no part of the address. */
    private static final Pattern ORACLE_SID = Pattern.compile("^jdbc:oracle:[a-z]+:@(?!//|\\()([^:/;?]+(?::\\d+)?)");

    /** The port a server URL means when it gives none, by its prefix. */
    private static final Map<String, Integer> DEFAULT_PORT = Map.of(
            "jdbc:postgresql:", 5432, "jdbc:mysql:", 3306, "jdbc:mariadb:", 3306, "jdbc:sqlserver:", 1433, "jdbc:oracle:", 1521);
    private static final Pattern DATABASE_IN_PATH = Pattern.compile("^jdbc:[^/]*//[^/]+/([^/;?&]+)");
    private static final Pattern DATABASE_PROPERTY = Pattern.compile("(?i)[;?&](?:databaseName|database)=([^;&]+)");

    private ConnectionDiagnosis() {
    }

    /** What happened, e.g. {@code connection refused (is the server running and listening on db:5432?)}. */
    static String reason(Throwable failure, Endpoint endpoint, Dialect dialect, long waitedMillis) {
        String server = server(endpoint.url());
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "unknown host " + host(server, t);
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to " + where(server) + " (is the address right, and the network up?)";
            }
            if (t instanceof ConnectException c) {
                String message = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
                if (message.contains("timed out")) {
                    return noAnswer(server, waitedMillis);
                }
                if (message.contains("refused")) {
                    return refused(server);
                }
                return "cannot reach " + where(server) + ": " + firstLine(c.getMessage());
            }
            if (t instanceof SocketTimeoutException) {
                return noAnswer(server, waitedMillis);
            }
            if (t instanceof EOFException) {
                return notThisServer(server, dialect);
            }
            if (t instanceof FileSystemException f) {
                return Failures.file(f);
            }
            if (t instanceof SSLException s) {
                return "the TLS handshake with " + where(server) + " failed: " + firstLine(s.getMessage());
            }
        }
        // SQL Server's driver says so in its own words, without the network's exception as the cause
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException && String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("connection refused")) {
                return refused(server);
            }
        }
        SQLException sql = firstSqlException(failure);
        if (sql == null) {
            Throwable t = failure;
            while (t.getMessage() == null && t.getCause() != null) {
                t = t.getCause();
            }
            return firstLine(t.getMessage());
        }
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        int code = sql.getErrorCode();
        // class 28 is a refused authorization; 08004 a refused connection (a password the server wants and did not get)
        if (state.startsWith("28") || state.equals("08004") || REFUSED_USER.getOrDefault(dialect.name(), Set.of()).contains(code)) {
            String who = endpoint.user() == null ? "the credentials" : "user " + endpoint.user();
            return "the database refused " + who + ": " + firstLine(sql.getMessage());
        }
        if (missingDatabase(failure, dialect)) {
            String name = database(endpoint.url());
            return name == null ? firstLine(sql.getMessage())
                    : "database " + name + " does not exist" + (server == null ? "" : " on " + server);
        }
        if (state.equals("08P01") && sql.getCause() == null) {
            // the driver's answer to bytes that are not its protocol: another kind of server, or none at all
            return notThisServer(server, dialect);
        }
        if (dialect.name().equals("SQLite") && (code == SQLITE_CANTOPEN || code == SQLITE_NOTADB)) {
            String file = database(endpoint.url());
            if (code == SQLITE_NOTADB) {
                return file + " is not a SQLite database";
            }
            return file != null && !file.startsWith(":") && Files.notExists(Path.of(file))
                    ? "database file " + file + " does not exist"
                    : "cannot open the database file " + file + " (may this user read it?)";
        }
        return firstLine(sql.getMessage());
    }

    /** Whether the server answered that the database the URL names is not there. */
    static boolean missingDatabase(Throwable failure, Dialect dialect) {
        SQLException sql = firstSqlException(failure);
        return sql != null && ("3D000".equals(sql.getSQLState())
                || NO_DATABASE.getOrDefault(dialect.name(), Set.of()).contains(sql.getErrorCode()));
    }

    /**
     * What to do about a target database the server lacks: create it, or let a run create it; empty where the tool
     * creates no database of this kind.
     */
    static String missingTargetAdvice(Endpoint endpoint, Dialect dialect) {
        String name = database(endpoint.url());
        if (name == null || dialect.maintenanceUrl(endpoint.url()).isEmpty()) {
            return "";
        }
        return endpoint.createDatabase()
                ? "; a run would create it (createDatabase true)"
                : "; create it (" + dialect.createDatabase(name) + ") or add `createDatabase true` to the target connection";
    }

    private static String refused(String server) {
        return "cannot reach " + where(server) + ": connection refused (is the server running, and on that port?)";
    }

    /** The reason for a server that said nothing at all within the time the tool waits. */
    static String noAnswer(String server, long waitedMillis) {
        long seconds = Math.max(1, Math.round(waitedMillis / 1000.0));
        return "no answer within " + seconds + " s" + (server == null ? "" : " (is " + server + " the right address, and reachable from here?)");
    }

    /** {@code host:port} of a server URL as written in it, or null for an embedded database. */
    static String server(String url) {
        String text = url == null ? "" : url;
        Matcher sid = ORACLE_SID.matcher(text);
        Matcher m = sid.find() ? sid : SERVER.matcher(text);
        if (m != sid && !m.find()) {
            return null;
        }
        // user:password@host is left out: a message never shows a password
        String authority = m.group(1);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        boolean hasPort = authority.startsWith("[") ? authority.contains("]:") : authority.contains(":");
        if (!hasPort) {
            String lower = text.toLowerCase(Locale.ROOT);
            for (Map.Entry<String, Integer> port : DEFAULT_PORT.entrySet()) {
                if (lower.startsWith(port.getKey())) {
                    // a SQL Server instance name (host\SQLEXPRESS) is found through the browser service: its port is not known
                    return authority.contains("\\") ? authority : authority + ":" + port.getValue();
                }
            }
        }
        return authority;
    }

    private static String notThisServer(String server, Dialect dialect) {
        return where(server) + " did not answer as a " + dialect.name() + " server";
    }

    private static String where(String server) {
        return server == null ? "the server" : server;
    }

    private static String host(String server, Throwable unknown) {
        if (server != null) {
            int colon = server.lastIndexOf(':');
            return colon > 0 && !server.endsWith("]") ? server.substring(0, colon) : server;
        }
        String message = String.valueOf(unknown.getMessage());
        int colon = message.indexOf(':');
        return colon > 0 ? message.substring(0, colon) : message;
    }

    /** The database a URL names: the path after the server, a databaseName property, or an embedded file. */
    static String database(String url) {
        Matcher property = DATABASE_PROPERTY.matcher(url);
        if (property.find()) {
            return property.group(1);
        }
        Matcher path = DATABASE_IN_PATH.matcher(url);
        if (path.find()) {
            return path.group(1);
        }
        if (server(url) != null) {
            return null;
        }
        String rest = url.substring(url.indexOf(':', "jdbc:".length()) + 1);
        rest = rest.replaceFirst("^file:", "");
        int end = rest.length();
        for (char c : new char[] {';', '?'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return rest.substring(0, end);
    }

    private static SQLException firstSqlException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    /** A driver's message as one line: without the server's severity prefix and H2's error code suffix. */
    static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "no reason given";
        }
        String line = message.strip().lines().findFirst().orElse("").strip();
        return line.replaceFirst("^(FATAL|ERROR):\\s+", "").replaceFirst("\\s*\\[\\d{5}-\\d+]$", "");
    }
}
