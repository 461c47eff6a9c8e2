package dev.migrate.plan;

import java.util.Map;

/**
 * One side of a migration: where to connect and as whom. The password never appears in
 * {@link #toString()}, so an endpoint can be logged or put in a message safely.
 */
public record Endpoint(String url, String user, String password, String schema, Map<String, String> properties) {

    public Endpoint {
        properties = Map.copyOf(properties);
    }

    /** The URL with any password in it masked ({@code password=...}, {@code //user:password@host}), for messages and reports. */
    public String safeUrl() {
        return url == null ? null : url.replaceAll("(?i)(password|pwd)=[^&;]*", "$1=***").replaceAll("(//[^/:@]*):[^/@]*@", "$1:***@");
    }

    /** Masks the password wherever a driver's message repeats it. */
    public String scrub(String message) {
        if (message == null) {
            return null;
        }
        String scrubbed = url == null ? message : message.replace(url, safeUrl());
        return password == null || password.isEmpty() ? scrubbed : scrubbed.replace(password, "***");
    }

    @Override
    public String toString() {
        return "Endpoint[url=" + safeUrl() + ", user=" + user + ", schema=" + schema + "]";
    }
}
