package dev.migrate.plan;

import java.io.Serializable;
import java.util.Objects;

/**
 * What a script starts from: the settings and the connection fields that the built-in defaults, the installation's
 * {@code config/defaults.properties}, the project's {@code migrate.conf} and the {@code MIGRATE_*} environment give,
 * each over the one before. The script's words and the command line's options go over these.
 */
public record Configuration(Settings settings, ConnectionDefaults source, ConnectionDefaults target) implements Serializable {

    public static final Configuration DEFAULTS = new Configuration(Settings.DEFAULTS, ConnectionDefaults.NONE, ConnectionDefaults.NONE);

    public Configuration {
        Objects.requireNonNull(settings, "settings");
        source = source == null ? ConnectionDefaults.NONE : source;
        target = target == null ? ConnectionDefaults.NONE : target;
    }

    /** Only settings: no connection field configured. */
    public static Configuration of(Settings settings) {
        return new Configuration(settings, ConnectionDefaults.NONE, ConnectionDefaults.NONE);
    }

    public Configuration withSettings(Settings value) {
        return new Configuration(value, source, target);
    }

    public Configuration withSource(ConnectionDefaults value) {
        return new Configuration(settings, value, target);
    }

    public Configuration withTarget(ConnectionDefaults value) {
        return new Configuration(settings, source, value);
    }
}
