package dev.migrate.plan;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One side of a migration: where to connect and as whom. The password never appears in
 * {@link #toString()}, so an endpoint can be logged or put in a message safely.
 *
 * @param createDatabase a run creates the database the URL names when the server lacks it (a target's, on
 *                       PostgreSQL and MySQL/MariaDB)
 */
public record Endpoint(String url, String user, String password, String schema, Map<String, String> properties,
                       boolean createDatabase) implements Serializable {

    public Endpoint {
        properties = Map.copyOf(properties);
    }

    public Endpoint(String url, String user, String password, String schema, Map<String, String> properties) {
        this(url, user, password, schema, properties, false);
    }

    /** The URL with every credential in it masked, for messages and reports. */
    public String safeUrl() {
        return Credentials.masked(url);
    }

    /** Masks this endpoint's secrets, and any other the text holds, wherever a driver's message repeats them. */
    public String scrub(String message) {
        return Secrets.scrub(message, secrets());
    }

    /** The password, the secrets in the URL and the values of properties named like secrets. */
    List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        if (password != null) {
            secrets.add(password);
        }
        if (url != null) {
            Credentials.secretsIn(url).forEach(secrets::add);
        }
        properties.forEach((name, value) -> {
            if (Credentials.isSecret(name)) {
                secrets.add(value);
            }
        });
        secrets.removeIf(s -> s == null || s.isEmpty());
        return secrets;
    }

    @Override
    public String toString() {
        return "Endpoint[url=" + safeUrl() + ", user=" + user + ", schema=" + schema + (createDatabase ? ", createDatabase" : "") + "]";
    }
}
