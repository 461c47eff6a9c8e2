package dev.migrate.generate;

import dev.migrate.plan.ScriptLocation;

/** {@code column('email') { faker.internet().emailAddress() }}: how one column's values are made. */
public record ColumnRecipe(String column, ValueMaker maker, ScriptLocation location) {
}
