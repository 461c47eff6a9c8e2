package dev.migrate.generate;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import dev.migrate.connect.Database;
import dev.migrate.dialect.Dialect;
import dev.migrate.schema.TableInfo;
import dev.migrate.transfer.ConversionException;
import dev.migrate.transfer.RowWriter;
import dev.migrate.transfer.ValueKind;
import dev.migrate.transfer.WriteTarget;
import net.datafaker.Faker;

/**
 * Makes and writes the rows of one table, on one thread, from one {@link Random} seeded with the block's seed and the
 * table's name: the same seed gives the same rows, whatever else the block holds. Rows go through the dialect's bulk
 * writer in one transaction: a table is filled whole or not at all.
 */
final class TableGenerator {

    static final int BATCH = 10_000;
    /** How many distinct values a default text column draws from. */
    static final int POOL = 10_000;
    /** The share of rows a nullable column without code leaves NULL. */
    static final double NULLS = 0.05;
    private static final int TRIES = 50;

    private final Database database;
    private final TableLayout layout;
    private final long rows;
    private final double dirtyShare;
    private final Random random;
    private final RowContext context;
    private final List<Slot> recipeOrder;

    TableGenerator(Database database, TableLayout layout, long rows, double dirtyShare, long seed, Locale locale) {
        this.database = database;
        this.layout = layout;
        this.rows = rows;
        this.dirtyShare = dirtyShare;
        this.random = new Random(seed * 1_000_003L + layout.table().name().toLowerCase(Locale.ROOT).hashCode());
        Faker faker = new Faker(locale, random);
        this.context = new RowContext(faker, random, new LinkedHashMap<>());
        layout.makeDefaults(faker, random, (int) Math.min(POOL, Math.max(1, rows)));
        this.recipeOrder = layout.recipeOrder();
    }

