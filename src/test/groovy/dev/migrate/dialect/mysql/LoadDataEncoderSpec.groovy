package dev.migrate.dialect.mysql

import spock.lang.Specification

import java.nio.charset.StandardCharsets
import java.time.LocalDateTime
import java.time.LocalTime
import java.time.OffsetDateTime
import java.time.ZoneOffset

class LoadDataEncoderSpec extends Specification {

    /** One value, one column (not spread, as Groovy would spread an array or null). */
    private static byte[] encode(Object value) {
        Object[] values = [value] as Object[]
        def encoder = new LoadDataEncoder()
        encoder.row(values, values.length)
        Arrays.copyOf(encoder.buffer(), encoder.length())
    }

    private static String text(Object value) {
        new String(encode(value), StandardCharsets.UTF_8)
    }

    def "each value is written in the form LOAD DATA reads: #value"() {
        expect:
        text(value) == expected + '\n'

        where:
        value                                                             | expected
        null                                                              | '\\N'
        'tab\there\nnew\rline \\ back'                                    | 'tab\\there\\nnew\\rline \\\\ back'
        'nul\u0000inside'                                                 | 'nul\\0inside'
        'ü 😀'                                                            | 'ü 😀'
        true                                                              | '1'
        false                                                             | '0'
        -42L                                                              | '-42'
        LocalTime.of(7, 5, 3, 1)                                          | '07:05:03'
        LocalDateTime.of(2020, 12, 31, 23, 59, 59, 999_999_999)           | '2020-12-31 23:59:59.999999'
        OffsetDateTime.of(2020, 1, 1, 1, 30, 0, 0, ZoneOffset.ofHours(2)) | '2019-12-31 23:30:00'
    }

    def "bytes go as they are, with the bytes LOAD DATA reads specially escaped"() {
        expect:
        encode([0, 9, 10, 13, 92, 65, -1] as byte[]) == ([92, 48, 92, 116, 92, 110, 92, 114, 92, 92, 65, -1, 10] as byte[])
    }
}
