package dev.migrate.plan;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every name a setting or a connection field has, in one place: the key of {@code migrate.conf} and
 * {@code config/defaults.properties} ({@code batchSize}, {@code source.url}), the word of a script's
 * {@code settings { }} and connection blocks, and the environment variable ({@code MIGRATE_BATCH_SIZE},
 * {@code MIGRATE_SOURCE_URL}). Each knows how its text is read and where its value goes, so a name means the
 * same thing wherever it is given, and a misspelt one finds its nearest.
 */
public final class SettingNames {

    /** What every environment variable of the tool's configuration starts with. */
    public static final String ENV_PREFIX = "MIGRATE_";

    /**
     * One name.
     *
     * @param key      as the file and the script write it: {@code batchSize}, {@code source.url}
     * @param fallback the default, as the README shows it
     * @param doc      one line: what it does
     * @param read     its text as a value (a number, a mode, ...); an IllegalArgumentException says why not
     * @param apply    the configuration with this value in place; an IllegalArgumentException names what is wrong
     */
    public record Name(String key, String fallback, String doc, Function<String, Object> read,
                       BiFunction<Configuration, Object, Configuration> apply) {

        /** {@code MIGRATE_BATCH_SIZE}, {@code MIGRATE_SOURCE_URL}. */
        public String env() {
            return ENV_PREFIX + key.replace('.', '_').replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        }

        /** Whether its value is a secret, never shown. */
        public boolean secret() {
            return Credentials.isSecret(key);
        }

        /** The configuration with this name's value, read from its text. */
        public Configuration set(Configuration configuration, String text) {
            return apply.apply(configuration, read.apply(text.trim()));
        }
    }

    private static final List<Name> SETTINGS = List.of(
            setting("batchSize", "5000", "rows handed from reader to writer at a time, and rows per JDBC batch",
                    t -> intValue("batchSize", t), (b, v) -> b.batchSize((Integer) v)),
            setting("parallelism", "one per core, at least 2", "partitions read, transformed and written at once",
                    t -> intValue("parallelism", t), (b, v) -> b.parallelism((Integer) v)),
            setting("fetchSize", "5000", "rows the source driver fetches per round trip, fewer when rows are wide",
                    t -> intValue("fetchSize", t), (b, v) -> b.fetchSize((Integer) v)),
            setting("partitionRows", "500000", "larger tables are split into key ranges (or pages) of about this many rows, and of 256 MB (docs/partitions.md)",
                    SettingNames::longValue, (b, v) -> b.partitionRows((Long) v)),
            setting("mode", "INSERT", "INSERT, MERGE (upsert on the key) or TRUNCATE_INSERT",
                    t -> enumValue("mode", WriteMode.class, t), (b, v) -> b.mode((WriteMode) v)),
            setting("schema", "CREATE", "what a run may do to target tables: CREATE, CREATE_AND_ALTER or NONE",
                    t -> enumValue("schema", SchemaMode.class, t), (b, v) -> b.schema((SchemaMode) v)),
            setting("maxRejects", "0", "bad rows a table may set aside in its reject file before it fails",
                    SettingNames::longValue, (b, v) -> b.maxRejects((Long) v)),
            setting("bulk", "true", "each database's bulk path (COPY, LOAD DATA, bulk copy); false: JDBC batches",
                    t -> booleanValue("bulk", t), (b, v) -> b.bulk((Boolean) v)),
            setting("snapshot", "true", "every partition reads the source as of one moment",
                    t -> booleanValue("snapshot", t), (b, v) -> b.snapshot((Boolean) v)),
            setting("journal", "migrate_journal", "the run's journal table in the target: name or schema.name",
                    t -> t, (b, v) -> b.journal((String) v)),
            setting("identifiers", "AS_IS", "how source names become target names: AS_IS, LOWER (albumid) or SNAKE_CASE (album_id)",
                    t -> enumValue("identifiers", Identifiers.class, t), (b, v) -> b.identifiers((Identifiers) v)));

    private static final List<Name> ALL = Stream.concat(SETTINGS.stream(),
            Stream.of("source", "target").flatMap(SettingNames::connection)).toList();

    private SettingNames() {
    }

    /** Every name: the settings, then each side's connection fields. */
    public static List<Name> all() {
        return ALL;
    }

