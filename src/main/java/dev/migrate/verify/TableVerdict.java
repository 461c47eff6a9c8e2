package dev.migrate.verify;

import java.util.List;

/**
 * How one table compared.
 *
 * @param table       the target table
 * @param method      how it was compared: {@code hashes} (key ranges hashed inside both databases, all alike),
 *                    {@code hashes, N rows} (the ranges that differed matched row by row), {@code rows} (every row and
 *                    column, through the script's transforms), {@code keys} (the key sets, where rows cannot be
 *                    matched one to one: queries, tables several sources feed) or {@code counts} (row counts only, where
 *                    the table has no key the sources write as they read it)
 * @param sourceRows  rows the source gives the table (after {@code where}, row code and queries)
 * @param targetRows  rows the target table holds
 * @param differences differing rows found (at most {@link #KEPT} are kept)
 * @param found       how many differing rows there are in all
 * @param error       why the table could not be compared, else null
 */
public record TableVerdict(String table, String method, long sourceRows, long targetRows, double seconds, List<RowDifference> differences,
                           long found, String error) {

    /** Differing rows kept per table, for the report; beyond it they are counted. */
    public static final int KEPT = 10_000;

    public boolean equal() {
        return error == null && found == 0 && sourceRows == targetRows;
    }

    public String status() {
        return error != null ? "not compared" : equal() ? "equal" : "different";
    }
}
