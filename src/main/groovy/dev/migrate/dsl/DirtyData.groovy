package dev.migrate.dsl

import groovy.transform.CompileStatic

import java.time.LocalDate
import java.time.LocalDateTime
import java.time.format.DateTimeFormatter
import java.time.format.DateTimeParseException
import java.time.format.ResolverStyle

/**
 * What legacy data needs on its way: dates written in several formats, numbers and money stored as text,
 * blanks that mean nothing. A value that cannot be read throws, so its row is rejected with the reason
 * rather than loaded wrong.
 */
@CompileStatic
final class DirtyData {

    private DirtyData() {
    }

    /** Blank text becomes NULL; anything else stays as it is. */
    static Object emptyToNull(Object value) {
        value instanceof CharSequence && value.toString().trim().isEmpty() ? null : value
    }

    /** Text trimmed, inner runs of white space made one space, blank made NULL. */
    static Object clean(Object value) {
        if (!(value instanceof CharSequence)) {
            return value
        }
        String text = value.toString().trim().replaceAll(/\s+/, ' ')
        text.isEmpty() ? null : text
    }

    /** A date from text in the first of the patterns it matches ({@code 'dd/MM/yyyy', 'yyyy-MM-dd'}). */
    static LocalDate parseDate(Object value, String... patterns) {
        Object v = emptyToNull(value)
        if (v == null || v instanceof LocalDate) {
            return (LocalDate) v
        }
        (LocalDate) parse(v, patterns ?: ['yyyy-MM-dd'] as String[], 'date') { String text, DateTimeFormatter f -> LocalDate.parse(text, f) }
    }

    /** A date and time from text in the first of the patterns it matches. */
    static LocalDateTime parseDateTime(Object value, String... patterns) {
        Object v = emptyToNull(value)
        if (v == null || v instanceof LocalDateTime) {
            return (LocalDateTime) v
        }
        (LocalDateTime) parse(v, patterns ?: ['yyyy-MM-dd HH:mm:ss'] as String[], 'date and time') { String text, DateTimeFormatter f ->
            LocalDateTime.parse(text, f)
        }
    }

    /**
     * The value read in the first pattern that fits. Text in a pattern's form that names no real date or time
     * (2023-02-30, 25:00) is refused with the reason, never moved to the nearest date that exists.
     */
    private static Object parse(Object v, String[] patterns, String what, Closure<?> parser) {
        String text = v.toString().trim()
        String impossible = null
        for (String pattern : patterns) {
            try {
                return parser.call(text, formatter(pattern))
            } catch (DateTimeParseException e) {
                if (impossible == null && e.cause != null) {
                    impossible = "'${v}' has the form ${pattern} but is no ${what}: ${e.cause.message}".toString()
                }
            }
        }
        throw new IllegalArgumentException(impossible ?: "'${v}' matches none of ${patterns.join(', ')}".toString())
    }

    /**
     * A number from text as people write it: {@code '$1,250.00'}, {@code '1.250,00 €'}, {@code ' -7 '}. Of a
     * comma and a point, the last one is the decimal separator; a lone comma followed by three digits groups thousands.
     */
    static BigDecimal parseNumber(Object value) {
        Object v = emptyToNull(value)
        if (v == null) {
            return null
        }
        if (v instanceof Number) {
            return new BigDecimal(v.toString())
        }
        String text = v.toString().trim().replaceAll('[\\s$€£¥\'_]', '')
        boolean negative = text.startsWith('(') && text.endsWith(')')
        if (negative) {
            text = text.substring(1, text.length() - 1)
        }
        int comma = text.lastIndexOf(',')
        int point = text.lastIndexOf('.')
        if (comma >= 0 && point >= 0) {
            text = comma > point ? text.replace('.', '').replace(',', '.') : text.replace(',', '')
        } else if (comma >= 0) {
            text = text ==~ /-?\d{1,3}(,\d{3})+/ ? text.replace(',', '') : text.replace(',', '.')
        }
        try {
            BigDecimal number = new BigDecimal(text)
            negative ? number.negate() : number
        } catch (NumberFormatException ignored) {
            throw new IllegalArgumentException("'${v}' is not a number".toString())
        }
    }

    private static DateTimeFormatter formatter(String pattern) {
        DateTimeFormatter.ofPattern(pattern.replace('yyyy', 'uuuu')).withResolverStyle(ResolverStyle.STRICT)
    }
}
