package dev.migrate.serve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console pages' sessions: made when the access token is given at the login form, kept in memory (a restart
 * logs everyone out), ended by logging out or after {@link #IDLE} without a request. Each holds its CSRF token,
 * which every form and every changing call of the pages sends back.
 */
final class ConsoleSessions {

    static final String COOKIE = "migrate_session";
    static final String LOGIN_COOKIE = "migrate_login";
    static final Duration IDLE = Duration.ofHours(8);

    /** A logged-in browser: its CSRF token, and when it was last seen. */
    record Session(String id, String csrf, Instant lastSeen) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    Session open() {
        Session s = new Session(random(), random(), Instant.now());
        sessions.put(s.id(), s);
        return s;
    }

    /** The session of this cookie, if it is one and has not been idle too long; seen now. */
    Optional<Session> find(String cookie) {
        if (cookie == null) {
            return Optional.empty();
        }
        Session s = sessions.get(cookie);
        if (s == null) {
            return Optional.empty();
        }
        if (s.lastSeen().plus(IDLE).isBefore(Instant.now())) {
            sessions.remove(cookie);
            return Optional.empty();
        }
        Session seen = new Session(s.id(), s.csrf(), Instant.now());
        sessions.put(s.id(), seen);
        return Optional.of(seen);
    }

    void close(String cookie) {
        if (cookie != null) {
            sessions.remove(cookie);
        }
    }

    /** Compares in constant time. */
    static boolean same(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8));
    }
}
