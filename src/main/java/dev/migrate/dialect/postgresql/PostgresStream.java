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
 * streamed straight into {@code COPY ... FROM STDIN} on the target, row by row in the text format both share.
 */
public final class PostgresStream {

    private static final int FLUSH = 1 << 16;

    private PostgresStream() {
    }

    /** Whether rows can go from one database to the other this way: both are PostgreSQL. */
    public static boolean between(Dialect source, Dialect target) {
        return source instanceof PostgresDialect && target instanceof PostgresDialect;
    }

    /**
     * Copies the rows of {@code select} into {@code table (columns)}; the target connection's transaction is
     * the caller's. Reports rows and bytes as they go; stops (and cancels both copies) when {@code stop} says so.
     *
     * @return the rows copied
     */
    public static long copy(Connection source, String select, Connection target, String table, String columns,
                            BooleanSupplier stop, LongConsumer rowsMoved, LongConsumer bytesMoved) throws SQLException {
        CopyOut out = source.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + select + ") TO STDOUT");
        CopyIn in = null;
        long rows = 0;
        try {
            in = target.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " (" + columns + ") FROM STDIN");
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
                rows++;
                pending++;
                if (length >= FLUSH) {
                    in.writeToCopy(buffer, 0, length);
                    bytesMoved.accept(length);
                    rowsMoved.accept(pending);
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
            rowsMoved.accept(pending);
            in.endCopy();
            return rows;
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