    /** The names of {@code settings { }}, in the order the README lists them. */
    public static List<Name> settings() {
        return SETTINGS;
    }

    /** The name a file or a script writes as {@code key}. */
    public static Optional<Name> byKey(String key) {
        return ALL.stream().filter(n -> n.key().equals(key)).findFirst();
    }

    /** The name whose environment variable is {@code variable}. */
    public static Optional<Name> byEnv(String variable) {
        return ALL.stream().filter(n -> n.env().equals(variable)).findFirst();
    }

    /** {@code " (did you mean batchSize?)"} for a key no name has, or an empty string. */
    public static String nearestKey(String key) {
        return Suggestions.nearest(key, ALL.stream().map(Name::key).toList());
    }

    /** {@code " (did you mean MIGRATE_BATCH_SIZE?)"} for a variable no name has, or an empty string. */
    public static String nearestEnv(String variable) {
        return Suggestions.nearest(variable, ALL.stream().map(Name::env).toList());
    }

    /** A value a script's {@code settings { }} gives (already a number, a mode, ...), checked as the record checks it. */
    public static Settings set(Settings settings, String key, Object value) {
        Name name = byKey(key).orElseThrow(() -> new IllegalArgumentException("unknown setting '" + key + "'" + nearestKey(key)));
        return name.apply().apply(Configuration.of(settings), value).settings();
    }

    private static Name setting(String key, String fallback, String doc, Function<String, Object> read,
                                BiFunction<Settings.Builder, Object, Settings.Builder> apply) {
        return new Name(key, fallback, doc, read, (c, v) -> c.withSettings(apply.apply(c.settings().toBuilder(), v).build()));
    }

    private static Stream<Name> connection(String side) {
        boolean source = side.equals("source");
        Function<Configuration, ConnectionDefaults> of = c -> source ? c.source() : c.target();
        BiFunction<Configuration, ConnectionDefaults, Configuration> with = (c, d) -> source ? c.withSource(d) : c.withTarget(d);
        return Stream.of(
                new Name(side + ".url", "", "the " + side + "'s JDBC URL", t -> t, (c, v) -> with.apply(c, of.apply(c).withUrl((String) v))),
                new Name(side + ".user", "", "the " + side + "'s user", t -> t, (c, v) -> with.apply(c, of.apply(c).withUser((String) v))),
                new Name(side + ".password", "", "the " + side + "'s password (never shown)", t -> t,
                        (c, v) -> with.apply(c, of.apply(c).withPassword((String) v))),
                new Name(side + ".schema", "", "the " + side + "'s schema (default: the connection's own)", t -> t,
                        (c, v) -> with.apply(c, of.apply(c).withSchema((String) v))));
    }

    private static int intValue(String key, String text) {
        long value = longValue(text);
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + " must be at most " + Integer.MAX_VALUE + ", not " + value);
        }
        return (int) value;
    }

    /** A whole number, with {@code _} between digits allowed as a script allows it: {@code 10_000}. */
    private static long longValue(String text) {
        if (!text.matches("-?\\d+(_+\\d+)*")) {
            throw new IllegalArgumentException("not a number: '" + text + "'");
        }
        try {
            return Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: '" + text + "'");
        }
    }

    private static boolean booleanValue(String key, String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, not '" + text + "'");
        };
    }

    private static <E extends Enum<E>> E enumValue(String key, Class<E> type, String text) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        List<String> names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        throw new IllegalArgumentException(key + " must be one of " + String.join(", ", names) + ", not '" + text + "'"
                + Suggestions.nearest(text.toUpperCase(Locale.ROOT), names));
    }

    /** The README's table of every name: key, environment variable, default, what it does. */
    public static String markdownTable() {
        return "| key | environment | default | what it does |\n| --- | --- | --- | --- |\n" + ALL.stream()
                .map(n -> "| `" + n.key() + "` | `" + n.env() + "` | " + shown(n.fallback()) + " | " + n.doc() + " |")
                .collect(Collectors.joining("\n")) + "\n";
    }

    /** A default as code when it is a value ({@code 5000}), as words when it says how it is found. */
    private static String shown(String fallback) {
        return fallback.matches("[\\w.]+") ? "`" + fallback + "`" : fallback.isEmpty() ? "—" : fallback;
    }
}
