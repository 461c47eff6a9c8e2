package dev.migrate.dialect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The names and numbers a database's own locks take, made from the name of what is locked. */
public final class LockNames {

    private static final String PREFIX = "migrate:";

    private LockNames() {
    }

    /** A 64-bit key for {@code name} (PostgreSQL's advisory locks take numbers). */
    public static long hash64(String name) {
        byte[] digest = sha256(name);
        long key = 0;
        for (int i = 0; i < 8; i++) {
            key = key << 8 | (digest[i] & 0xff);
        }
        return key;
    }

    /** {@code migrate:} and the name, or its hash where that would be longer than {@code max} characters. */
    public static String shortName(String name, int max) {
        String plain = PREFIX + name;
        if (plain.length() <= max) {
            return plain;
        }
        String hex = HexFormat.of().formatHex(sha256(name));
        return PREFIX + hex.substring(0, Math.min(hex.length(), max - PREFIX.length()));
    }

    private static byte[] sha256(String name) {
        try {
            return MessageDigest.getInstance("SHA-256").digest((PREFIX + name).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
