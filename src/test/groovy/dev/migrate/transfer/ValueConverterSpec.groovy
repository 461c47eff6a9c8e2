package dev.migrate.transfer

import spock.lang.Specification

import java.time.LocalDate
import java.time.LocalDateTime
import java.time.LocalTime
import java.time.OffsetDateTime
import java.time.ZoneId
import java.time.ZoneOffset

class ValueConverterSpec extends Specification {

    static final ZoneId PARIS = ZoneId.of('Europe/Paris')

    def "#value (#value.class.simpleName) becomes #expected in a #kind column"() {
        expect:
        ValueConverter.to(kind, PARIS).convert(value) == expected

        where:
        kind                   | value                                        || expected
        ValueKind.BOOLEAN      | 1                                            || true
        ValueKind.BOOLEAN      | 0L                                           || false
        ValueKind.BOOLEAN      | 'Y'                                          || true
        ValueKind.BOOLEAN      | ' no '                                       || false
        ValueKind.INTEGER      | 42L                                          || 42
        ValueKind.INTEGER      | true                                         || 1
        ValueKind.INTEGER      | new BigDecimal('7.000')                      || 7
        ValueKind.INTEGER      | ' 12 '                                       || 12
        ValueKind.BIGINT       | 9_000_000_000                                || 9_000_000_000L
        ValueKind.DECIMAL      | '1250.00'                                    || new BigDecimal('1250.00')
        ValueKind.DECIMAL      | 3                                            || new BigDecimal('3')
        ValueKind.DOUBLE       | new BigDecimal('0.5')                        || 0.5d
        ValueKind.REAL         | 1.25d                                        || 1.25f
        ValueKind.TEXT         | new BigDecimal('1E+3')                       || '1000'
        ValueKind.TEXT         | 17                                           || '17'
        ValueKind.DATE         | '2024-02-29'                                 || LocalDate.of(2024, 2, 29)
        ValueKind.DATE         | LocalDateTime.of(2024, 2, 29, 0, 0)          || LocalDate.of(2024, 2, 29)
        ValueKind.TIME         | '13:45:10'                                   || LocalTime.of(13, 45, 10)
        ValueKind.TIMESTAMP    | '2024-01-05 10:15:00'                        || LocalDateTime.of(2024, 1, 5, 10, 15)
        ValueKind.TIMESTAMP    | '2024-01-05T10:15:00.123456'                 || LocalDateTime.of(2024, 1, 5, 10, 15, 0, 123_456_000)
        ValueKind.TIMESTAMP    | LocalDate.of(2024, 1, 5)                     || LocalDateTime.of(2024, 1, 5, 0, 0)
        ValueKind.TIMESTAMP    | OffsetDateTime.of(2024, 7, 1, 10, 0, 0, 0, ZoneOffset.UTC) || LocalDateTime.of(2024, 7, 1, 12, 0)
        ValueKind.TIMESTAMP_TZ | LocalDateTime.of(2024, 7, 1, 12, 0)          || OffsetDateTime.of(2024, 7, 1, 12, 0, 0, 0, ZoneOffset.ofHours(2))
        ValueKind.TIMESTAMP_TZ | '2024-07-01 10:00:00+00:00'                  || OffsetDateTime.of(2024, 7, 1, 10, 0, 0, 0, ZoneOffset.UTC)
        ValueKind.UUID         | '0b7e4f3c-8a0e-4a6f-9a43-6c2f4a1d9e11'      || UUID.fromString('0b7e4f3c-8a0e-4a6f-9a43-6c2f4a1d9e11')
        ValueKind.BINARY       | 'é'                                          || [0xc3, 0xa9] as byte[]
    }

    def "NULL stays NULL in every kind of column"() {
        expect:
        ValueKind.values().every { ValueConverter.to(it, PARIS).convert(null) == null }
    }

