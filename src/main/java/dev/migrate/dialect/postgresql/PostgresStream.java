package dev.migrate.dialect.postgresql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

import dev.migrate.dialect.Dialect;

/**
 * PostgreSQL to PostgreSQL without decoding a value: {@code COPY (SELECT ...) TO STDOUT} on the source
 * streamed straight into {@code COPY ... FROM STDIN} on the target. When every column is of a built-in type
 * whose binary form both servers share, the stream is in the binary format (about a third faster: neither
 * server prints or parses a value); otherwise in the text format.
 */
public final class PostgresStream {

    private static final int FLUSH = 1 << 16;

    /**
     * Built-in types whose binary form is the same on every server since PostgreSQL 10 and carries no
     * server-specific identifier (arrays carry their element type's OID, enums and domains are per database).
     */
    private static final java.util.Set<String> BINARY_SAFE = java.util.Set.of(
            "bool", "boolean", "int2", "smallint", "int4", "integer", "int", "int8", "bigint", "float4", "real",
            "float8", "double precision", "numeric", "decimal", "text", "varchar", "character varying", "bpchar", "char",
            "character", "date", "time", "time without time zone", "timestamp", "timestamp without time zone",
            "timestamptz", "timestamp with time zone", "interval", "bytea", "uuid", "json", "jsonb", "inet", "cidr");

    /** Whether columns of these types (the same on both sides) can travel in COPY's binary format. */
    public static boolean binarySafe(java.util.List<String> typeNames) {
        return typeNames.stream().allMatch(t -> BINARY_SAFE.contains(t.toLowerCase(java.util.Locale.ROOT)));
    }

    private PostgresStream() {
    }

    /**
     * Whether the source's text is UTF-8 the server has checked: not in a SQL_ASCII database, which stores any
     * bytes. Such a database's rows are decoded and checked value by value instead, so that bytes that are not
     * UTF-8 are rejected with their row and column rather than failing the stream.
     */
    public static boolean checkedText(javax.sql.DataSource source) throws SQLException {
        try (Connection c = source.getConnection()) {
            return !"SQL_ASCII".equals(c.unwrap(PGConnection.class).getParameterStatus("server_encoding"));
        }
    }

    /** Whether rows can go from one database to the other this way: both are PostgreSQL. */
    public static boolean between(Dialect source, Dialect target) {
        return source instanceof PostgresDialect && target instanceof PostgresDialect;
    }

    /**
     * Copies the rows of {@code select} into {@code table (columns)}; the target connection's transaction is
     * the caller's. Reports rows and bytes as they go; stops (and cancels both copies) when {@code stop} says so.
     *
     * @param binary whether to copy in the binary format: only for columns {@link #binarySafe} and of the same
     *               type on both sides
     * @return the rows copied, as the target counted them
     */
    public static long copy(Connection source, String select, Connection target, String table, String columns, boolean binary,
                            BooleanSupplier stop, LongConsumer rowsMoved, LongConsumer bytesMoved) throws SQLException {
        String format = binary ? " (FORMAT binary)" : "";
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
            if (out.isActive()) {
                try {
                    out.cancelCopy();
                } catch (SQLException ignored) {
                    // the source transaction is rolled back by the caller
                }
            }
            if (in != null && in.isActive()) {
                try {
                    in.cancelCopy();
                } catch (SQLException ignored) {
                    // the target transaction is rolled back by the caller
                }
            }
            throw e;
        }
    }
}
