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
}