    def "a value that would change its meaning is refused: #value into #kind"() {
        when:
        ValueConverter.to(kind, PARIS).convert(value)

        then:
        ConversionException e = thrown()
        e.message == message

        where:
        kind              | value                    || message
        ValueKind.BOOLEAN | 2                        || "cannot store '2' (Integer) as a boolean (only 0 and 1 are)"
        ValueKind.BOOLEAN | 'maybe'                  || "cannot store 'maybe' (String) as a boolean"
        ValueKind.INTEGER | new BigDecimal('1.5')    || "cannot store '1.5' (BigDecimal) as an integer (it has a fraction)"
        ValueKind.INTEGER | 3_000_000_000L           || "cannot store '3000000000' (Long) as an integer (out of range)"
        ValueKind.DECIMAL | 'twelve'                 || "cannot store 'twelve' (String) as a decimal"
        ValueKind.DATE    | '31/02/2024'             || "cannot store '31/02/2024' (String) as a date"
        ValueKind.DATE    | LocalDateTime.of(2024, 1, 1, 8, 30) || "cannot store '2024-01-01T08:30' (LocalDateTime) as a date (it has a time of day)"
        ValueKind.UUID    | 'not-a-uuid'             || "cannot store 'not-a-uuid' (String) as a UUID"
    }

    def "text that names no real date or time is refused with the reason, never moved to a day that exists: '#text' into #kind"() {
        when:
        ValueConverter.to(kind, PARIS).convert(text)

        then:
        ConversionException e = thrown()
        e.message == message

        where:
        kind                   | text                          || message
        ValueKind.DATE         | '2024-02-30'                  || "cannot store '2024-02-30' (String) as a date (Invalid date 'FEBRUARY 30')"
        ValueKind.DATE         | '2023-02-29'                  || "cannot store '2023-02-29' (String) as a date (Invalid date 'February 29' as '2023' is not a leap year)"
        ValueKind.DATE         | '2024-04-31'                  || "cannot store '2024-04-31' (String) as a date (Invalid date 'APRIL 31')"
        ValueKind.DATE         | '2024-13-01'                  || "cannot store '2024-13-01' (String) as a date (Invalid value for MonthOfYear (valid values 1 - 12): 13)"
        ValueKind.DATE         | '2024-00-10'                  || "cannot store '2024-00-10' (String) as a date (Invalid value for MonthOfYear (valid values 1 - 12): 0)"
        ValueKind.DATE         | '2024-01-32'                  || "cannot store '2024-01-32' (String) as a date (Invalid value for DayOfMonth (valid values 1 - 28/31): 32)"
        ValueKind.DATE         | '2024-01-05 10:15'            || "cannot store '2024-01-05 10:15' (String) as a date (it has a time of day)"
        ValueKind.TIME         | '25:00'                       || "cannot store '25:00' (String) as a time (Invalid value for HourOfDay (valid values 0 - 23): 25)"
        ValueKind.TIME         | '24:00'                       || "cannot store '24:00' (String) as a time (Invalid value for HourOfDay (valid values 0 - 23): 24)"
        ValueKind.TIME         | '10:60'                       || "cannot store '10:60' (String) as a time (Invalid value for MinuteOfHour (valid values 0 - 59): 60)"
        ValueKind.TIMESTAMP    | '2024-02-30 10:00:00'         || "cannot store '2024-02-30 10:00:00' (String) as a timestamp (Invalid date 'FEBRUARY 30')"
        ValueKind.TIMESTAMP    | '2024-01-01 24:00:01'         || "cannot store '2024-01-01 24:00:01' (String) as a timestamp (Invalid value for HourOfDay (valid values 0 - 23): 24)"
        ValueKind.TIMESTAMP    | '2024-01-01 24:00'            || "cannot store '2024-01-01 24:00' (String) as a timestamp (Invalid value for HourOfDay (valid values 0 - 23): 24)"
        ValueKind.TIMESTAMP    | '2024-01-01T23:59:60'         || "cannot store '2024-01-01T23:59:60' (String) as a timestamp (Invalid value for SecondOfMinute (valid values 0 - 59): 60)"
        ValueKind.TIMESTAMP_TZ | '2024-02-30 10:00:00+00:00'   || "cannot store '2024-02-30 10:00:00+00:00' (String) as a timestamp with time zone (Invalid date 'FEBRUARY 30')"
        ValueKind.TIMESTAMP_TZ | '2023-02-29T10:00Z'           || "cannot store '2023-02-29T10:00Z' (String) as a timestamp with time zone (Invalid date 'February 29' as '2023' is not a leap year)"
        ValueKind.TIMESTAMP_TZ | '2024-01-01 24:00:00+02:00'   || "cannot store '2024-01-01 24:00:00+02:00' (String) as a timestamp with time zone (Invalid value for HourOfDay (valid values 0 - 23): 24)"
    }

