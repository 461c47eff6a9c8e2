package dev.migrate.transfer;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/**
 * Turns a value read from the source (or made by a script) into what a target column of a given kind
 * holds. A conversion that would change the value's meaning (a fraction into an integer column, 2 into a
 * boolean, text that is no date) is refused with a {@link ConversionException} rather than done.
 */
@FunctionalInterface
public interface ValueConverter {

    Object convert(Object value) throws ConversionException;

    // both resolve strictly: the default (SMART) would read 2024-02-30 as 2024-02-29 and 24:00 as the next day

    DateTimeFormatter LOCAL_DATE_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().append(DateTimeFormatter.ISO_LOCAL_TIME).optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT)
            .withChronology(IsoChronology.INSTANCE);

    DateTimeFormatter OFFSET_DATE_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT)
            .withChronology(IsoChronology.INSTANCE);

    /** The converter into columns of this kind; local date-times and instants meet in {@code zone}. */
    static ValueConverter to(ValueKind kind, ZoneId zone) {
        return switch (kind) {
            case BOOLEAN -> ValueConverter::toBoolean;
            case INTEGER -> ValueConverter::toInteger;
            case BIGINT -> ValueConverter::toBigint;
            case DECIMAL -> ValueConverter::toDecimal;
            case REAL -> v -> v == null || v instanceof Float ? v : toFloating(v, true);
            case DOUBLE -> v -> v == null || v instanceof Double ? v : toFloating(v, false);
            case TEXT, JSON -> ValueConverter::toText;
            case BINARY -> ValueConverter::toBinary;
            case DATE -> v -> toDate(v, zone);
            case TIME -> ValueConverter::toTime;
            case TIMESTAMP -> v -> toLocalDateTime(v, zone);
            case TIMESTAMP_TZ -> v -> toOffsetDateTime(v, zone);
            case UUID -> ValueConverter::toUuid;
            case OTHER -> v -> v;
        };
    }

    private static ConversionException refuse(Object v, String what) {
        String shown = v instanceof byte[] b ? b.length + " bytes" : "'" + v + "'";
        return new ConversionException("cannot store " + shown + " (" + v.getClass().getSimpleName() + ") as " + what);
    }

    static Object toBoolean(Object v) throws ConversionException {
        if (v == null || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Number n) {
            BigDecimal d = new BigDecimal(n.toString());
            if (d.compareTo(BigDecimal.ZERO) == 0) {
                return false;
            }
            if (d.compareTo(BigDecimal.ONE) == 0) {
                return true;
            }
            throw refuse(v, "a boolean (only 0 and 1 are)");
        }
        if (v instanceof CharSequence s) {
            switch (s.toString().trim().toLowerCase()) {
                case "t", "true", "y", "yes", "1", "on":
                    return true;
                case "f", "false", "n", "no", "0", "off":
                    return false;
                default:
                    throw refuse(v, "a boolean");
            }
        }
        if (v instanceof byte[] b && b.length == 1 && (b[0] == 0 || b[0] == 1)) {
            return b[0] == 1;
        }
        throw refuse(v, "a boolean");
    }

    // the common cases first: the profile of a plain copy showed the general path's BigDecimal on every value

    static Object toInteger(Object v) throws ConversionException {
        if (v == null || v instanceof Integer) {
            return v;
        }
        if (v instanceof Short || v instanceof Byte) {
            return ((Number) v).intValue();
        }
        if (v instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return l.intValue();
        }
        return toIntegral(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "an integer").intValueExact();
    }

    static Object toBigint(Object v) throws ConversionException {
        if (v == null || v instanceof Long) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        return toIntegral(v, Long.MIN_VALUE, Long.MAX_VALUE, "a big integer").longValueExact();
    }

    private static BigDecimal toIntegral(Object v, long min, long max, String what) throws ConversionException {
        BigDecimal d;
        if (v instanceof Boolean b) {
            d = b ? BigDecimal.ONE : BigDecimal.ZERO;
        } else {
            d = toDecimalOrNull(v, what);
        }
        try {
            BigInteger whole = d.toBigIntegerExact();
            if (whole.compareTo(BigInteger.valueOf(min)) < 0 || whole.compareTo(BigInteger.valueOf(max)) > 0) {
                throw refuse(v, what + " (out of range)");
            }
            return new BigDecimal(whole);
        } catch (ArithmeticException e) {
            throw refuse(v, what + " (it has a fraction)");
        }
    }

    static Object toDecimal(Object v) throws ConversionException {
        if (v == null || v instanceof BigDecimal) {
            return v;
        }
        if (v instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        return toDecimalOrNull(v, "a decimal");
    }

    private static BigDecimal toDecimalOrNull(Object v, String what) throws ConversionException {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Double d && (d.isNaN() || d.isInfinite()) || v instanceof Float f && (f.isNaN() || f.isInfinite())) {
            throw refuse(v, what);
        }
        if (v instanceof Number || v instanceof CharSequence) {
            try {
                return new BigDecimal(v.toString().trim());
            } catch (NumberFormatException e) {
                throw refuse(v, what);
            }
        }
        throw refuse(v, what);
    }

    private static Number toDecimalOrDouble(Object v) throws ConversionException {
        if (v instanceof Double || v instanceof Float) {
            return (Number) v;
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof CharSequence s) {
            String text = s.toString().trim();
            switch (text.toLowerCase(Locale.ROOT)) {
                case "nan":
                    return Double.NaN;
                case "infinity", "+infinity", "inf", "+inf":
                    return Double.POSITIVE_INFINITY;
                case "-infinity", "-inf":
                    return Double.NEGATIVE_INFINITY;
                default:
                    // as a decimal, so that text too large for the column is told from the word Infinity
                    return toDecimalOrNull(v, "a floating-point number");
            }
        }
        return toDecimalOrNull(v, "a floating-point number");
    }

    /** A float or double; a finite number that would become infinite, or zero, is out of the column's range. */
    private static Object toFloating(Object v, boolean single) throws ConversionException {
        Number n = toDecimalOrDouble(v);
        Number result = single ? (Number) n.floatValue() : (Number) n.doubleValue();
        double d = result.doubleValue();
        boolean special = n instanceof Double x && (x.isNaN() || x.isInfinite()) || n instanceof Float y && (y.isNaN() || y.isInfinite());
        if (!special && (Double.isInfinite(d) || d == 0 && signum(n) != 0)) {
            throw refuse(v, (single ? "a real" : "a double") + " (out of range)");
        }
        return result;
    }

    private static int signum(Number n) {
        return n instanceof BigDecimal d ? d.signum() : (int) Math.signum(n.doubleValue());
    }

    static Object toText(Object v) throws ConversionException {
        if (v == null || v instanceof String) {
            return v;
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof byte[] b) {
            String text = Utf8.decode(b);
            if (text == null) {
                throw refuse(v, "text (they are not UTF-8)");
            }
            return text;
        }
        if (v instanceof Timestamp t) {
            return t.toLocalDateTime().toString();
        }
        return v.toString();
    }

    static Object toBinary(Object v) throws ConversionException {
        if (v == null || v instanceof byte[]) {
            return v;
        }
        if (v instanceof CharSequence s) {
            byte[] bytes = Utf8.encode(s.toString());
            if (bytes == null) {
                throw refuse(v, "binary (it holds a lone UTF-16 surrogate, which UTF-8 cannot encode)");
            }
            return bytes;
        }
        if (v instanceof UUID u) {
            ByteBuffer b = ByteBuffer.allocate(16);
            b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
            return b.array();
        }
        throw refuse(v, "binary");
    }

    static Object toDate(Object v, ZoneId zone) throws ConversionException {
        if (v == null || v instanceof LocalDate) {
            return v;
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        LocalDateTime ldt = v instanceof CharSequence s ? parseLocal(v, s, "a date") : (LocalDateTime) toLocalDateTime(v, zone);
        if (!ldt.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            throw refuse(v, "a date (it has a time of day)");
        }
        return ldt.toLocalDate();
    }

    static Object toTime(Object v) throws ConversionException {
        if (v == null || v instanceof LocalTime) {
            return v;
        }
        if (v instanceof Time t) {
            return t.toLocalTime();
        }
        if (v instanceof OffsetTime t) {
            return t.toLocalTime();
        }
        if (v instanceof CharSequence s) {
            try {
                return LocalTime.parse(s.toString().trim());
            } catch (DateTimeParseException e) {
                throw refuse(v, "a time" + impossible(e));
            }
        }
        throw refuse(v, "a time");
    }

    static Object toLocalDateTime(Object v, ZoneId zone) throws ConversionException {
        if (v == null || v instanceof LocalDateTime) {
            return v;
        }
        if (v instanceof Timestamp t) {
            return t.toLocalDateTime();
        }
        if (v instanceof LocalDate d) {
            return d.atStartOfDay();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().atStartOfDay();
        }
        if (v instanceof OffsetDateTime o) {
            return o.atZoneSameInstant(zone).toLocalDateTime();
        }
        if (v instanceof ZonedDateTime z) {
            return z.withZoneSameInstant(zone).toLocalDateTime();
        }
        if (v instanceof Instant i) {
            return LocalDateTime.ofInstant(i, zone);
        }
        if (v instanceof java.util.Date d) {
            return LocalDateTime.ofInstant(d.toInstant(), zone);
        }
        if (v instanceof CharSequence s) {
            return parseLocal(v, s, "a timestamp");
        }
        throw refuse(v, "a timestamp");
    }

    private static LocalDateTime parseLocal(Object v, CharSequence s, String what) throws ConversionException {
        try {
            return LocalDateTime.from(LOCAL_DATE_TIME.parse(s.toString().trim()));
        } catch (DateTimeParseException e) {
            throw refuse(v, what + impossible(e));
        }
    }

    /** Why text in the right form is still no date or time ({@code Invalid date 'FEBRUARY 30'}), or nothing. */
    private static String impossible(DateTimeParseException e) {
        return e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")";
    }

    static Object toOffsetDateTime(Object v, ZoneId zone) throws ConversionException {
        if (v == null || v instanceof OffsetDateTime) {
            return v;
        }
        if (v instanceof ZonedDateTime z) {
            return z.toOffsetDateTime();
        }
        if (v instanceof Instant i) {
            return i.atZone(zone).toOffsetDateTime();
        }
        if (v instanceof CharSequence s) {
            String text = s.toString().trim();
            try {
                var parsed = OFFSET_DATE_TIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
                return parsed instanceof OffsetDateTime o ? o : ((LocalDateTime) parsed).atZone(zone).toOffsetDateTime();
            } catch (DateTimeParseException e) {
                throw refuse(v, "a timestamp with time zone" + impossible(e));
            }
        }
        LocalDateTime local = (LocalDateTime) toLocalDateTime(v, zone);
        return local.atZone(zone).toOffsetDateTime();
    }

    static Object toUuid(Object v) throws ConversionException {
        if (v == null || v instanceof UUID) {
            return v;
        }
        if (v instanceof CharSequence s) {
            String text = s.toString().trim();
            // only the standard 8-4-4-4-12 form: UUID.fromString also takes 1-2-3-4-5, padding each group with zeros
            if (text.length() == 36 && text.charAt(8) == '-' && text.charAt(13) == '-' && text.charAt(18) == '-' && text.charAt(23) == '-') {
                try {
                    return UUID.fromString(text);
                } catch (IllegalArgumentException e) {
                    // not hexadecimal
                }
            }
            throw refuse(v, "a UUID");
        }
        if (v instanceof byte[] b && b.length == 16) {
            ByteBuffer buffer = ByteBuffer.wrap(b);
            return new UUID(buffer.getLong(), buffer.getLong());
        }
        throw refuse(v, "a UUID");
    }

    /** How a value is shown in a message: text quoted, bytes as hex, cut to a readable length. */
    static String show(Object v) {
        if (v == null) {
            return "NULL";
        }
        String text = v instanceof byte[] b ? "0x" + HexFormat.of().formatHex(b, 0, Math.min(b.length, 32))
                : v instanceof Number || v instanceof Boolean ? v.toString() : "'" + v + "'";
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
