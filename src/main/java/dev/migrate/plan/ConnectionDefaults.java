package dev.migrate.plan;

import java.io.Serializable;
import java.util.Map;
import java.util.Optional;

/**
 * What the configuration (the project file, the environment) says of one side's connection before the script adds
 * its own words: each field null where nothing said it. The password never appears in {@link #toString()}.
 */
public record ConnectionDefaults(String url, String user, String password, String schema) implements Serializable {

    public static final ConnectionDefaults NONE = new ConnectionDefaults(null, null, null, null);

    /** The fields of an endpoint, as a script that is loaded again (in a cluster's task) starts from. */
    public static ConnectionDefaults of(Endpoint endpoint) {
        return endpoint == null ? NONE : new ConnectionDefaults(endpoint.url(), endpoint.user(), endpoint.password(), endpoint.schema());
    }

    public ConnectionDefaults withUrl(String value) {
        return new ConnectionDefaults(value, user, password, schema);
    }

    public ConnectionDefaults withUser(String value) {
        return new ConnectionDefaults(url, value, password, schema);
    }

    public ConnectionDefaults withPassword(String value) {
        return new ConnectionDefaults(url, user, value, schema);
    }

    public ConnectionDefaults withSchema(String value) {
        return new ConnectionDefaults(url, user, password, value);
    }

    /** A whole connection, where the configuration gives a url: a script needs no block of its own for this side. */
    public Optional<Endpoint> endpoint() {
        return url == null ? Optional.empty() : Optional.of(new Endpoint(url, user, password, schema, Map.of()));
    }

    @Override
    public String toString() {
        return "ConnectionDefaults[url=" + Credentials.masked(url) + ", user=" + user + ", schema=" + schema + "]";
    }
}
