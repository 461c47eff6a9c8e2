package dev.migrate.versions;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A version of a migrations folder: numbers separated by dots or underscores ({@code 1}, {@code 1.1}, {@code 2_3}),
 * compared as numbers part by part, so {@code 2 < 10} and {@code 1 < 1.1 < 2}; trailing zero parts do not count
 * ({@code 1.0} is {@code 1}).
 *
 * @param text  the version as the file name writes it, with dots
 * @param parts its numbers
 */
public record Version(String text, List<BigInteger> parts) implements Comparable<Version> {

    /** The version written {@code text}; an IllegalArgumentException when it is not numbers separated by dots or underscores. */
    public static Version parse(String text) {
        if (text == null || !text.matches("[0-9]+([._][0-9]+)*")) {
            throw new IllegalArgumentException("a version is numbers separated by dots or underscores (1, 1.1, 2_3), not '" + text + "'");
        }
        String dotted = text.replace('_', '.');
        List<BigInteger> parts = new ArrayList<>();
        for (String part : dotted.split("\\.")) {
            parts.add(new BigInteger(part));
        }
        while (parts.size() > 1 && parts.get(parts.size() - 1).signum() == 0) {
            parts.remove(parts.size() - 1);
        }
        return new Version(dotted, List.copyOf(parts));
    }

    @Override
    public int compareTo(Version other) {
        for (int i = 0; i < Math.max(parts.size(), other.parts.size()); i++) {
            BigInteger a = i < parts.size() ? parts.get(i) : BigInteger.ZERO;
            BigInteger b = i < other.parts.size() ? other.parts.get(i) : BigInteger.ZERO;
            int c = a.compareTo(b);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
