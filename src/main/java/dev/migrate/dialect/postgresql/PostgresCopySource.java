package dev.migrate.dialect.postgresql;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

import dev.migrate.transfer.SourceCursor;
import dev.migrate.transfer.UnreadableValue;
import dev.migrate.transfer.Utf8;
import dev.migrate.transfer.ValueKind;

/**
 * Reads a PostgreSQL source with {@code COPY (SELECT ...) TO STDOUT}: the server streams rows without a
 * round trip per fetch, each row arrives as one array of bytes, and values are decoded from the text format
 * in place, the way the JDBC driver would decode them ({@code infinity} as the largest date, BC years as
 * negative ones, {@code 24:00} as the last instant of the day).
 */
final class PostgresCopySource implements SourceCursor {

    /** How each column's text becomes a value. */
    enum Decode { TEXT, BOOLEAN, INTEGER, BIGINT, REAL, DOUBLE, DECIMAL, DATE, TIME, TIMESTAMP, TIMESTAMP_TZ, BINARY, UUID }

    private final PGConnection connection;
    private final CopyOut copy;
    private final Decode[] decodes;
    private final int[] starts;
    private final int[] ends;
    private byte[] row;
    private byte[] scratch = new byte[256];

    private PostgresCopySource(PGConnection connection, CopyOut copy, Decode[] decodes) {
        this.connection = connection;
        this.copy = copy;
        this.decodes = decodes;
        this.starts = new int[decodes.length];
        this.ends = new int[decodes.length];
    }

