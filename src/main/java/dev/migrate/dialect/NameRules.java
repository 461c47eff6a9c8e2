package dev.migrate.dialect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The names a database can hold: how long, counted how, whether it cuts a longer name instead of refusing it,
 * and what else it refuses.
 *
 * @param maxLength       the longest name, in the database's measure
 * @param measure         how the database counts a name's length
 * @param cutsLongerNames whether a longer name is cut without an error (PostgreSQL): a silent change
 * @param refused         what the database refuses in any name
 * @param reservedPrefix  a prefix, in any case, the database keeps for its own tables and indexes; null for none
 */
public record NameRules(int maxLength, Measure measure, boolean cutsLongerNames, Set<Refused> refused, String reservedPrefix) {

    /** How a database counts a name's length. */
    public enum Measure {
        CHARACTERS,
        /** as Java and {@code nvarchar} count: a character beyond U+FFFF counts twice */
        UTF16_UNITS,
        UTF8_BYTES
    }

    /** What a database can refuse in a name. */
    public enum Refused {
        EMPTY,
        NUL,
        /** a space or other ASCII whitespace at the end (MySQL) */
        TRAILING_SPACE,
        /** characters beyond U+FFFF, such as emoji (MySQL keeps names in three-byte UTF-8) */
        OUTSIDE_BMP,
        /** {@code "}, which a quoted name cannot contain (Oracle) */
        DOUBLE_QUOTE
    }

    public NameRules {
        refused = refused.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(refused));
    }

    /** Names of up to {@code max} characters. */
    public static NameRules characters(int max) {
        return new NameRules(max, Measure.CHARACTERS, false, Set.of(), null);
    }

    /** Names of up to {@code max} UTF-16 code units. */
    public static NameRules utf16Units(int max) {
        return new NameRules(max, Measure.UTF16_UNITS, false, Set.of(), null);
    }

    /** Names of up to {@code max} bytes in UTF-8. */
    public static NameRules utf8Bytes(int max) {
        return new NameRules(max, Measure.UTF8_BYTES, false, Set.of(), null);
    }

    public NameRules refusing(Refused... more) {
        Set<Refused> all = EnumSet.noneOf(Refused.class);
        all.addAll(refused);
        all.addAll(List.of(more));
        return new NameRules(maxLength, measure, cutsLongerNames, all, reservedPrefix);
    }

    public NameRules cuttingLongerNames() {
        return new NameRules(maxLength, measure, true, refused, reservedPrefix);
    }

    public NameRules reserving(String prefix) {
        return new NameRules(maxLength, measure, cutsLongerNames, refused, prefix);
    }

    /** A name's length as this database counts it. */
    public int length(String name) {
        return switch (measure) {
            case CHARACTERS -> name.codePointCount(0, name.length());
            case UTF16_UNITS -> name.length();
            case UTF8_BYTES -> name.getBytes(StandardCharsets.UTF_8).length;
        };
    }

    /** Why {@code database} cannot hold {@code name} as the name of a {@code kind}, every reason; empty when it can. */
    public Optional<String> problem(String database, NameKind kind, String name) {
        List<String> problems = new ArrayList<>();
        if (name.isEmpty()) {
            return refused.contains(Refused.EMPTY) ? Optional.of("empty name, which " + database + " does not allow") : Optional.empty();
        }
        name.codePoints().filter(c -> !holds(c)).distinct()
                .forEach(c -> problems.add("name with " + shown(c) + (Character.isSupplementaryCodePoint(c)
                        ? ", outside the Basic Multilingual Plane" : "") + ", which " + database + " does not allow"));
        if (refused.contains(Refused.TRAILING_SPACE) && endsWithSpace(name)) {
            char last = name.charAt(name.length() - 1);
            problems.add("name ending in " + (last == ' ' ? "a space" : shown(last)) + ", which " + database + " does not allow");
        }
        if (reserves(kind, name)) {
            problems.add("name beginning with " + name.substring(0, reservedPrefix.length()) + ", which " + database + " keeps for itself");
        }
        int length = length(name);
        if (length > maxLength) {
            problems.add("name of " + length + " " + unit(name) + "; " + database + " holds at most " + maxLength
                    + (cutsLongerNames ? " and would cut it without an error" : ""));
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    /**
     * {@code name} without what this database refuses: the characters it does not allow and a reserved prefix
     * left out, cut to the longest length it holds, without trailing spaces where they are refused.
     */
    public String fitted(NameKind kind, String name) {
        StringBuilder kept = new StringBuilder();
        name.codePoints().filter(this::holds).forEach(kept::appendCodePoint);
        String fitted = reserves(kind, kept.toString()) ? kept.substring(reservedPrefix.length()) : kept.toString();
        while (length(fitted) > maxLength) {
            fitted = withoutLastCharacter(fitted);
        }
        while (refused.contains(Refused.TRAILING_SPACE) && endsWithSpace(fitted)) {
            fitted = withoutLastCharacter(fitted);
        }
        return fitted;
    }

    /** The name without its last character (a whole code point, never half of one). */
    public static String withoutLastCharacter(String name) {
        return name.isEmpty() ? name : name.substring(0, name.offsetByCodePoints(name.length(), -1));
    }

    private String unit(String name) {
        return measure == Measure.UTF8_BYTES ? "bytes in UTF-8"
                : measure == Measure.UTF16_UNITS && name.length() != name.codePointCount(0, name.length()) ? "UTF-16 code units" : "characters";
    }

    private boolean holds(int c) {
        return !(c == 0 && refused.contains(Refused.NUL)
                || c == '"' && refused.contains(Refused.DOUBLE_QUOTE)
                || Character.isSupplementaryCodePoint(c) && refused.contains(Refused.OUTSIDE_BMP));
    }

    private boolean reserves(NameKind kind, String name) {
        return reservedPrefix != null && (kind == NameKind.TABLE || kind == NameKind.INDEX)
                && name.toLowerCase(Locale.ROOT).startsWith(reservedPrefix.toLowerCase(Locale.ROOT));
    }

    private static boolean endsWithSpace(String name) {
        if (name.isEmpty()) {
            return false;
        }
        char last = name.charAt(name.length() - 1);
        return last == ' ' || last >= '\t' && last <= '\r';
    }

    private static String shown(int c) {
        String code = String.format(Locale.ROOT, "U+%04X", c);
        if (c == 0) {
            return "NUL (" + code + ")";
        }
        return Character.isISOControl(c) || Character.isWhitespace(c) ? code : new String(Character.toChars(c)) + " (" + code + ")";
    }
}
