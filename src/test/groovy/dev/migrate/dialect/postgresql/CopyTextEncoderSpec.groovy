package dev.migrate.dialect.postgresql

import spock.lang.Specification

import java.nio.charset.StandardCharsets
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.LocalTime
import java.time.OffsetDateTime
import java.time.ZoneOffset

class CopyTextEncoderSpec extends Specification {

    /** One row; a single value is one column (not spread, as Groovy would spread an array or null). */
    private static String encode(Object... values) {
        row(values)
    }

    private static String encodeOne(Object value) {
        row([value] as Object[])
    }

    private static String row(Object[] values) {
        def encoder = new CopyTextEncoder()
        encoder.row(values, values.length)
        new String(encoder.buffer(), 0, encoder.length(), StandardCharsets.UTF_8)
    }

    def "each value is written in the form COPY reads: #value"() {
        expect:
        encodeOne(value) == text + '\n'

        where:
        value                                                            | text
        null                                                             | '\\N'
        ''                                                               | ''
        'tab\there\nnew\rline \\ back'                                   | 'tab\\there\\nnew\\rline \\\\ back'
        'ü € 😀 中'                                                      | 'ü € 😀 中'
        0                                                                | '0'
        -2147483648                                                      | '-2147483648'
        Long.MIN_VALUE                                                   | '-9223372036854775808'
        Long.MAX_VALUE                                                   | '9223372036854775807'
        new BigDecimal('-12345678901234567890.0000000001')               | '-12345678901234567890.0000000001'
        new BigDecimal('1E+3')                                           | '1000'
        true                                                             | 't'
        false                                                            | 'f'
        1.5d                                                             | '1.5'
        LocalDate.of(2024, 2, 29)                                        | '2024-02-29'
        LocalTime.of(7, 5, 3)                                            | '07:05:03'
        LocalTime.of(7, 5, 3, 120_000_000)                               | '07:05:03.120000'
        LocalDateTime.of(1, 1, 1, 0, 0)                                  | '0001-01-01 00:00:00'
        LocalDateTime.of(2020, 12, 31, 23, 59, 59, 999_999_000)          | '2020-12-31 23:59:59.999999'
        LocalDateTime.of(2020, 12, 31, 23, 59, 59, 1)                    | '2020-12-31 23:59:59.000000001'
        OffsetDateTime.of(2020, 1, 1, 1, 30, 0, 0, ZoneOffset.ofHours(2)) | '2019-12-31 23:30:00+00'
        [0, 15, 255, 16] as byte[]                                       | '\\\\x000fff10'
    }

    def "a row has a tab between values and a newline after the last"() {
        expect:
        encode(1, null, 'a b') == '1\t\\N\ta b\n'
    }

    def "text holding NUL, which PostgreSQL cannot store, is refused by name"() {
        when:
        encode('a\u0000b')

        then:
        def e = thrown(IllegalArgumentException)
        e.message == 'PostgreSQL text cannot hold the character NUL (0x00)'
    }
}
