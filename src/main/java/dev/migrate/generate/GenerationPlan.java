package dev.migrate.generate;

import java.util.List;
import java.util.Locale;

import dev.migrate.plan.Endpoint;
import dev.migrate.plan.ScriptLocation;

/**
 * What a script's {@code generate { }} block says, as an immutable value.
 *
 * @param script   the script's file name, for messages
 * @param database the database filled: the block's own {@code database { }}, else the migration's source
 * @param seed     the same seed gives the same rows
 * @param dirty    the share of rows (0..1) that get legacy dirt, where a table does not say otherwise
 * @param locale   the language of the fake values
 * @param tables   the tables to fill, as the block lists them (they are filled parents first)
 */
public record GenerationPlan(String script, Endpoint database, long seed, double dirty, Locale locale,
                             List<GeneratedTable> tables, ScriptLocation location) {

    public GenerationPlan {
        tables = List.copyOf(tables);
    }

    public GenerationPlan withSeed(long newSeed) {
        return new GenerationPlan(script, database, newSeed, dirty, locale, tables, location);
    }

    /** Every table's row count multiplied by {@code factor} (at least one row each). */
    public GenerationPlan scaled(double factor) {
        return new GenerationPlan(script, database, seed, dirty, locale,
                tables.stream().map(t -> t.withRows(Math.max(1, Math.round(t.rows() * factor)))).toList(), location);
    }

    public GenerationPlan withDatabase(Endpoint newDatabase) {
        return new GenerationPlan(script, newDatabase, seed, dirty, locale, tables, location);
    }
}
