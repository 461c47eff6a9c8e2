package dev.migrate.serve;

import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrate.plan.Endpoint;

/**
 * The saved connections: name, JDBC URL, user, and — sealed together under the home's key — the password and the
 * driver properties. What leaves the store for the API never holds the password, and shows a property named like a
 * secret as {@code ********}.
 */
public final class ConnectionStore {

    public static final String HIDDEN = "********";

    /** A connection as the API shows it. */
    public record Shown(String name, String url, String user, boolean password, Map<String, String> properties) {
    }

    /** A connection as given to be saved; a null password keeps the one saved (on an update). */
    public record Given(String name, String url, String user, String password, Map<String, String> properties) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ConsoleHome home;

    public ConnectionStore(ConsoleHome home) {
        this.home = home;
    }

    /** Whether a property's value is a secret, by its name. */
    static boolean secret(String property) {
        String p = property.toLowerCase(Locale.ROOT);
        return p.contains("password") || p.contains("secret") || p.contains("token") || p.contains("key") || p.contains("credential");
    }

    public List<Shown> list() throws SQLException, GeneralSecurityException {
        List<Shown> all = new ArrayList<>();
        try (Connection c = home.connection(); PreparedStatement p = c.prepareStatement("SELECT name FROM connections ORDER BY name");
             ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                all.add(shown(rs.getString(1)).orElseThrow());
            }
        }
        return all;
    }

    public Optional<Shown> shown(String name) throws SQLException, GeneralSecurityException {
        return endpoint(name).map(e -> {
            Map<String, String> properties = new LinkedHashMap<>();
            e.properties().forEach((k, v) -> properties.put(k, secret(k) ? HIDDEN : v));
            return new Shown(name, e.url(), e.user(), e.password() != null && !e.password().isEmpty(), properties);
        });
    }

    /** The saved connection, its secrets opened: for the engine, never for the API. */
    public Optional<Endpoint> endpoint(String name) throws SQLException, GeneralSecurityException {
        try (Connection c = home.connection(); PreparedStatement p = c.prepareStatement("SELECT url, user_name, sealed FROM connections WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Sealed sealed = open(rs.getBytes(3), name);
                return Optional.of(new Endpoint(rs.getString(1), rs.getString(2), sealed.password(), null, sealed.properties()));
            }
        }
    }

    private record Sealed(String password, Map<String, String> properties) {
    }

    private Sealed open(byte[] sealed, String name) throws GeneralSecurityException {
        if (sealed == null) {
            return new Sealed(null, Map.of());
        }
        try {
            Map<String, Object> parts = JSON.readValue(home.open(sealed, "connection " + name), new TypeReference<>() { });
            @SuppressWarnings("unchecked")
            Map<String, String> properties = (Map<String, String>) parts.getOrDefault("properties", Map.of());
            return new Sealed((String) parts.get("password"), properties);
        } catch (JsonProcessingException e) {
            throw new GeneralSecurityException("a sealed connection does not read back", e);
        }
    }

    /** Saves {@code given} (new, or over the one of its name); a null password on an update keeps the saved one. */
    public void save(Given given, boolean update) throws SQLException, GeneralSecurityException {
        String password = given.password();
        Map<String, String> properties = given.properties() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(given.properties());
        if (update) {
            Endpoint saved = endpoint(given.name()).orElseThrow(() -> new NotFound("no connection named " + given.name()));
            if (password == null) {
                password = saved.password();
            }
            // a secret shown as ******** and sent back unchanged keeps its saved value
            properties.replaceAll((k, v) -> HIDDEN.equals(v) && saved.properties().containsKey(k) ? saved.properties().get(k) : v);
        }
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("password", password);
        parts.put("properties", properties);
        byte[] sealed;
        try {
            sealed = home.seal(JSON.writeValueAsString(parts), "connection " + given.name());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        try (Connection c = home.connection(); PreparedStatement p = c.prepareStatement(update
                ? "UPDATE connections SET url = ?, user_name = ?, sealed = ? WHERE name = ?"
                : "INSERT INTO connections (url, user_name, sealed, name) VALUES (?, ?, ?, ?)")) {
            p.setString(1, given.url());
            p.setString(2, given.user());
            p.setBytes(3, sealed);
            p.setString(4, given.name());
            p.executeUpdate();
        } catch (SQLException e) {
            if (!update && "23505".equals(e.getSQLState())) {
                throw new BadInput("name: a connection named " + given.name() + " exists already (PUT /api/connections/" + given.name() + " changes it)");
            }
            throw e;
        }
    }

    public boolean delete(String name) throws SQLException {
        try (Connection c = home.connection(); PreparedStatement p = c.prepareStatement("DELETE FROM connections WHERE name = ?")) {
            p.setString(1, name);
            return p.executeUpdate() > 0;
        }
    }

    /** A request the API answers with 400 and this one-line reason, naming the field. */
    public static final class BadInput extends RuntimeException {
        public BadInput(String message) {
            super(message);
        }
    }

    /** A request for something that is not there: 404. */
    public static final class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }
}
