package dev.migrate.engine;

import java.util.List;

/**
 * Differences between source and target that the script has not decided: the run moves no row (exit 3).
 * Each problem names the table and column and what the script must say.
 */
public class SchemaMismatch extends RuntimeException {

    private final List<String> problems;

    public SchemaMismatch(List<String> problems) {
        super(problems.size() + (problems.size() == 1 ? " difference needs" : " differences need") + " a decision in the script:\n  "
                + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
