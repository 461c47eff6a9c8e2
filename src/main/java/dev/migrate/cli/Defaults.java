package dev.migrate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import dev.migrate.plan.Settings;

/**
 * The settings a script starts from: built-in, then {@code config/defaults.properties} of the
 * installation (or the file named by {@code migrate.defaults}). A script's {@code settings { }} and the
 * command line's options override them.
 */
final class Defaults {

    private Defaults() {
    }

    static Settings load() {
        String configured = System.getProperty("migrate.defaults");
        Settings settings = Settings.DEFAULTS;
        if (configured == null) {
            return settings;
        }
        Path file = Path.of(configured);
        if (!Files.isRegularFile(file)) {
            return settings;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            Settings.Builder b = settings.toBuilder();
            if (p.containsKey("batchSize")) {
                b.batchSize(Integer.parseInt(p.getProperty("batchSize").trim()));
            }
            if (p.containsKey("parallelism")) {
                b.parallelism(Integer.parseInt(p.getProperty("parallelism").trim()));
            }
            if (p.containsKey("fetchSize")) {
                b.fetchSize(Integer.parseInt(p.getProperty("fetchSize").trim()));
            }
            if (p.containsKey("partitionRows")) {
                b.partitionRows(Long.parseLong(p.getProperty("partitionRows").trim()));
            }
            settings = b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
        return settings;
    }
}
