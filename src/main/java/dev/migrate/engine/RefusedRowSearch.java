package dev.migrate.engine;

import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Arrays;

import dev.migrate.transfer.RowWriter;

/**
 * Writes the batches of a partition that may reject rows, each piece one complete statement behind a savepoint
 * (a COPY or LOAD DATA of its own where the database has a bulk path). A piece the database refuses is rolled back
 * to its savepoint and found out: where the refusal names its row, the rows before it are written again as one
 * piece, that row alone, and the rest goes on; where it does not, the piece is split in halves. A row refused
 * alone is rejected, so every other row lands exactly once.
 *
 * <p>Clean data goes a whole batch a statement. After a refusal the pieces shrink, so that the rows written again
 * before the next bad row stay few; they grow back while pieces go through.
 */
final class RefusedRowSearch {

    /** The smallest piece a run of refusals brings the pieces down to. */
    static final int SMALLEST_PIECE = 128;

    /** What to do with a row the database refused alone. */
    @FunctionalInterface
    interface Rejection {
        void reject(Object[] row, SQLException refusal) throws RowFailure;
    }

    private final Destination.Transaction transaction;
    private final RowWriter writer;
    private final Rejection rejection;
    /** Rows a statement takes now; a batch at most. */
    private int piece = Integer.MAX_VALUE;

    RefusedRowSearch(Destination.Transaction transaction, RowWriter writer, Rejection rejection) {
        this.transaction = transaction;
        this.writer = writer;
        this.rejection = rejection;
    }

    /** Writes a batch in pieces; returns the rows refused. */
    int add(Object[][] rows, int count) throws SQLException, RowFailure {
        int refused = 0;
        for (int from = 0; from < count; ) {
            int n = Math.min(piece, count - from);
            int bad = place(rows, from, n, true);
            if (bad > 0) {
                piece = Math.max(SMALLEST_PIECE, n / 4);
            } else if (n == piece) {
                piece = (int) Math.min(Integer.MAX_VALUE, 2L * piece);
            }
            refused += bad;
            from += n;
        }
        return refused;
    }

    /**
     * Writes {@code rows[from, from + n)}, finding the rows the database refuses; returns how many it refused.
     * {@code trustRow}: whether to go straight to the row a refusal names (not for rows that already went through
     * together once, whose refusal would say the database's hint was wrong).
     */
    private int place(Object[][] rows, int from, int n, boolean trustRow) throws SQLException, RowFailure {
        int refused = 0;
        while (n > 0) {
            SQLException refusal = write(rows, from, n);
            if (refusal == null) {
                return refused;
            }
            if (n == 1) {
                rejection.reject(rows[from], refusal);
                return refused + 1;
            }
            int bad = trustRow ? writer.refusedRow(refusal) : -1;
            if (bad < 0 || bad >= n) {
                int half = n / 2;
                return refused + place(rows, from, half, true) + place(rows, from + half, n - half, true);
            }
            if (bad > 0) {
                refused += place(rows, from, bad, false);
            }
            refused += place(rows, from + bad, 1, false);
            from += bad + 1;
            n -= bad + 1;
        }
        return refused;
    }

    /** One statement behind a savepoint: null when it went through, else the refusal, rolled back. */
    private SQLException write(Object[][] rows, int from, int n) throws SQLException {
        // a writer takes the first n rows of what it is given
        Object[][] piece = from == 0 ? rows : Arrays.copyOfRange(rows, from, from + n);
        Savepoint savepoint = transaction.savepoint();
        try {
            writer.add(piece, n);
        } catch (SQLException refusal) {
            transaction.rollbackTo(savepoint);
            return refusal;
        }
        transaction.release(savepoint);
        return null;
    }
}
