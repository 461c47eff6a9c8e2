package dev.migrate.dialect.postgresql;

import dev.migrate.transfer.TextRowEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Rows in PostgreSQL's COPY text format: booleans as {@code t}/{@code f}, bytea as {@code \\x} and hex,
 * instants in UTC with their zone, fractions of a second to the nanosecond (the server rounds); text cannot
 * hold NUL.
 */
final class CopyTextEncoder extends TextRowEncoder {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Override
    protected byte trueByte() {
        return 't';
    }

    @Override
    protected byte falseByte() {
        return 'f';
    }

    @Override
    protected void bytes(byte[] bytes) {
        ensure(3 + bytes.length * 2);
        buffer[length++] = '\\';
        buffer[length++] = '\\';
        buffer[length++] = 'x';
        for (byte b : bytes) {
            buffer[length++] = HEX[(b >> 4) & 0xf];
            buffer[length++] = HEX[b & 0xf];
        }
    }

    @Override
    protected void nul() {
        throw new IllegalArgumentException("PostgreSQL text cannot hold the character NUL (0x00)");
    }

    @Override
    protected void utcSuffix() {
        ascii("+00");
    }
}
