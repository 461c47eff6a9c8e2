package dev.migrate.diff;

/**
 * One difference between the source (as the script maps it) and the target: what kind it is and the names and types
 * it concerns, for code to act on, and the same in words, for people.
 *
 * @param table        the target table
 * @param column       the column concerned, or null for the table itself
 * @param what         what differs, e.g. {@code type VARCHAR(200) -> VARCHAR(50)}
 * @param action       what the tool does, or what the script must say
 * @param kind         which difference this is
 * @param renamedTo    the target column a source column was (or probably was) renamed to; else null
 * @param confidence   how sure that rename is, 0 to 1; else null
 * @param sourceType   the source column's type, for a type difference; else null
 * @param targetType   the target column's type, for a type difference; else null
 * @param targetLength the target column's length where it holds shorter text than the source; else null
 */
public record Difference(String table, String column, Category category, String what, String action, Kind kind,
                         String renamedTo, Double confidence, String sourceType, String targetType, Integer targetLength) {

    /** The target column's name in a suggested {@code rename}, where no candidate is known. */
    public static final String TARGET_COLUMN = "target_column";

    /** Which difference: what {@link #what()} says in words. */
    public enum Kind {
        /** The target has no such table. */
        TABLE_MISSING,
        /** A source column goes into a target column of another name that is surely the same. */
        RENAMED,
        /** A source column has no target column, but probably goes into {@link #renamedTo()}. */
        PROBABLY_RENAMED,
        /** A source column has no target column. */
        NO_TARGET_COLUMN,
        /** A target column no source column feeds. */
        ONLY_IN_TARGET,
        /** The two columns' types differ. */
        TYPE,
        /** The source allows NULL where the target does not. */
        NULLABILITY,
        /** A default only the source declares. */
        DEFAULT,
        /** The primary keys differ. */
        PRIMARY_KEY,
        /** A unique constraint or index only the target has. */
        UNIQUE,
        /** An index only the source has. */
        INDEX,
        /** A foreign key only the source has. */
        FOREIGN_KEY,
        /** A name the target cannot hold. */
        NAME,
        OTHER
    }

    public Difference(String table, String column, Category category, String what, String action) {
        this(table, column, category, what, action, Kind.OTHER, null, null, null, null, null);
    }

    public static Difference of(Kind kind, String table, String column, Category category, String what, String action) {
        return new Difference(table, column, category, what, action, kind, null, null, null, null, null);
    }

    /** This difference naming the target column that {@link #column()} is (or probably is) renamed to. */
    public Difference renamed(String to, double sure) {
        return new Difference(table, column, category, what, action, kind, to, sure, sourceType, targetType, targetLength);
    }

    /** This difference naming both types, and the target's length when its text is shorter. */
    public Difference types(String from, String to, Integer shorterLength) {
        return new Difference(table, column, category, what, action, kind, renamedTo, confidence, from, to, shorterLength);
    }

    /** The {@code rename} a script writes to send {@code column} into another column, with the name left to fill in. */
    public static String renameHint(String column) {
        return "rename '" + column + "', to: '" + TARGET_COLUMN + "'";
    }

    public String describe() {
        return "table " + table + (column == null ? "" : ", column " + column) + ": " + what + " -> " + action;
    }
}
