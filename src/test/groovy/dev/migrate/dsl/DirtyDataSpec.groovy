package dev.migrate.dsl

import spock.lang.Specification

import java.time.LocalDate
import java.time.LocalDateTime

class DirtyDataSpec extends Specification {

    def "#text reads as the number #expected"() {
        expect:
        DirtyData.parseNumber(text) == expected

        where:
        text          || expected
        '$1,250.00'   || 1250.00
        '1.250,00 €'  || 1250.00
        ' -7 '        || -7
        '(12.5)'      || -12.5
        '3,5'         || 3.5
        '1,234,567'   || 1234567
        "1'000.25"    || 1000.25
        42            || 42
        ''            || null
        null          || null
    }

    def "text that is no number is refused with the text named"() {
        when:
        DirtyData.parseNumber('twelve')

        then:
        IllegalArgumentException e = thrown()
        e.message == "'twelve' is not a number"
    }

    def "dates are read in the first pattern that fits, and strictly"() {
        expect:
        DirtyData.parseDate('31/12/2023', 'yyyy-MM-dd', 'dd/MM/yyyy') == LocalDate.of(2023, 12, 31)
        DirtyData.parseDate('2024-02-29', 'yyyy-MM-dd', 'dd/MM/yyyy') == LocalDate.of(2024, 2, 29)
        DirtyData.parseDate('  ', 'yyyy-MM-dd') == null
        DirtyData.parseDateTime('05.01.2024 10:15', 'dd.MM.yyyy HH:mm') == LocalDateTime.of(2024, 1, 5, 10, 15)

        when:
        DirtyData.parseDate('2023-02-30', 'yyyy-MM-dd', 'dd/MM/yyyy')

        then:
        IllegalArgumentException e = thrown()
        e.message == "'2023-02-30' has the form yyyy-MM-dd but is no date: Invalid date 'FEBRUARY 30'"

        when:
        DirtyData.parseDate('30.02.2023', 'yyyy-MM-dd', 'dd/MM/yyyy')

        then:
        e = thrown(IllegalArgumentException)
        e.message == "'30.02.2023' matches none of yyyy-MM-dd, dd/MM/yyyy"
    }

    def "text in a pattern's form that names no real date or time is refused with the reason: '#text' as #patterns"() {
        when:
        time ? DirtyData.parseDateTime(text, patterns as String[]) : DirtyData.parseDate(text, patterns as String[])

        then:
        IllegalArgumentException e = thrown()
        e.message == message

        where:
        text                  | patterns                          | time  || message
        '2024-02-30'          | []                                | false || "'2024-02-30' has the form yyyy-MM-dd but is no date: Invalid date 'FEBRUARY 30'"
        '2023-02-29'          | ['yyyy-MM-dd']                    | false || "'2023-02-29' has the form yyyy-MM-dd but is no date: Invalid date 'February 29' as '2023' is not a leap year"
        '31/04/2024'          | ['yyyy-MM-dd', 'dd/MM/yyyy']      | false || "'31/04/2024' has the form dd/MM/yyyy but is no date: Invalid date 'APRIL 31'"
        '2024-13-01'          | ['yyyy-MM-dd']                    | false || "'2024-13-01' has the form yyyy-MM-dd but is no date: Invalid value for MonthOfYear (valid values 1 - 12): 13"
        '2024-01-01 25:00:00' | []                                | true  || "'2024-01-01 25:00:00' has the form yyyy-MM-dd HH:mm:ss but is no date and time: Invalid value for HourOfDay (valid values 0 - 23): 25"
        '2024-01-01 24:00:01' | []                                | true  || "'2024-01-01 24:00:01' has the form yyyy-MM-dd HH:mm:ss but is no date and time: Invalid value for HourOfDay (valid values 0 - 23): 24"
        '30.02.2024 10:00'    | ['dd.MM.yyyy HH:mm']              | true  || "'30.02.2024 10:00' has the form dd.MM.yyyy HH:mm but is no date and time: Invalid date 'FEBRUARY 30'"
    }

    def "blanks become NULL and white space is tidied"() {
        expect:
        DirtyData.emptyToNull('   ') == null
        DirtyData.emptyToNull(' x ') == ' x '
        DirtyData.emptyToNull(0) == 0
        DirtyData.clean('  Mary   Ann \t Smith ') == 'Mary Ann Smith'
        DirtyData.clean('\t ') == null
    }
}
