package dev.migrate.transfer;

import java.util.HexFormat;

/**
 * A source value that cannot be read without changing it: text that is not valid in its character set, a
 * date that does not exist. A reader hands it on in the value's place, so that its row is rejected with the
 * column and the reason instead of the value being replaced or the whole read failing.
 *
 * @param shown  the value as the source holds it, for messages and reject files ({@code 0x41ff42}, {@code 2024-02-30})
 * @param reason why it cannot be read: {@code the source's text is not valid UTF-8: 0x41ff42}
 */
public record UnreadableValue(String shown, String reason) {

    /** Bytes that should be text in {@code charset} and are not. */
    public static UnreadableValue text(byte[] bytes, String charset) {
        String hex = hex(bytes);
        return new UnreadableValue(hex, "the source's text is not valid " + charset + ": " + hex);
    }

    /** The bytes in hex, at most the first 32 of them. */
    public static String hex(byte[] bytes) {
        return "0x" + HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 32)) + (bytes.length > 32 ? "..." : "");
    }

    @Override
    public String toString() {
        return shown;
    }
}
