package dev.migrate.verify;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * A value in the text form two databases agree on, whatever types hold it on either side: numbers by value
 * ({@code 12.50} and {@code 12.5} are one number), booleans as {@code 1}/{@code 0}, times to the digit they
 * hold, instants in UTC, bytes in hex, JSON with its keys in order, text as it is. NULL stays null, apart from
 * every text, the empty one included.
 */
public final class Canonical {

    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private Canonical() {
    }

    public static String of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (value instanceof BigDecimal d) {
            return number(d);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? number(new BigDecimal(value.toString())) : value.toString();
        }
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        if (value instanceof LocalDateTime t) {
            return t.toLocalDate() + " " + time(t.toLocalTime());
        }
        if (value instanceof Timestamp t) {
            return of(t.toLocalDateTime());
        }
        if (value instanceof OffsetDateTime t) {
            return of(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()) + "Z";
        }
        if (value instanceof ZonedDateTime t) {
            return of(t.toOffsetDateTime());
        }
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        if (value instanceof Date d) {
            return d.toLocalDate().toString();
        }
        if (value instanceof LocalTime t) {
            return time(t);
        }
        if (value instanceof UUID u) {
            return u.toString();
        }
        if (value instanceof Clob c) {
            try {
                return c.getSubString(1, (int) c.length());
            } catch (SQLException e) {
                return value.toString();
            }
        }
        if (value instanceof Blob b) {
            try {
                return HexFormat.of().formatHex(b.getBytes(1, (int) b.length()));
            } catch (SQLException e) {
                return value.toString();
            }
        }
        return value.toString();
    }

    /** JSON documents compare by content: the same keys and values, whatever the spacing and the keys' order. */
    public static String json(String text) {
        if (text == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(text);
            return JSON.writeValueAsString(JSON.treeToValue(node, Object.class));
        } catch (JsonProcessingException notJson) {
            return text;
        }
    }

    private static String number(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    private static String time(LocalTime t) {
        String text = String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        if (t.getNano() == 0) {
            return text;
        }
        String fraction = String.format("%09d", t.getNano()).replaceAll("0+$", "");
        return text + "." + fraction;
    }

    /**
     * Orders two key values as both databases order them when asked to by bytes: numbers by value, everything
     * else by the UTF-8 bytes of its canonical text.
     */
    public static int compareKeys(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            if (isIntegral(x) && isIntegral(y)) {
                return Long.compare(x.longValue(), y.longValue());
            }
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
        }
        byte[] x = of(a).getBytes(StandardCharsets.UTF_8);
        byte[] y = of(b).getBytes(StandardCharsets.UTF_8);
        return Arrays.compareUnsigned(x, y);
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
    }
}
