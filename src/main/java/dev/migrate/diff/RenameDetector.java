package dev.migrate.diff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

import dev.migrate.plan.Suggestions;
import dev.migrate.schema.Names;

/**
 * Pairs source columns that have no target column with target columns that no source column feeds:
 * names equal once case and separators are folded ({@code AlbumId} and {@code album_id}) are a sure rename;
 * names similar enough, with compatible types, are a probable one, with a confidence.
 */
public final class RenameDetector {

    /** Names at least this similar (0..1) are offered as probable renames. */
    public static final double THRESHOLD = 0.7;

    public record Rename(String source, String target, double confidence) {

        public boolean certain() {
            return confidence >= 1.0;
        }
    }

    private RenameDetector() {
    }

    /**
     * @param compatible whether a source column's values can go into a target column
     */
    public static List<Rename> pair(List<String> sources, List<String> targets, BiPredicate<String, String> compatible) {
        List<Rename> candidates = new ArrayList<>();
        for (String s : sources) {
            for (String t : targets) {
                double score = similarity(Names.fold(s), Names.fold(t));
                if (score >= THRESHOLD && (score >= 1.0 || compatible.test(s, t))) {
                    candidates.add(new Rename(s, t, score));
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(Rename::confidence).reversed()
                .thenComparing(Rename::source).thenComparing(Rename::target));
        Set<String> usedSources = new HashSet<>();
        Set<String> usedTargets = new HashSet<>();
        List<Rename> chosen = new ArrayList<>();
        for (Rename r : candidates) {
            if (!usedSources.contains(r.source()) && !usedTargets.contains(r.target())) {
                usedSources.add(r.source());
                usedTargets.add(r.target());
                chosen.add(r);
            }
        }
        return chosen;
    }

    /** 1 minus the edit distance over the longer length, on folded names. */
    static double similarity(String a, String b) {
        if (a.equals(b)) {
            return 1.0;
        }
        int longer = Math.max(a.length(), b.length());
        if (longer == 0) {
            return 0;
        }
        return Math.round((1.0 - (double) Suggestions.distance(a, b) / longer) * 100) / 100.0;
    }
}
