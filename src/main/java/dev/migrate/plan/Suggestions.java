package dev.migrate.plan;

import java.util.Collection;
import java.util.Optional;

import org.apache.commons.text.similarity.LevenshteinDistance;

/** "Did you mean" for misspelt names: the nearest known word by edit distance, when it is near enough. */
public final class Suggestions {

    private Suggestions() {
    }

    /** {@code " (did you mean batchSize?)"}, or an empty string when no known word is close. */
    public static String nearest(String word, Collection<String> known) {
        return closest(word, known).map(best -> " (did you mean " + best + "?)").orElse("");
    }

    /** The known word nearest to a misspelt one, when one is near enough; never the word itself. */
    public static Optional<String> closest(String word, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            if (candidate.equals(word)) {
                continue;
            }
            int d = distance(word.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(2, word.length() / 3) ? Optional.of(best) : Optional.empty();
    }

    /** The Levenshtein distance between two strings. */
    public static int distance(String a, String b) {
        return LevenshteinDistance.getDefaultInstance().apply(a, b);
    }
}
