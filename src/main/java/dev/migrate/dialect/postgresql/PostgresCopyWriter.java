package dev.migrate.dialect.postgresql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.PSQLException;

import dev.migrate.dialect.AbstractDialect;
import dev.migrate.transfer.TransactionalWriter;
import dev.migrate.transfer.WriteTarget;

/**
 * Writes a partition as one {@code COPY ... FROM STDIN} stream in text format or, for a table that may reject rows,
 * each batch as a {@code COPY} of its own, whose error names the line it stopped at. Rows are sent in chunks of about
 * {@value #CHUNK} bytes as they are encoded: the encoded rows in memory are one chunk, not a batch (whose bytea
 * doubles in hex).
 */
final class PostgresCopyWriter extends TransactionalWriter {

    /** {@code COPY items, line 3} or {@code COPY items, line 3, column qty: "-3"}: where in its rows a COPY stopped. */
    private static final Pattern COPY_LINE = Pattern.compile("^COPY .*?, line (\\d+)(?:[,:]|$)", Pattern.MULTILINE);

    private static final int CHUNK = 1 << 18;

    private final WriteTarget target;
    private final boolean statements;
    private final CopyTextEncoder encoder = new CopyTextEncoder();
    private CopyIn copy;
    /** The failure of the last batch to encode one of its rows, and that row. */
    private SQLException unencodable;
    private int unencodableRow;

    /** @param statements each batch a COPY of its own, ended before {@link #add} returns */
    PostgresCopyWriter(Connection connection, WriteTarget target, boolean statements) {
        super(connection);
        this.target = target;
        this.statements = statements;
    }

    /**
     * Rows to merge are copied into a scratch table of this writer's first, then upserted in one statement. Its
     * name is the writer's own: the tables of a foreign-key cycle write one after another in one transaction.
     */
    private static final AtomicLong SCRATCH_TABLES = new AtomicLong();
    private final String scratch = "migrate_merge_" + SCRATCH_TABLES.incrementAndGet();

    @Override
    public void add(Object[][] rows, int count) throws SQLException {
        if (statements) {
            copyAlone(rows, count);
            return;
        }
        if (copy == null) {
            String into = target.qualifiedName();
            if (target.merges()) {
                try (Statement s = connection.createStatement()) {
                    s.execute("CREATE TEMP TABLE " + scratch + " ON COMMIT DROP AS SELECT " + target.columnList() + " FROM "
                            + target.qualifiedName() + " WITH NO DATA");
                }
                into = scratch;
            }
            copy = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + into + " (" + target.columnList() + ") FROM STDIN");
        }
        encode(rows, count, copy);
    }

    /** The rows as one complete COPY: all of them in, or none and the COPY's error. */
    private void copyAlone(Object[][] rows, int count) throws SQLException {
        CopyIn one = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + target.qualifiedName() + " (" + target.columnList() + ") FROM STDIN");
        try {
            encode(rows, count, one);
            one.endCopy();
        } catch (SQLException e) {
            if (one.isActive()) {
                try {
                    one.cancelCopy();
                } catch (SQLException ignored) {
                    // the caller rolls back to its savepoint either way
                }
            }
            throw e;
        }
    }

    /** Encodes the rows into {@code into}, a chunk at a time. */
    private void encode(Object[][] rows, int count, CopyIn into) throws SQLException {
        encoder.reset();
        int width = target.columns().size();
        for (int r = 0; r < count; r++) {
            try {
                encoder.row(rows[r], width);
            } catch (IllegalArgumentException e) {
                unencodable = new SQLException(e.getMessage(), "22021", e);
                unencodableRow = r;
                throw unencodable;
            }
            if (encoder.length() >= CHUNK) {
                send(into);
            }
        }
        send(into);
    }

    private void send(CopyIn into) throws SQLException {
        if (encoder.length() > 0) {
            into.writeToCopy(encoder.buffer(), 0, encoder.length());
            bytes += encoder.length();
            encoder.reset();
        }
    }

    /** The row a COPY's error names in its context ({@code COPY items, line 3}), or the row that could not be encoded. */
    @Override
    public int refusedRow(SQLException refusal) {
        if (refusal == unencodable) {
            return unencodableRow;
        }
        for (Throwable t = refusal; t != null; t = t.getCause()) {
            if (t instanceof PSQLException p && p.getServerErrorMessage() != null && p.getServerErrorMessage().getWhere() != null) {
                Matcher line = COPY_LINE.matcher(p.getServerErrorMessage().getWhere());
                return line.find() ? Integer.parseInt(line.group(1)) - 1 : -1;
            }
        }
        return -1;
    }

    @Override
    public String method() {
        return "COPY";
    }

    @Override
    public void finish() throws SQLException {
        if (copy != null && copy.isActive()) {
            copy.endCopy();
        }
        if (copy != null && target.merges()) {
            try (Statement s = connection.createStatement()) {
                s.execute("INSERT INTO " + target.qualifiedName() + " (" + target.columnList() + ") SELECT " + target.columnList()
                        + " FROM " + scratch + AbstractDialect.onConflict(target));
                s.execute("DROP TABLE " + scratch);
            }
        }
    }


    @Override
    public void abort() {
        try {
            if (copy != null && copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException ignored) {
            // the rollback below ends the transaction either way
        }
        super.abort();
    }


    @Override
    public void close() {
        abortIfActive();
    }

    private void abortIfActive() {
        if (copy != null && copy.isActive()) {
            abort();
        }
    }
}
