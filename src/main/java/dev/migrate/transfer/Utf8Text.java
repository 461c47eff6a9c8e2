package dev.migrate.transfer;

import java.time.ZoneId;
import java.util.Locale;

/**
 * Text into a database that stores it as UTF-8. A lone UTF-16 surrogate is no character and has no UTF-8 form (the
 * JDBC drivers write {@code ?} in its place), and PostgreSQL text cannot hold NUL either. Such a value is refused
 * while it is converted, where its table, column and row are known; a bulk encoder would only know that some row
 * of its batch held one.
 */
public final class Utf8Text {

    private Utf8Text() {
    }

    /**
     * The converter into columns of this kind of {@code database}, checking text on the way.
     *
     * @param holdsNul whether the database's text can hold the NUL character
     */
    public static ValueConverter converter(ValueKind kind, ZoneId zone, String database, boolean holdsNul) {
        ValueConverter convert = ValueConverter.to(kind, zone);
        return switch (kind) {
            case TEXT, JSON, OTHER -> value -> {
                Object converted = convert.convert(value);
                if (converted instanceof String s) {
                    check(s, database, holdsNul);
                }
                return converted;
            };
            default -> convert;
        };
    }

    static void check(String s, String database, boolean holdsNul) throws ConversionException {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < Character.MIN_SURROGATE) {
                if (c == 0 && !holdsNul) {
                    throw new ConversionException(database + " text cannot hold the NUL character (U+0000)");
                }
            } else if (c <= Character.MAX_SURROGATE) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    throw new ConversionException(database + " text cannot hold a lone UTF-16 surrogate (U+"
                            + Integer.toHexString(c).toUpperCase(Locale.ROOT) + "), which is no character");
                }
            }
        }
    }
}
