package dev.migrate.dialect.postgresql;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Encodes rows in PostgreSQL's COPY text format straight into UTF-8 bytes: tab between columns, newline
 * after each row, {@code \N} for NULL, backslash escapes in text, {@code \\x...} for bytea.
 */
final class CopyTextEncoder {

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] buffer = new byte[1 << 16];
    private int length;

    void reset() {
        length = 0;
    }

    byte[] buffer() {
        return buffer;
    }

    int length() {
        return length;
    }

    void row(Object[] values, int width) {
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
            put((byte) '\\');
            put((byte) 'N');
        } else if (v instanceof String s) {
            text(s);
        } else if (v instanceof Boolean b) {
            put(b ? (byte) 't' : (byte) 'f');
        } else if (v instanceof byte[] bytes) {
            bytea(bytes);
        } else if (v instanceof BigDecimal d) {
            ascii(d.toPlainString());
        } else if (v instanceof Integer || v instanceof Long) {
            ascii(v.toString());
        } else {
            text(v.toString());
        }
    }

    private void bytea(byte[] bytes) {
        ensure(3 + bytes.length * 2);
        buffer[length++] = '\\';
        buffer[length++] = '\\';
        buffer[length++] = 'x';
        for (byte b : bytes) {
            buffer[length++] = HEX[(b >> 4) & 0xf];
            buffer[length++] = HEX[b & 0xf];
        }
    }

    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buffer[length++] = (byte) s.charAt(i);
        }
    }

    private void text(String s) {
        int n = s.length();
        ensure(n * 3 + 2);
        for (int i = 0; i < n; i++) {
            char ch = s.charAt(i);
            if (ch < 0x80) {
                switch (ch) {
                    case '\\' -> { buffer[length++] = '\\'; buffer[length++] = '\\'; }
                    case '\t' -> { buffer[length++] = '\\'; buffer[length++] = 't'; }
                    case '\n' -> { buffer[length++] = '\\'; buffer[length++] = 'n'; }
                    case '\r' -> { buffer[length++] = '\\'; buffer[length++] = 'r'; }
                    case 0 -> throw new IllegalArgumentException("PostgreSQL text cannot hold the character NUL (0x00)");
                    default -> buffer[length++] = (byte) ch;
                }
            } else if (ch < 0x800) {
                buffer[length++] = (byte) (0xc0 | (ch >> 6));
                buffer[length++] = (byte) (0x80 | (ch & 0x3f));
            } else if (Character.isHighSurrogate(ch) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(ch, s.charAt(++i));
                ensure(1);
                buffer[length++] = (byte) (0xf0 | (cp >> 18));
                buffer[length++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                buffer[length++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                buffer[length++] = (byte) (0x80 | (cp & 0x3f));
            } else if (Character.isSurrogate(ch)) {
                throw new IllegalArgumentException("text holds a lone UTF-16 surrogate (U+" + Integer.toHexString(ch) + ")");
            } else {
                buffer[length++] = (byte) (0xe0 | (ch >> 12));
                buffer[length++] = (byte) (0x80 | ((ch >> 6) & 0x3f));
                buffer[length++] = (byte) (0x80 | (ch & 0x3f));
            }
        }
    }

    private void put(byte b) {
        ensure(1);
        buffer[length++] = b;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
