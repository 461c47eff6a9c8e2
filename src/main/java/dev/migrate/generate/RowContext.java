package dev.migrate.generate;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import net.datafaker.Faker;

/**
 * What a column's code sees while a row is made: the table's seeded {@link Faker} and {@link Random} (use them, not
 * new ones, so the seed gives the same rows), the row so far and its number.
 */
public final class RowContext {

    private final Faker faker;
    private final Random random;
    private final Map<String, Object> row;
    private long rowNumber;

    RowContext(Faker faker, Random random, Map<String, Object> row) {
        this.faker = faker;
        this.random = random;
        this.row = row;
    }

    public Faker getFaker() {
        return faker;
    }

    public Random getRandom() {
        return random;
    }

    /** The values made so far for this row: every default column, and the block's columns before this one. */
    public Map<String, Object> getRow() {
        return Collections.unmodifiableMap(row);
    }

    /** 1 for the first row this run makes for the table. */
    public long getRowNumber() {
        return rowNumber;
    }

    void next(long number) {
        rowNumber = number;
        row.clear();
    }

    void put(String column, Object value) {
        row.put(column, value);
    }

    /** One of the values, drawn with the table's random: {@code oneOf 'NEW', 'PAID', 'SHIPPED'}. */
    public Object oneOf(Object... values) {
        return values[random.nextInt(values.length)];
    }

    public Object oneOf(List<?> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A whole number from {@code low} to {@code high}, both included. */
    public long between(long low, long high) {
        return low + (long) (random.nextDouble() * (high - low + 1));
    }
}
