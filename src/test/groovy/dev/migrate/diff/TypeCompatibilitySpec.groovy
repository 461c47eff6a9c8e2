package dev.migrate.diff

import dev.migrate.types.DataType
import dev.migrate.types.TypeKind
import spock.lang.Specification

import static dev.migrate.diff.TypeCompatibility.Verdict.Kind.*

class TypeCompatibilitySpec extends Specification {

    static DataType t(TypeKind kind) { DataType.of(kind) }

    static DataType ts(TypeKind kind, int scale) { new DataType(kind, 0, 0, scale, kind.name()) }

    def "#from.describe() -> #to.describe() is #kind: #reason"() {
        when:
        def verdict = TypeCompatibility.compare(from, to)

        then:
        verdict.kind() == kind
        verdict.reason() == reason

        where:
        from                          | to                              || kind         | reason
        t(TypeKind.INTEGER)           | t(TypeKind.INTEGER)             || SAME         | ''
        t(TypeKind.INTEGER)           | t(TypeKind.BIGINT)              || WIDENING     | 'wider integer'
        t(TypeKind.BIGINT)            | t(TypeKind.INTEGER)             || NARROWING    | 'smaller integer: larger values would not fit'
        DataType.varchar(50)          | DataType.varchar(200)           || WIDENING     | 'longer text'
        DataType.varchar(50)          | t(TypeKind.TEXT)                || WIDENING     | 'written as text'
        DataType.varchar(200)         | DataType.varchar(50)            || NARROWING    | 'shorter text: values longer than 50 would not fit'
        t(TypeKind.TEXT)              | DataType.varchar(50)            || NARROWING    | 'shorter text: values longer than 50 would not fit'
        t(TypeKind.DATE)              | ts(TypeKind.TIMESTAMP, 6)       || WIDENING     | 'a date becomes midnight of its day'
        ts(TypeKind.TIMESTAMP, 6)     | t(TypeKind.DATE)                || NARROWING    | 'the time of day would be lost'
        ts(TypeKind.TIMESTAMP, 6)     | ts(TypeKind.TIMESTAMP, 0)       || NARROWING    | 'fractional seconds cut from 6 to 0 digits'
        ts(TypeKind.TIMESTAMP, 0)     | ts(TypeKind.TIMESTAMP, 6)       || WIDENING     | 'more fractional-second digits'
        ts(TypeKind.TIMESTAMP, 6)     | ts(TypeKind.TIMESTAMP_TZ, 6)    || CONVERTED    | "local time taken in the machine's time zone"
        DataType.decimal(10, 2)       | DataType.decimal(12, 2)         || WIDENING     | 'wider decimal'
        DataType.decimal(10, 2)       | DataType.decimal(10, 1)         || NARROWING    | 'precision lost: 2 decimals into 1'
        DataType.decimal(10, 2)       | DataType.decimal(9, 2)          || NARROWING    | 'fewer integer digits: large values would not fit'
        t(TypeKind.INTEGER)           | DataType.decimal(12, 2)         || WIDENING     | 'integer into decimal'
        t(TypeKind.BIGINT)            | DataType.decimal(12, 2)         || NARROWING    | 'DECIMAL(12,2) holds fewer integer digits than BIGINT'
        DataType.decimal(10, 2)       | t(TypeKind.INTEGER)             || NARROWING    | 'fractions would not fit'
        t(TypeKind.BIGINT)            | t(TypeKind.DOUBLE)              || NARROWING    | 'floating point can round large or precise values'
        t(TypeKind.REAL)              | t(TypeKind.DOUBLE)              || WIDENING     | 'exact in floating point'
        t(TypeKind.BOOLEAN)           | t(TypeKind.SMALLINT)            || WIDENING     | 'false and true become 0 and 1'
        t(TypeKind.SMALLINT)          | t(TypeKind.BOOLEAN)             || CONVERTED    | '0 and 1 become false and true; other values fail their row'
        DataType.varchar(20)          | ts(TypeKind.TIMESTAMP, 6)       || CONVERTED    | 'text parsed as TIMESTAMP; a value that does not parse fails its row'
        t(TypeKind.UUID)              | t(TypeKind.TEXT)                || WIDENING     | 'written as text'
        t(TypeKind.BLOB)              | t(TypeKind.DATE)                || INCOMPATIBLE | 'BLOB values have no DATE form'
    }

    def "widening and converting are transformable, narrowing and incompatible are breaking"() {
        expect:
        TypeCompatibility.compare(t(TypeKind.INTEGER), t(TypeKind.BIGINT)).category() == Category.TRANSFORMABLE
        TypeCompatibility.compare(DataType.varchar(9), t(TypeKind.DATE)).category() == Category.TRANSFORMABLE
        TypeCompatibility.compare(t(TypeKind.BIGINT), t(TypeKind.SMALLINT)).category() == Category.BREAKING
        TypeCompatibility.compare(t(TypeKind.BLOB), t(TypeKind.DATE)).category() == Category.BREAKING
        TypeCompatibility.compare(t(TypeKind.DATE), t(TypeKind.DATE)).category() == null
    }
}