    def "dates and times in ISO form, with T or a space, fractions and offsets, still read: '#text' into #kind"() {
        expect:
        ValueConverter.to(kind, PARIS).convert(text) == expected

        where:
        kind                   | text                                 || expected
        ValueKind.DATE         | '2024-02-29'                         || LocalDate.of(2024, 2, 29)
        ValueKind.DATE         | ' 2000-02-29 '                       || LocalDate.of(2000, 2, 29)
        ValueKind.DATE         | '2024-12-31 00:00:00'                || LocalDate.of(2024, 12, 31)
        ValueKind.TIME         | '23:59:59.999999'                    || LocalTime.of(23, 59, 59, 999_999_000)
        ValueKind.TIME         | '00:00'                              || LocalTime.MIDNIGHT
        ValueKind.TIMESTAMP    | '2024-02-29T23:59:59.5'              || LocalDateTime.of(2024, 2, 29, 23, 59, 59, 500_000_000)
        ValueKind.TIMESTAMP    | '2024-02-29 23:59'                   || LocalDateTime.of(2024, 2, 29, 23, 59)
        ValueKind.TIMESTAMP    | '2024-02-29'                         || LocalDateTime.of(2024, 2, 29, 0, 0)
        ValueKind.TIMESTAMP_TZ | '2024-02-29T23:59:59.123456789+05:30' || OffsetDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_789, ZoneOffset.ofHoursMinutes(5, 30))
        ValueKind.TIMESTAMP_TZ | '2024-02-29 10:00:00Z'               || OffsetDateTime.of(2024, 2, 29, 10, 0, 0, 0, ZoneOffset.UTC)
        ValueKind.TIMESTAMP_TZ | '2024-02-29 10:00:00-03'             || OffsetDateTime.of(2024, 2, 29, 10, 0, 0, 0, ZoneOffset.ofHours(-3))
        ValueKind.TIMESTAMP_TZ | '2024-02-29 10:00:00'                || OffsetDateTime.of(2024, 2, 29, 10, 0, 0, 0, ZoneOffset.ofHours(1))
    }

    def "numbers, UUIDs and bytes that would change on the way are refused: #value into #kind"() {
        when:
        ValueConverter.to(kind, PARIS).convert(value)

        then:
        ConversionException e = thrown()
        e.message == message

        where:
        kind             | value                           || message
        ValueKind.REAL   | 1e300d                          || "cannot store '1.0E300' (Double) as a real (out of range)"
        ValueKind.REAL   | 1e-50d                          || "cannot store '1.0E-50' (Double) as a real (out of range)"
        ValueKind.DOUBLE | new BigDecimal('1E+400')        || "cannot store '1E+400' (BigDecimal) as a double (out of range)"
        ValueKind.DOUBLE | '1e400'                         || "cannot store '1e400' (String) as a double (out of range)"
        ValueKind.DOUBLE | '1.5f'                          || "cannot store '1.5f' (String) as a floating-point number"
        ValueKind.UUID   | '1-2-3-4-5'                     || "cannot store '1-2-3-4-5' (String) as a UUID"
        ValueKind.TEXT   | [0x41, 0xff, 0x42] as byte[]    || "cannot store 3 bytes (byte[]) as text (they are not UTF-8)"
        ValueKind.TEXT   | [0xed, 0xa0, 0x80] as byte[]    || "cannot store 3 bytes (byte[]) as text (they are not UTF-8)"
        ValueKind.BINARY | 'a\ud800b'                      || "cannot store 'a\ud800b' (String) as binary (it holds a lone UTF-16 surrogate, which UTF-8 cannot encode)"
    }

    def "floating-point words and bytes that are UTF-8 keep their meaning: #value into #kind"() {
        expect:
        ValueConverter.to(kind, PARIS).convert(value) == expected

        where:
        kind             | value                                  || expected
        ValueKind.DOUBLE | 'NaN'                                  || Double.NaN
        ValueKind.DOUBLE | '-Infinity'                            || Double.NEGATIVE_INFINITY
        ValueKind.DOUBLE | ' 0.1 '                                || 0.1d
        ValueKind.REAL   | Double.POSITIVE_INFINITY               || Float.POSITIVE_INFINITY
        ValueKind.REAL   | 0.0d                                   || 0.0f
        ValueKind.TEXT   | [0x41, 0xef, 0xbf, 0xbd] as byte[]     || 'A\ufffd'
        ValueKind.TEXT   | [0xf0, 0x9f, 0x98, 0x80] as byte[]     || '\ud83d\ude00'
    }
}
