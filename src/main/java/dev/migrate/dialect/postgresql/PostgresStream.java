package dev.migrate.dialect.postgresql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

import dev.migrate.types.TypeMapping;
import dev.migrate.transfer.RowStream;

/**
 * PostgreSQL to PostgreSQL without decoding a value: {@code COPY (SELECT ...) TO STDOUT} on the source
 * streamed straight into {@code COPY ... FROM STDIN} on the target. When every column is of a built-in type
 * whose binary form both servers share, the stream is in the binary format (about a third faster: neither
 * server prints or parses a value); otherwise in the text format.
 */
final class PostgresStream implements RowStream {

    static final PostgresStream INSTANCE = new PostgresStream();

    private static final int FLUSH = 1 << 16;

    /**
     * Built-in types whose binary form is the same on every server since PostgreSQL 10 and carries no
     * server-specific identifier ({@code copy.binary} of the types table).
     */
    private static final Set<String> BINARY_SAFE = TypeMapping.forDialect(PostgresDialect.class, "PostgreSQL").names("copy.binary");

    /** Whether columns of these types (the same on both sides) can travel in COPY's binary format. */
    static boolean binarySafe(List<String> typeNames) {
        return typeNames.stream().allMatch(t -> BINARY_SAFE.contains(t.toLowerCase(Locale.ROOT)));
    }

    private PostgresStream() {
    }

    @Override
    public String method(List<String> typeNames) {
        return binarySafe(typeNames) ? "COPY stream (binary)" : "COPY stream (text)";
    }

    /**
     * Not from a SQL_ASCII database, which stores any bytes: its text is not UTF-8 the server has checked, so its
     * rows are decoded and checked value by value instead, and bytes that are not UTF-8 are rejected with their row
     * and column rather than failing the stream.
     */
    @Override
    public boolean carries(Connection source) throws SQLException {
        return !"SQL_ASCII".equals(source.unwrap(PGConnection.class).getParameterStatus("server_encoding"));
    }

    /** In the binary format when every column is {@link #binarySafe}; stops (and cancels both copies) when {@code stop} says so. */
    @Override
    public long copy(Connection source, String select, Connection target, String table, String columns, List<String> typeNames,
                     BooleanSupplier stop, LongConsumer rowsMoved, LongConsumer bytesMoved) throws SQLException {
        String format = binarySafe(typeNames) ? " (FORMAT binary)" : "";
        CopyOut out = source.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + select + ") TO STDOUT" + format);
        CopyIn in = null;
        // the server sends a row per message; in the binary format, the header comes with the first row and
        // the trailer on its own, so the count is one over until the target's own count replaces it
        long rows = 0;
        long reported = 0;
        try {
            in = target.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (" + columns + ") FROM STDIN" + format);
            byte[] buffer = new byte[FLUSH * 2];
            int length = 0;
            long pending = 0;
            byte[] row;
            while ((row = out.readFromCopy()) != null) {
                if (length + row.length > buffer.length) {
                    in.writeToCopy(buffer, 0, length);
                    bytesMoved.accept(length);
                    length = 0;
                    if (row.length > buffer.length) {
                        buffer = new byte[row.length * 2];
                    }
                }
                System.arraycopy(row, 0, buffer, length, row.length);
                length += row.length;
                pending++;
                if (length >= FLUSH) {
                    in.writeToCopy(buffer, 0, length);
                    bytesMoved.accept(length);
                    rowsMoved.accept(pending);
                    reported += pending;
                    length = 0;
                    pending = 0;
                    if (stop.getAsBoolean()) {
                        throw new SQLException("stopped: another partition of the table failed");
                    }
                }
            }
            if (length > 0) {
                in.writeToCopy(buffer, 0, length);
                bytesMoved.accept(length);
            }
            long copied = in.endCopy();
            rowsMoved.accept(copied - reported);
            return copied;
        } catch (SQLException | RuntimeException e) {
            // both copies end here, so that the caller's rollbacks do not wait for them; what they say adds to e
            if (out.isActive()) {
                try {
                    out.cancelCopy();
                } catch (SQLException cancel) {
                    e.addSuppressed(cancel);
                }
            }
            if (in != null && in.isActive()) {
                try {
                    in.cancelCopy();
                } catch (SQLException cancel) {
                    e.addSuppressed(cancel);
                }
            }
            throw e;
        }
    }
}
