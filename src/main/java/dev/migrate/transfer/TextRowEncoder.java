package dev.migrate.transfer;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Encodes rows into the tab-separated, backslash-escaped text that bulk loaders read (PostgreSQL's COPY text
 * format, MySQL's LOAD DATA defaults): a tab between values, a newline after each row, {@code \N} for NULL,
 * backslash escapes for backslash, tab, newline and carriage return, text as UTF-8. Numbers and date-times
 * are written digit by digit into the buffer, without an intermediate string. The databases differ in how
 * they write booleans, bytes, the NUL character, time zones and fractions of a second; each subclass says how.
 */
public abstract class TextRowEncoder {

    private static final byte[] DIGITS = "0123456789".getBytes(StandardCharsets.US_ASCII);

    /** For each ASCII character, the letter that follows the backslash when it is escaped, or 0. */
    private static final byte[] ESCAPES = new byte[128];

    static {
        ESCAPES['\\'] = '\\';
        ESCAPES['\t'] = 't';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
    }

    protected byte[] buffer = new byte[1 << 16];
    protected int length;

    public final void reset() {
        length = 0;
    }

    public final byte[] buffer() {
        return buffer;
    }

    public final int length() {
        return length;
    }

    /** Encodes the first {@code width} values of a row. */
    public final void row(Object[] values, int width) {
        for (int c = 0; c < width; c++) {
            if (c > 0) {
                put((byte) '\t');
            }
            value(values[c]);
        }
        put((byte) '\n');
    }

    private void value(Object v) {
        if (v == null) {
            ensure(2);
            buffer[length++] = '\\';
            buffer[length++] = 'N';
        } else if (v instanceof String s) {
            text(s);
        } else if (v instanceof Integer i) {
            integer(i);
        } else if (v instanceof Long l) {
            integer(l);
        } else if (v instanceof BigDecimal d) {
            ascii(d.toPlainString());
        } else if (v instanceof Boolean b) {
            put(b ? trueByte() : falseByte());
        } else if (v instanceof LocalDateTime t) {
            dateTime(t);
        } else if (v instanceof OffsetDateTime t) {
            dateTime(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
            utcSuffix();
        } else if (v instanceof LocalDate d) {
            date(d);
        } else if (v instanceof LocalTime t) {
            time(t);
        } else if (v instanceof byte[] bytes) {
            bytes(bytes);
        } else {
            text(v.toString());
        }
    }

    /** How a boolean's true and false are written. */
    protected abstract byte trueByte();

    protected abstract byte falseByte();

    /** Writes bytes (a binary value). */
    protected abstract void bytes(byte[] bytes);

    /** Writes the NUL character inside text, or refuses it. */
    protected abstract void nul();

    /** What follows an instant's UTC wall time: nothing where sessions run in UTC, else a zone. */
    protected void utcSuffix() {
    }

    /** The digits of a fraction of a second to keep: 6 truncates to microseconds, 9 keeps every digit. */
    protected int fractionDigits() {
        return 9;
    }

    /** Writes text escaped, as UTF-8. */
    protected final void text(String s) {
        int n = s.length();
        ensure(n * 3 + 2);
        byte[] b = buffer;
        int at = length;
        for (int i = 0; i < n; i++) {
            char ch = s.charAt(i);
            if (ch < 0x80) {
                byte escape = ESCAPES[ch];
                if (escape != 0) {
                    b[at++] = '\\';
                    b[at++] = escape;
                } else if (ch == 0) {
                    length = at;
                    nul();
                    b = buffer;
                    at = length;
                } else {
                    b[at++] = (byte) ch;
                }
            } else if (ch < 0x800) {
                b[at++] = (byte) (0xc0 | (ch >> 6));
                b[at++] = (byte) (0x80 | (ch & 0x3f));
            } else if (Character.isHighSurrogate(ch) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(ch, s.charAt(++i));
                b[at++] = (byte) (0xf0 | (cp >> 18));
                b[at++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                b[at++] = (byte) (0x80 | (cp & 0x3f));
            } else if (Character.isSurrogate(ch)) {
                length = at;
                throw new IllegalArgumentException("text holds a lone UTF-16 surrogate (U+" + Integer.toHexString(ch) + ")");
            } else {
                b[at++] = (byte) (0xe0 | (ch >> 12));
                b[at++] = (byte) (0x80 | ((ch >> 6) & 0x3f));
                b[at++] = (byte) (0x80 | (ch & 0x3f));
            }
        }
        length = at;
    }

    /** Writes raw bytes escaped (where the format takes bytes as they are). */
    protected final void escapedBytes(byte[] bytes) {
        ensure(bytes.length * 2);
        for (byte x : bytes) {
            if (x >= 0 && ESCAPES[x] != 0) {
                buffer[length++] = '\\';
                buffer[length++] = ESCAPES[x];
            } else if (x == 0) {
                buffer[length++] = '\\';
                buffer[length++] = '0';
            } else {
                buffer[length++] = x;
            }
        }
    }

    protected final void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buffer[length++] = (byte) s.charAt(i);
        }
    }

    private void integer(long v) {
        if (v == Long.MIN_VALUE) {
            ascii("-9223372036854775808");
            return;
        }
        ensure(20);
        if (v < 0) {
            buffer[length++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long x = v; x >= 10; x /= 10) {
            digits++;
        }
        int at = length + digits;
        length = at;
        do {
            buffer[--at] = DIGITS[(int) (v % 10)];
            v /= 10;
        } while (v != 0);
    }

    /** {@code yyyy-MM-dd HH:mm:ss[.fraction]}; years outside 1..9999 in ISO form, which the database judges. */
    private void dateTime(LocalDateTime t) {
        if (t.getYear() < 1 || t.getYear() > 9999) {
            ascii(t.toString());
            return;
        }
        date(t.toLocalDate());
        put((byte) ' ');
        time(t.toLocalTime());
    }

    private void date(LocalDate d) {
        if (d.getYear() < 1 || d.getYear() > 9999) {
            ascii(d.toString());
            return;
        }
        ensure(10);
        pad(d.getYear(), 4);
        buffer[length++] = '-';
        pad(d.getMonthValue(), 2);
        buffer[length++] = '-';
        pad(d.getDayOfMonth(), 2);
    }

    private void time(LocalTime t) {
        ensure(18);
        pad(t.getHour(), 2);
        buffer[length++] = ':';
        pad(t.getMinute(), 2);
        buffer[length++] = ':';
        pad(t.getSecond(), 2);
        int nanos = t.getNano();
        int keep = fractionDigits();
        if (nanos != 0 && (keep == 9 || nanos >= 1000)) {
            int digits = keep == 9 && nanos % 1000 != 0 ? 9 : 6;
            buffer[length++] = '.';
            pad(digits == 9 ? nanos : nanos / 1000, digits);
        }
    }

    /** Writes {@code v} in exactly {@code width} digits, zeros first. */
    private void pad(int v, int width) {
        int at = length + width;
        length = at;
        for (int i = 0; i < width; i++) {
            buffer[--at] = DIGITS[v % 10];
            v /= 10;
        }
    }

    protected final void put(byte b) {
        ensure(1);
        buffer[length++] = b;
    }

    protected final void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
