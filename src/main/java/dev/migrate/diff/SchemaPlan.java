package dev.migrate.diff;

import java.util.List;

/**
 * What {@code plan} found: every difference, classified, and the DDL a run would execute, in order.
 */
public record SchemaPlan(String migration, String source, String target, List<Difference> differences, List<String> ddl) {

    public SchemaPlan {
        differences = List.copyOf(differences);
        ddl = List.copyOf(ddl);
    }

    public long count(Category category) {
        return differences.stream().filter(d -> d.category() == category).count();
    }

    public List<Difference> breaking() {
        return differences.stream().filter(d -> d.category() == Category.BREAKING).toList();
    }
}
