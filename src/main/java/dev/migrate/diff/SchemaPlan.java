package dev.migrate.diff;

import java.util.List;

/**
 * What {@code plan} found: every difference, classified, the DDL a run would execute, in order, and the
 * source's objects that no run moves (views, routines, triggers, free sequences).
 */
public record SchemaPlan(String migration, String source, String target, List<Difference> differences, List<String> ddl,
                         List<String> notMigrated) {

    public SchemaPlan {
        differences = List.copyOf(differences);
        ddl = List.copyOf(ddl);
        notMigrated = List.copyOf(notMigrated);
    }

    public long count(Category category) {
        return differences.stream().filter(d -> d.category() == category).count();
    }

    public List<Difference> breaking() {
        return differences.stream().filter(d -> d.category() == Category.BREAKING).toList();
    }
}
