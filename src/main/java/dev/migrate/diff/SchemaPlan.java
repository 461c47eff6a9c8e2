package dev.migrate.diff;

import java.util.List;

/**
 * What {@code plan} found: every difference, classified, the DDL a run would execute, in order, and the
 * source's objects that no run moves (views, routines, triggers, free sequences).
 *
 * @param emptied  the target tables a run empties before it loads them (mode TRUNCATE_INSERT)
 * @param refusals  why a run would stop before it changed anything (tables another table references, tables an
 *                  earlier run left half loaded); empty when it would go on
 * @param undecided what a run would stop on as undecided beyond the breaking differences (two columns into one, a
 *                  generated target column), each with the decision it needs
 * @param selection which tables a run moves and why, in one line ({@code "3 tables: the ones `tables` lists"})
 * @param renamed   the names the {@code identifiers} setting changes, as {@code Album → album} and
 *                  {@code Album.AlbumId → album.album_id}; empty under AS_IS
 * @param movedWhole the tables a run moves in one piece, each with why: {@code "orders: a query's rows move in one piece"}
 */
public record SchemaPlan(String migration, String source, String target, List<Difference> differences, List<String> ddl,
                         List<String> notMigrated, List<String> emptied, List<String> refusals, List<String> undecided,
                         String selection, List<String> renamed, List<String> movedWhole) {

    public SchemaPlan {
        differences = List.copyOf(differences);
        ddl = List.copyOf(ddl);
        notMigrated = List.copyOf(notMigrated);
        emptied = List.copyOf(emptied);
        refusals = List.copyOf(refusals);
        undecided = List.copyOf(undecided);
        renamed = List.copyOf(renamed);
        movedWhole = List.copyOf(movedWhole);
    }

    public SchemaPlan(String migration, String source, String target, List<Difference> differences, List<String> ddl,
                      List<String> notMigrated, List<String> emptied, List<String> refusals, List<String> undecided,
                      String selection, List<String> renamed) {
        this(migration, source, target, differences, ddl, notMigrated, emptied, refusals, undecided, selection, renamed, List.of());
    }

    public SchemaPlan(String migration, String source, String target, List<Difference> differences, List<String> ddl,
                      List<String> notMigrated, List<String> emptied, List<String> refusals, List<String> undecided) {
        this(migration, source, target, differences, ddl, notMigrated, emptied, refusals, undecided, null, List.of());
    }

    public SchemaPlan(String migration, String source, String target, List<Difference> differences, List<String> ddl,
                      List<String> notMigrated) {
        this(migration, source, target, differences, ddl, notMigrated, List.of(), List.of(), List.of(), null, List.of());
    }

    /** Whether a run would stop for want of the script's decision: a breaking difference, or another undecided point. */
    public boolean undecidedByScript() {
        return !breaking().isEmpty() || !undecided.isEmpty();
    }

    public long count(Category category) {
        return differences.stream().filter(d -> d.category() == category).count();
    }

    public List<Difference> breaking() {
        return differences.stream().filter(d -> d.category() == Category.BREAKING).toList();
    }
}