    /**
     * Starts the COPY of {@code select} on a connection in a transaction. Dates print in ISO form (the driver
     * sets DateStyle), bytea in hex, instants in UTC.
     *
     * @param verbatim per column: whether its text is kept as it is printed rather than decoded
     */
    static PostgresCopySource open(Connection connection, String select, List<ValueKind> kinds, boolean[] verbatim) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET LOCAL bytea_output = 'hex'");
            s.execute("SET LOCAL TimeZone = 'UTC'");
        }
        Decode[] decodes = new Decode[kinds.size()];
        for (int c = 0; c < decodes.length; c++) {
            decodes[c] = verbatim[c] ? Decode.TEXT : decodeOf(kinds.get(c));
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        CopyOut copy = pg.getCopyAPI().copyOut("COPY (" + select + ") TO STDOUT");
        return new PostgresCopySource(pg, copy, decodes);
    }

    private static Decode decodeOf(ValueKind kind) {
        return switch (kind) {
            case BOOLEAN -> Decode.BOOLEAN;
            case INTEGER -> Decode.INTEGER;
            case BIGINT -> Decode.BIGINT;
            case REAL -> Decode.REAL;
            case DOUBLE -> Decode.DOUBLE;
            case DECIMAL -> Decode.DECIMAL;
            case DATE -> Decode.DATE;
            case TIME -> Decode.TIME;
            case TIMESTAMP -> Decode.TIMESTAMP;
            case TIMESTAMP_TZ -> Decode.TIMESTAMP_TZ;
            case BINARY -> Decode.BINARY;
            case UUID -> Decode.UUID;
            case TEXT, JSON, OTHER -> Decode.TEXT;
        };
    }

    @Override
    public boolean next() throws SQLException {
        row = copy.readFromCopy();
        if (row == null) {
            return false;
        }
        int column = 0;
        int start = 0;
        int end = row.length - 1; // the newline
        for (int i = 0; i < end; i++) {
            if (row[i] == '\t') {
                starts[column] = start;
                ends[column++] = i;
                start = i + 1;
            }
        }
        starts[column] = start;
        ends[column++] = end;
        if (column != decodes.length) {
            throw new SQLException("COPY sent " + column + " values in a row, not " + decodes.length);
        }
        return true;
    }

    @Override
    public Object value(int column) throws SQLException {
        int from = starts[column];
        int to = ends[column];
        if (to - from == 2 && row[from] == '\\' && row[from + 1] == 'N') {
            return null;
        }
        try {
            return switch (decodes[column]) {
                case TEXT -> text(from, to);
                case BOOLEAN -> row[from] == 't';
                case INTEGER -> (int) integer(from, to);
                case BIGINT -> integer(from, to);
                case REAL -> Float.parseFloat(ascii(from, to));
                case DOUBLE -> Double.parseDouble(ascii(from, to));
                case DECIMAL -> decimal(from, to);
                case DATE -> date(from, to);
                case TIME -> time(from, to);
                case TIMESTAMP -> timestamp(from, to);
                case TIMESTAMP_TZ -> instant(from, to);
                case BINARY -> bytea(from, to);
                case UUID -> UUID.fromString(ascii(from, to));
            };
        } catch (RuntimeException e) {
            throw new SQLException("cannot read " + decodes[column].name().toLowerCase(Locale.ROOT).replace('_', ' ') + " value '"
                    + text(from, to) + "': " + e.getMessage(), "22P02", e);
        }
    }

    @Override
    public void cancel() {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException ignored) {
            // the transaction is rolled back by the caller either way
        }
    }

    /** A cancel request on a connection of its own: the server ends the COPY, and the reading thread gets an error. */
    @Override
    public void interrupt() {
        try {
            connection.cancelQuery();
        } catch (SQLException ignored) {
            // the COPY has ended, or the server is gone: either way the reader is not waiting on it
        }
    }

    @Override
    public void close() {
        cancel();
    }

    /**
     * Text with COPY's backslash escapes undone; bytes that are not UTF-8 (which a SQL_ASCII database may hold) an
     * {@link UnreadableValue}.
     */
    private Object text(int from, int to) {
        int backslash = -1;
        for (int i = from; i < to; i++) {
            if (row[i] == '\\') {
                backslash = i;
                break;
            }
        }
        if (backslash < 0) {
            return utf8(row, from, to - from);
        }
        int n = unescape(from, to);
        return utf8(scratch, 0, n);
    }

    private static Object utf8(byte[] bytes, int offset, int length) {
        String text = Utf8.decode(bytes, offset, length);
        return text != null ? text : UnreadableValue.text(Arrays.copyOfRange(bytes, offset, offset + length), "UTF-8");
    }

    /** Undoes the escapes into {@link #scratch}; returns the bytes written. */
    private int unescape(int from, int to) {
        if (scratch.length < to - from) {
            scratch = new byte[Math.max(to - from, scratch.length * 2)];
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            byte b = row[i];
            if (b != '\\' || i + 1 == to) {
                scratch[n++] = b;
                continue;
            }
            byte e = row[++i];
            switch (e) {
                case 'b' -> scratch[n++] = '\b';
                case 'f' -> scratch[n++] = '\f';
                case 'n' -> scratch[n++] = '\n';
                case 'r' -> scratch[n++] = '\r';
                case 't' -> scratch[n++] = '\t';
                case 'v' -> scratch[n++] = 0x0b;
                case 'x' -> {
                    int v = 0;
                    int digits = 0;
                    while (digits < 2 && i + 1 < to && Character.digit(row[i + 1], 16) >= 0) {
                        v = v * 16 + Character.digit(row[++i], 16);
                        digits++;
                    }
                    scratch[n++] = digits == 0 ? (byte) 'x' : (byte) v;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        for (int d = 0; d < 2 && i + 1 < to && row[i + 1] >= '0' && row[i + 1] <= '7'; d++) {
                            v = v * 8 + (row[++i] - '0');
                        }
                        scratch[n++] = (byte) v;
                    } else {
                        scratch[n++] = e;
                    }
                }
            }
        }
        return n;
    }

    private String ascii(int from, int to) {
        return new String(row, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private long integer(int from, int to) {
        boolean negative = row[from] == '-';
        int i = negative ? from + 1 : from;
        if (i == to || to - i > 19) {
            return Long.parseLong(ascii(from, to));
        }
        long v = 0;
        for (; i < to; i++) {
            int d = row[i] - '0';
            if (d < 0 || d > 9) {
                return Long.parseLong(ascii(from, to));
            }
            v = v * 10 + d;
            if (v < 0) {
                // past Long.MAX_VALUE: only Long.MIN_VALUE gets here legitimately
                return Long.parseLong(ascii(from, to));
            }
        }
        return negative ? -v : v;
    }

    private BigDecimal decimal(int from, int to) {
        if (row[from] == 'N') {
            throw new IllegalArgumentException("NaN has no decimal value");
        }
        char[] chars = new char[to - from];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) row[from + i];
        }
        return new BigDecimal(chars);
    }

    private int digits(int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            int d = row[i] - '0';
            if (d < 0 || d > 9) {
                throw new IllegalArgumentException("not a digit at " + (i - from));
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** {@code yyyy-MM-dd} (more digits after year 9999), {@code BC} after for years before 1. */
    private LocalDate date(int from, int to) {
        if (infinite(from)) {
            return row[from] == 'i' ? LocalDate.MAX : LocalDate.MIN;
        }
        int dash = from;
        while (row[dash] != '-') {
            dash++;
        }
        int year = digits(from, dash - from);
        LocalDate date = LocalDate.of(year, digits(dash + 1, 2), digits(dash + 4, 2));
        return to - (dash + 6) >= 3 && row[to - 2] == 'B' && row[to - 1] == 'C' ? date.withYear(1 - year) : date;
    }

    /** {@code HH:mm:ss[.ffffff]} starting at {@code from}; {@code 24:00:00} is the last instant of the day. */
    private LocalTime time(int from, int to) {
        int hour = digits(from, 2);
        int minute = digits(from + 3, 2);
        int second = digits(from + 6, 2);
        int nanos = 0;
        int i = from + 8;
        if (i < to && row[i] == '.') {
            int scale = 100_000_000;
            for (i++; i < to && row[i] >= '0' && row[i] <= '9'; i++) {
                nanos += (row[i] - '0') * scale;
                scale /= 10;
            }
        }
        if (hour == 24) {
            return LocalTime.MAX;
        }
        return LocalTime.of(hour, minute, second, nanos);
    }

    private int timeEnd(int from, int to) {
        int i = from + 8;
        if (i < to && row[i] == '.') {
            for (i++; i < to && row[i] >= '0' && row[i] <= '9'; i++) {
                // the fraction
            }
        }
        return i;
    }

    private LocalDateTime timestamp(int from, int to) {
        if (infinite(from)) {
            return row[from] == 'i' ? LocalDateTime.MAX : LocalDateTime.MIN;
        }
        return wallTime(from, to, bc(to));
    }

    /** An instant printed in UTC: {@code yyyy-MM-dd HH:mm:ss[.ffffff]+00[ BC]}. */
    private OffsetDateTime instant(int from, int to) {
        if (infinite(from)) {
            return row[from] == 'i' ? OffsetDateTime.MAX : OffsetDateTime.MIN;
        }
        boolean bc = bc(to);
        int zone = timeEnd(dateEnd(from) + 1, to);
        // the session runs in UTC: +00, unless the server had to print an offset with minutes or seconds
        ZoneOffset offset = ZoneOffset.of(ascii(zone, bc ? to - 3 : to));
        return OffsetDateTime.of(wallTime(from, zone, bc), offset).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private boolean infinite(int from) {
        return row[from] == 'i' || row[from] == '-' && row[from + 1] == 'i';
    }

    private boolean bc(int to) {
        return row[to - 1] == 'C' && row[to - 2] == 'B';
    }

    private int dateEnd(int from) {
        int space = from;
        while (row[space] != ' ') {
            space++;
        }
        return space;
    }

    /** The date and time from {@code from}, the time ending at {@code to}; {@code 24:00} is the next midnight. */
    private LocalDateTime wallTime(int from, int to, boolean bc) {
        int space = dateEnd(from);
        LocalDate date = date(from, space);
        if (bc) {
            date = date.withYear(1 - date.getYear());
        }
        LocalTime time = time(space + 1, to);
        return time == LocalTime.MAX ? date.plusDays(1).atStartOfDay() : LocalDateTime.of(date, time);
    }

    /** {@code \\x0a0b...} (the backslash escaped by COPY): the bytes. */
    private byte[] bytea(int from, int to) {
        if (to - from < 3 || row[from] != '\\' || row[from + 1] != '\\' || row[from + 2] != 'x') {
            throw new IllegalArgumentException("bytea not in hex form");
        }
        int start = from + 3;
        byte[] bytes = new byte[(to - start) / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (Character.digit(row[start + 2 * i], 16) << 4 | Character.digit(row[start + 2 * i + 1], 16));
        }
        return bytes;
    }
}
