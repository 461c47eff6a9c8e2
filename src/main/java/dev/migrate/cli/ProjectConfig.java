package dev.migrate.cli;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrate.dialect.DialectRegistry;
import dev.migrate.dsl.ScriptContext;
import dev.migrate.dsl.ScriptLoader;
import dev.migrate.plan.Configuration;
import dev.migrate.plan.Credentials;
import dev.migrate.plan.MigrationPlan;
import dev.migrate.plan.ScriptError;
import dev.migrate.plan.ScriptLocation;
import dev.migrate.plan.SettingNames;

/**
 * What a script starts from, each level over the one before: the built-in defaults; the installation's
 * {@code config/defaults.properties} (the file {@code migrate.defaults} names); the project file, {@code migrate.conf}
 * or {@code migrate.properties}, the one next to the script, else the one in the working directory; the
 * {@code MIGRATE_*} environment variables. A script's words and the command line's options then go over these.
 * Every key and variable is one of {@link SettingNames}: a misspelt one stops the command with its file and line
 * (or its variable) and the nearest name.
 */
final class ProjectConfig {

    static final List<String> FILE_NAMES = List.of("migrate.conf", "migrate.properties");
    /** Variables of the tool that are no setting: the console's token, and the installation's home a wrapper may set. */
    private static final List<String> OTHER_VARIABLES = List.of("MIGRATE_CONSOLE_TOKEN", "MIGRATE_HOME", "MIGRATE_OPTS");
    /** The specifications' own: {@code MIGRATE_IT_REQUIRE}, {@code MIGRATE_IT_POSTGRES_URL}, ... */
    private static final String OTHER_PREFIX = "MIGRATE_IT_";

    private static final Logger LOG = LoggerFactory.getLogger(ProjectConfig.class);

    private ProjectConfig() {
    }

    /** A context for loading {@code script}: its settings and connections start from the script's configuration. */
    static ScriptContext context(Path script) {
        return new ScriptContext(script.getFileName().toString(), null, load(script));
    }

    /** {@code script} loaded over its configuration. */
    static MigrationPlan loadScript(Path script) {
        return loadScript(script, context(script));
    }

    /**
     * {@code script} loaded in {@code context}; then the environment is checked for misspelt settings, the variables
     * the script read being its own.
     */
    static MigrationPlan loadScript(Path script, ScriptContext context) {
        MigrationPlan plan = new ScriptLoader().load(script, context);
        checkEnvironment(System.getenv(), context.getEnvironmentRead().keySet());
        return plan;
    }

    /** The configuration for {@code script} (a file, a migrations folder, or null for none), from this process's environment. */
    static Configuration load(Path script) {
        return load(script, Path.of("").toAbsolutePath(), System.getenv());
    }

    static Configuration load(Path script, Path workingDirectory, Map<String, String> environment) {
        Configuration configuration = Configuration.DEFAULTS;
        String installed = System.getProperty("migrate.defaults");
        if (installed != null && Files.isRegularFile(Path.of(installed))) {
            configuration = read(configuration, Path.of(installed));
        }
        Path project = projectFile(script, workingDirectory);
        if (project != null) {
            LOG.info("configuration: {}", project);
            configuration = read(configuration, project);
        }
        return fromEnvironment(configuration, environment);
    }

    /** The project file next to the script (in a migrations folder: in it), else the one in the working directory; null when neither. */
    static Path projectFile(Path script, Path workingDirectory) {
        if (script != null) {
            Path dir = Files.isDirectory(script) ? script : script.toAbsolutePath().getParent();
            Path found = projectFileIn(dir);
            if (found != null) {
                return found;
            }
        }
        return projectFileIn(workingDirectory);
    }

    private static Path projectFileIn(Path dir) {
        if (dir == null) {
            return null;
        }
        List<Path> found = FILE_NAMES.stream().map(dir::resolve).filter(Files::isRegularFile).toList();
        if (found.size() > 1) {
            throw new ScriptError(new ScriptLocation(FILE_NAMES.get(0), 0), dir + " has both " + String.join(" and ", FILE_NAMES)
                    + ": keep one of them");
        }
        return found.isEmpty() ? null : found.get(0).toAbsolutePath().normalize();
    }

