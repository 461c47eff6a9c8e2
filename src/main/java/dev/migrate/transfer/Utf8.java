package dev.migrate.transfer;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text to and from UTF-8 without silent replacement: Java's own {@code new String(bytes, UTF_8)} puts U+FFFD
 * where bytes are not UTF-8, and {@code getBytes(UTF_8)} puts {@code ?} for a lone surrogate.
 */
public final class Utf8 {

    private Utf8() {
    }

    /** The text these bytes encode, or null where they are not well-formed UTF-8. */
    public static String decode(byte[] bytes, int offset, int length) {
        String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
        // the fast decoder stays on the path; only text with a U+FFFD in it, rare, is decoded again strictly to tell
        // a replacement from a U+FFFD the bytes hold (EF BF BD)
        return text.indexOf('\uFFFD') < 0 || wellFormed(bytes, offset, length) ? text : null;
    }

    public static String decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /** The UTF-8 bytes of this text, or null where it holds a lone surrogate, which no UTF-8 encodes. */
    public static byte[] encode(String text) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean wellFormed(byte[] bytes, int offset, int length) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, offset, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