    /** Fills the table in a transaction of its own, committed at its end. */
    TableGenerated run() throws SQLException {
        try (Connection connection = database.connection()) {
            connection.setAutoCommit(false);
            try {
                return run(connection, true);
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** Fills the table in {@code shared}'s transaction (the tables of a cycle commit together), which it leaves open. */
    TableGenerated run(Connection shared) throws SQLException {
        return run(shared, false);
    }

    private TableGenerated run(Connection connection, boolean commit) throws SQLException {
        long started = System.nanoTime();
        layout.prepare(database);
        Dialect dialect = database.dialect();
        TableInfo table = layout.table();
        WriteTarget target = new WriteTarget(table.name(), dialect.qualify(table), layout.targetColumns(),
                layout.slots().stream().map(s -> dialect.quote(s.name())).toList(), List.of());
        long dirty = 0;
        String method;
        try (RowWriter writer = dialect.openWriter(connection, target)) {
            method = writer.method();
            try {
                Object[][] batch = new Object[BATCH][];
                int count = 0;
                for (long n = 1; n <= rows; n++) {
                    Object[] row = convert(make(n), n);
                    if (dirtyShare > 0 && random.nextDouble() < dirtyShare && dirty(row, batch, count)) {
                        dirty++;
                    }
                    batch[count++] = row;
                    if (count == BATCH) {
                        writer.add(batch, count);
                        batch = new Object[BATCH][];
                        count = 0;
                    }
                }
                writer.add(batch, count);
                writer.finish();
                if (commit) {
                    writer.commit();
                }
            } catch (SQLException | RuntimeException | Error e) {
                writer.abort();
                throw e;
            }
        }
        return new TableGenerated(table.name(), rows, dirty, method, (System.nanoTime() - started) / 1e9);
    }

    /** One row's values, as made: references first, then defaults in the table's order, then the block's columns in its order. */
    private Object[] make(long n) {
        List<Slot> slots = layout.slots();
        Object[] row = new Object[slots.size()];
        context.next(n);
        for (int r = 0; r < layout.references().size(); r++) {
            drawReference(r, row, n);
        }
        for (Slot slot : slots) {
            if (slot.recipe == null && slot.reference < 0) {
                row[slot.index] = defaultValue(slot, n);
            }
            if (slot.recipe == null) {
                context.put(slot.name(), row[slot.index]);
            }
        }
        for (Slot slot : recipeOrder) {
            row[slot.index] = fromRecipe(slot, n);
            context.put(slot.name(), row[slot.index]);
        }
        for (UniqueKey key : layout.uniqueKeys()) {
            keepUnique(key, row, n);
        }
        return row;
    }

    private Object defaultValue(Slot slot, long n) {
        if (slot.numbered) {
            long value = slot.next++;
            return slot.kind == ValueKind.BIGINT || slot.kind == ValueKind.DECIMAL ? (Object) value : (Object) Math.toIntExact(value);
        }
        if (slot.sometimesNull() && random.nextDouble() < NULLS) {
            return null;
        }
        try {
            return slot.maker.make(context);
        } catch (Exception e) {
            throw new GenerationFailure("table " + layout.table().name() + ", column " + slot.name() + ", row " + n + ": " + e.getMessage(), e);
        }
    }

    private Object fromRecipe(Slot slot, long n) {
        Object value;
        try {
            value = slot.recipe.maker().make(context);
        } catch (GenerationFailure e) {
            throw e;
        } catch (Exception e) {
            throw failure(slot, n, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        if (value instanceof CharSequence text && slot.kind == ValueKind.TEXT
                && text.toString().codePointCount(0, text.length()) > slot.maxLength) {
            throw failure(slot, n, "'" + text + "' is longer than the column's " + slot.maxLength + " characters", null);
        }
        return value;
    }

    private GenerationFailure failure(Slot slot, long n, String reason, Throwable cause) {
        String where = slot.recipe != null ? slot.recipe.location().prefix() : "";
        return new GenerationFailure(where + "table " + layout.table().name() + ", column " + slot.name() + ", row " + n + ": " + reason, cause);
    }

    private void drawReference(int r, Object[] row, long n) {
        TableLayout.Link link = layout.references().get(r);
        List<Object[]> parents = link.parentKeys();
        int available = link.available(n);
        boolean nullable = link.slots().stream().allMatch(s -> s.column.nullable());
        Object[] tuple;
        if (available == 0) {
            // the first row of a table that points into its own key: nowhere, or at itself
            tuple = nullable ? null : link.own(n);
        } else {
            tuple = nullable && random.nextDouble() < NULLS ? null : parents.get(random.nextInt(available));
        }
        for (Slot slot : link.slots()) {
            if (slot.recipe == null) {
                row[slot.index] = tuple == null ? null : tuple[slot.referencePosition];
            }
        }
    }

    /** A row whose unique key is taken gets new values for the key's columns the tool makes, until it is free. */
    private void keepUnique(UniqueKey key, Object[] row, long n) {
        if (key.claim(row)) {
            return;
        }
        if (key.slots().stream().allMatch(s -> s.recipe != null)) {
            throw failure(key.slots().get(0), n, "the block's code made " + key.describe(row) + " twice, but " + key.columns() + " is unique", null);
        }
        for (int attempt = 0; attempt < TRIES; attempt++) {
            for (int r = 0; r < layout.references().size(); r++) {
                if (layout.references().get(r).slots().stream().anyMatch(key.slots()::contains)) {
                    drawReference(r, row, n);
                }
            }
            for (Slot slot : key.slots()) {
                if (slot.recipe == null && slot.reference < 0) {
                    row[slot.index] = attempt < TRIES / 2 ? defaultValue(slot, n) : numberedText(slot, row[slot.index], n);
                }
            }
            if (key.claim(row)) {
                return;
            }
        }
        throw new GenerationFailure("table " + layout.table().name() + ": no new " + key.columns() + " left after " + TRIES
                + " tries at row " + n + "; ask for fewer rows or give the columns values of your own");
    }

    /** A text value made unique with the row's number: {@code ada.lovelace+17@example.com}, {@code Lorem ipsum-17}. */
    private static Object numberedText(Slot slot, Object value, long n) {
        if (!(value instanceof String text) || slot.kind != ValueKind.TEXT) {
            return value;
        }
        String suffix = (text.contains("@") ? "+" : "-") + n;
        int at = text.indexOf('@');
        if (at > 0) {
            String local = ColumnDefaults.fit(text.substring(0, at), Math.max(0, slot.maxLength - suffix.length() - (text.length() - at)));
            return local + suffix + text.substring(at);
        }
        return ColumnDefaults.fit(text, Math.max(0, slot.maxLength - suffix.length())) + suffix;
    }

    private Object[] convert(Object[] row, long n) {
        for (Slot slot : layout.slots()) {
            try {
                row[slot.index] = slot.converter.convert(row[slot.index]);
            } catch (ConversionException e) {
                throw failure(slot, n, e.getMessage(), e);
            }
        }
        return row;
    }

    /**
     * Puts one kind of legacy dirt into the row: text dirt into one text column, or the row made a copy of an earlier
     * one (its keys its own), or an orphan of a reference the database does not enforce. False when none suits it.
     */
    private boolean dirty(Object[] row, Object[][] batch, int count) {
        List<Slot> text = new ArrayList<>();
        for (Slot slot : layout.slots()) {
            if (slot.takesDirt() && row[slot.index] instanceof String) {
                text.add(slot);
            }
        }
        List<TableLayout.Link> unenforced = layout.references().stream().filter(l -> !l.enforced() && !l.parentKeys().isEmpty()).toList();
        boolean copies = layout.duplicatesAllowed() && count > 0;
        int choices = text.size() + (copies ? 1 : 0) + unenforced.size();
        if (choices == 0) {
            return false;
        }
        int choice = random.nextInt(choices);
        if (choice < text.size()) {
            Slot slot = text.get(choice);
            String before = (String) row[slot.index];
            row[slot.index] = Dirt.apply(before, slot.meaning, slot.maxLength, random);
            return !before.equals(row[slot.index]);
        }
        if (copies && choice == text.size()) {
            Object[] original = batch[random.nextInt(count)];
            for (Slot slot : layout.slots()) {
                if (!slot.inUniqueKey && !slot.numbered) {
                    row[slot.index] = original[slot.index];
                }
            }
            return true;
        }
        TableLayout.Link link = unenforced.get(choice - text.size() - (copies ? 1 : 0));
        Slot slot = link.slots().get(0);
        try {
            row[slot.index] = slot.converter.convert(link.orphan(random, slot.maxLength));
        } catch (ConversionException e) {
            return false;
        }
        return true;
    }

    /** A unique key of the table and the values it has (the table's rows and the ones made so far). */
    record UniqueKey(List<Slot> slots, Set<List<Object>> taken) {

        UniqueKey(List<Slot> slots) {
            this(List.copyOf(slots), new HashSet<>());
        }

        boolean claim(Object[] row) {
            List<Object> values = new ArrayList<>(slots.size());
            for (Slot slot : slots) {
                if (row[slot.index] == null) {
                    return true;
                }
                values.add(row[slot.index]);
            }
            return taken.add(values);
        }

        String columns() {
            return "(" + String.join(", ", slots.stream().map(Slot::name).toList()) + ")";
        }

        String describe(Object[] row) {
            return Arrays.toString(slots.stream().map(s -> row[s.index]).toArray());
        }

        /** The values the table has already: a new row must not repeat them. */
        void load(Connection connection, String select) throws SQLException {
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(select)) {
                while (rs.next()) {
                    List<Object> values = new ArrayList<>(slots.size());
                    for (int i = 0; i < slots.size(); i++) {
                        try {
                            values.add(slots.get(i).converter.convert(rs.getObject(i + 1)));
                        } catch (ConversionException e) {
                            values.add(rs.getObject(i + 1));
                        }
                    }
                    taken.add(values);
                }
            }
        }
    }
}