    /** The configuration with every key of {@code file} in place, in the order the file gives them. */
    static Configuration read(Configuration configuration, Path file) {
        String name = file.getFileName().toString();
        for (Entry entry : entries(file)) {
            ScriptLocation at = new ScriptLocation(name, entry.line());
            SettingNames.Name setting = SettingNames.byKey(entry.key()).orElseThrow(() -> new ScriptError(at,
                    "unknown setting '" + entry.key() + "'" + SettingNames.nearestKey(entry.key())));
            try {
                configuration = set(configuration, setting, entry.value());
            } catch (IllegalArgumentException e) {
                String reason = e.getMessage();
                throw new ScriptError(at, reason.startsWith(setting.key()) ? reason : setting.key() + ": " + reason);
            }
        }
        return configuration;
    }

    /** The configuration with every {@code MIGRATE_*} variable that names a setting in place. */
    static Configuration fromEnvironment(Configuration configuration, Map<String, String> environment) {
        for (Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
            SettingNames.Name setting = SettingNames.byEnv(variable.getKey()).orElse(null);
            if (setting == null) {
                continue;
            }
            try {
                configuration = set(configuration, setting, variable.getValue());
            } catch (IllegalArgumentException e) {
                throw new ScriptError(ScriptLocation.UNKNOWN, variable.getKey() + ": " + e.getMessage());
            }
            LOG.debug("configuration: {} from the environment", setting.key());
        }
        return configuration;
    }

    /**
     * A {@code MIGRATE_*} variable that is no setting, no other variable of the tool and none the script read is a
     * misspelt setting: the command stops before it changes anything, naming the nearest one.
     */
    static void checkEnvironment(Map<String, String> environment, Collection<String> readByScript) {
        List<String> unknown = new ArrayList<>();
        for (String variable : new TreeMap<>(environment).keySet()) {
            if (variable.startsWith(SettingNames.ENV_PREFIX) && !variable.startsWith(OTHER_PREFIX) && !OTHER_VARIABLES.contains(variable)
                    && SettingNames.byEnv(variable).isEmpty() && !readByScript.contains(variable)) {
                unknown.add(variable);
            }
        }
        if (!unknown.isEmpty()) {
            String first = unknown.get(0);
            throw new ScriptError(ScriptLocation.UNKNOWN, "unknown setting " + first + SettingNames.nearestEnv(first)
                    + ": the environment variables starting " + SettingNames.ENV_PREFIX + " are the tool's settings");
        }
    }

    private static Configuration set(Configuration configuration, SettingNames.Name setting, String text) {
        Configuration changed = setting.set(configuration, text);
        if (setting.key().endsWith(".url")) {
            String url = text.trim();
            String shown = Credentials.masked(url);
            if (!url.startsWith("jdbc:")) {
                throw new IllegalArgumentException(setting.key() + " must be a JDBC URL starting with jdbc:, not '" + shown + "'");
            }
            if (DialectRegistry.find(url).isEmpty()) {
                throw new IllegalArgumentException(setting.key() + " " + shown + ": " + DialectRegistry.unsupported(url));
            }
        }
        return changed;
    }

    /** One key of a properties file, with the line it starts on. */
    record Entry(String key, String value, int line) {
    }

    /** The file's keys as {@link Properties} reads them, each with its line: one logical line at a time. */
    static List<Entry> entries(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int start = i;
            String trimmed = lines.get(i).stripLeading();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
                continue;
            }
            StringBuilder logical = new StringBuilder(lines.get(i));
            while (continues(lines.get(i)) && i + 1 < lines.size()) {
                i++;
                logical.append('\n').append(lines.get(i));
            }
            Properties one = new Properties();
            try {
                one.load(new StringReader(logical.toString()));
            } catch (IOException | IllegalArgumentException e) {
                throw new ScriptError(new ScriptLocation(file.getFileName().toString(), start + 1), e.getMessage());
            }
            one.forEach((k, v) -> entries.add(new Entry((String) k, (String) v, start + 1)));
        }
        return entries;
    }

    /** A line ending in an odd number of backslashes goes on in the next one. */
    private static boolean continues(String line) {
        int backslashes = 0;
        for (int j = line.length() - 1; j >= 0 && line.charAt(j) == '\\'; j--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }
}
