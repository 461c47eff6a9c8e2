package dev.migrate.dialect.postgresql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import dev.migrate.dialect.AbstractDialect;
import dev.migrate.transfer.TransactionalWriter;
import dev.migrate.transfer.WriteTarget;

/**
 * Writes a partition as one {@code COPY ... FROM STDIN} stream in text format, sent in chunks of about
 * {@value #CHUNK} bytes: the encoded rows in memory are one chunk, not a batch (whose bytea doubles in hex).
 */
final class PostgresCopyWriter extends TransactionalWriter {

    private static final int CHUNK = 1 << 18;

    private final WriteTarget target;
    private final CopyTextEncoder encoder = new CopyTextEncoder();
    private CopyIn copy;

    PostgresCopyWriter(Connection connection, WriteTarget target) {
        super(connection);
        this.target = target;
    }

    /**
     * Rows to merge are copied into a scratch table of this writer's first, then upserted in one statement. Its
     * name is the writer's own: the tables of a foreign-key cycle write one after another in one transaction.
     */
    private static final AtomicLong SCRATCH_TABLES = new AtomicLong();
    private final String scratch = "migrate_merge_" + SCRATCH_TABLES.incrementAndGet();

    @Override
    public void add(Object[][] rows, int count) throws SQLException {
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
        encoder.reset();
        int width = target.columns().size();
        for (int r = 0; r < count; r++) {
            try {
                encoder.row(rows[r], width);
            } catch (IllegalArgumentException e) {
                throw new SQLException(e.getMessage(), "22021", e);
            }
            if (encoder.length() >= CHUNK) {
                send();
            }
        }
        send();
    }

    private void send() throws SQLException {
        if (encoder.length() > 0) {
            copy.writeToCopy(encoder.buffer(), 0, encoder.length());
            bytes += encoder.length();
            encoder.reset();
        }
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
