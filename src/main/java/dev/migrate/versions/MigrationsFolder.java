package dev.migrate.versions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import dev.migrate.dsl.FolderScript;
import dev.migrate.dsl.ScriptContext;
import dev.migrate.dsl.ScriptLoader;
import dev.migrate.plan.Configuration;
import dev.migrate.plan.Endpoint;
import dev.migrate.plan.ScriptError;
import dev.migrate.plan.ScriptLocation;
import dev.migrate.plan.Settings;

/**
 * A folder of versions: {@code migrations.groovy} (the connections and settings every version uses, and the history
 * table's name) and the version files beside it and in its subfolders, in version order.
 *
 * @param source  null where the folder moves no data
 * @param history the history table, {@code name} or {@code schema.name}
 * @param files   the versioned ones by version, then the repeatable ones by description; undo files after them
 */
public record MigrationsFolder(Path dir, Endpoint source, Endpoint target, Settings settings, String history, List<VersionFile> files) {

    public static final String CONFIG = "migrations.groovy";

    /** Reads {@code dir}; a ScriptError naming the file at fault when a name or the configuration is wrong. */
    public static MigrationsFolder load(Path dir, Settings defaults) throws IOException {
        return load(dir, Configuration.of(defaults));
    }

    /** Reads {@code dir} over {@code configuration}: its settings, and the connection fields its blocks start from. */
    public static MigrationsFolder load(Path dir, Configuration configuration) throws IOException {
        Settings defaults = configuration.settings();
        if (!Files.isDirectory(dir)) {
            throw new ScriptError(new ScriptLocation(dir.toString(), 0), "no such folder: " + dir);
        }
        Path config = dir.resolve(CONFIG);
        if (!Files.isRegularFile(config)) {
            throw new ScriptError(new ScriptLocation(CONFIG, 0), dir + " has no " + CONFIG
                    + ": it names the target (and the source) every version uses: target { url '...'; user '...' }");
        }
        FolderScript script = (FolderScript) new ScriptLoader().evaluate(config, FolderScript.class,
                new ScriptContext(CONFIG, null, configuration), Map.of());
        if (script.getTargetEndpoint() == null) {
            throw new ScriptError(new ScriptLocation(CONFIG, 0), CONFIG + " has no target { } block: the database the versions change");
        }
        List<VersionFile> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path file : all.filter(Files::isRegularFile).filter(p -> !p.equals(config)).sorted().toList()) {
                if (dir.relativize(file).toString().startsWith(".")) {
                    continue;
                }
                try {
                    VersionFile.of(file).ifPresent(files::add);
                } catch (IllegalArgumentException e) {
                    String name = file.getFileName().toString();
                    String reason = e.getMessage().startsWith(name + ": ") ? e.getMessage().substring(name.length() + 2) : e.getMessage();
                    throw new ScriptError(new ScriptLocation(name, 0), reason);
                }
            }
        }
        checkUnique(files);
        files.sort(Comparator.comparing((VersionFile f) -> f.kind().ordinal() == 1 ? 2 : f.kind().ordinal() == 2 ? 1 : 0)
                .thenComparing(f -> f.version() == null ? Version.parse("0") : f.version())
                .thenComparing(VersionFile::description));
        Settings settings = script.getFolderSettings() != null ? script.getFolderSettings() : defaults;
        String history = script.getHistoryTable() != null ? script.getHistoryTable() : History.DEFAULT_NAME;
        return new MigrationsFolder(dir, script.getSourceEndpoint(), script.getTargetEndpoint(), settings, history, List.copyOf(files));
    }

    private static void checkUnique(List<VersionFile> files) {
        Map<String, VersionFile> seen = new HashMap<>();
        for (VersionFile f : files) {
            String key = f.kind() + " " + (f.version() == null ? f.description().toLowerCase(Locale.ROOT) : f.version().parts().toString());
            VersionFile other = seen.putIfAbsent(key, f);
            if (other != null) {
                throw new ScriptError(new ScriptLocation(f.script(), 0), f.script() + " and " + other.script() + " are both "
                        + (f.kind() == VersionFile.Kind.UNDO ? "the undo of " : "") + f.label() + ": rename one of them");
            }
        }
    }

    public List<VersionFile> versioned() {
        return files.stream().filter(f -> f.kind() == VersionFile.Kind.VERSIONED).toList();
    }

    public List<VersionFile> repeatable() {
        return files.stream().filter(f -> f.kind() == VersionFile.Kind.REPEATABLE).toList();
    }

    /** The undo of {@code version}, if the folder has one. */
    public Optional<VersionFile> undo(Version version) {
        return files.stream().filter(f -> f.kind() == VersionFile.Kind.UNDO && f.version().equals(version)).findFirst();
    }

    /** The folder's name, which names its runs. */
    public String name() {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return name == null ? "migrations" : name.toString();
    }
}
