package dev.migrate.support

import java.sql.Connection
import java.sql.PreparedStatement
import java.sql.ResultSet
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.LocalTime
import java.time.OffsetDateTime
import java.time.ZoneOffset

/**
 * One table with every common column type, the same rows in every database: the canonical values,
 * the DDL per database, and a reader that gives each value back as the same Java type whatever the
 * database, so rows can be compared exactly.
 */
final class TypeFixture {

    static final List<String> COLUMNS = ['id', 'small_n', 'n', 'big_n', 'price', 'ratio', 'real_v', 'dbl', 'name', 'body',
                                         'code', 'flag', 'day', 'at_time', 'created', 'happened', 'data']

    /** Each column's Java type when read back. */
    static final Map<String, Class> TYPES = [id: Long, small_n: Integer, n: Integer, big_n: Long, price: BigDecimal, ratio: BigDecimal,
                                             real_v: Float, dbl: Double, name: String, body: String, code: String, flag: Boolean,
                                             day: LocalDate, at_time: LocalTime, created: LocalDateTime, happened: OffsetDateTime, data: byte[]]

    static final List<Map<String, Object>> ROWS = [
            [id: 1L, small_n: -32768, n: 2147483647, big_n: Long.MAX_VALUE, price: new BigDecimal('1234567890.12'),
             ratio: new BigDecimal('12345678901234567890.0123456789'), real_v: 1.5f, dbl: Math.PI,
             name: 'Zoë 🚀 naïve 北京', body: 'line1\nline2\ttab\\back "double" \'single\' \r end', code: 'ABCDE', flag: true,
             day: LocalDate.of(2024, 2, 29), at_time: LocalTime.of(23, 59, 59),
             created: LocalDateTime.of(2024, 3, 10, 2, 30, 0, 123_456_000),
             happened: OffsetDateTime.of(2024, 6, 1, 12, 0, 0, 654_321_000, ZoneOffset.UTC),
             data: (0..255).collect { it as byte } as byte[]],
            [id: 2L, small_n: null, n: null, big_n: null, price: null, ratio: null, real_v: null, dbl: null, name: null, body: null,
             code: null, flag: null, day: null, at_time: null, created: null, happened: null, data: null],
            [id: 3L, small_n: 0, n: -1, big_n: Long.MIN_VALUE, price: new BigDecimal('-0.01'), ratio: new BigDecimal('0E-10'),
             real_v: 0.0f, dbl: -1.0E-300d, name: '', body: '', code: 'xyz12', flag: false,
             day: LocalDate.of(1970, 1, 1), at_time: LocalTime.MIDNIGHT,
             created: LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000),
             happened: OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(-5)),
             data: new byte[0]],
    ]

    static final String POSTGRES_DDL = '''CREATE TABLE all_types (
        id bigint PRIMARY KEY, small_n smallint, n integer, big_n bigint, price numeric(12,2), ratio numeric(30,10),
        real_v real, dbl double precision, name varchar(100), body text, code char(5), flag boolean, day date,
        at_time time(0), created timestamp(6), happened timestamptz(6), data bytea)'''

    static final String MYSQL_DDL = '''CREATE TABLE all_types (
        id BIGINT PRIMARY KEY, small_n SMALLINT, n INT, big_n BIGINT, price DECIMAL(12,2), ratio DECIMAL(30,10),
        real_v FLOAT, dbl DOUBLE, name VARCHAR(100), body TEXT, code CHAR(5), flag BOOLEAN, day DATE,
        at_time TIME, created DATETIME(6), happened TIMESTAMP(6) NULL, data LONGBLOB)'''

    /** SQLite as legacy applications use it: loose types, exact decimals kept as text. */
    static final String SQLITE_DDL = '''CREATE TABLE all_types (
        id INTEGER PRIMARY KEY, small_n INTEGER, n INTEGER, big_n INTEGER, price NUMERIC, ratio TEXT,
        real_v REAL, dbl REAL, name VARCHAR(100), body TEXT, code CHAR(5), flag BOOLEAN, day DATE,
        at_time TEXT, created DATETIME, happened TEXT, data BLOB)'''

    private TypeFixture() {
    }

    static String ddl(String database) {
        [postgres: POSTGRES_DDL, mysql: MYSQL_DDL, sqlite: SQLITE_DDL][database]
    }

    /**
     * Inserts the canonical rows with the driver's own typed setters; date-times go to MySQL as UTC text
     * (Connector/J drops fractions of a second for MariaDB), to SQLite as text.
     */
    static void insert(Connection c, String database = 'postgres') {
        boolean sqlite = database == 'sqlite'
        String sql = "INSERT INTO all_types (${COLUMNS.join(', ')}) VALUES (${COLUMNS.collect { '?' }.join(', ')})"
        PreparedStatement ps = c.prepareStatement(sql)
        try {
            for (Map<String, Object> row : ROWS) {
                COLUMNS.eachWithIndex { String col, int i ->
                    Object v = row[col]
                    if (v == null) {
                        ps.setNull(i + 1, java.sql.Types.NULL)
                    } else if (sqlite) {
                        ps.setObject(i + 1, sqliteValue(col, v))
                    } else if (database == 'mysql' && v instanceof OffsetDateTime) {
                        ps.setString(i + 1, v.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime().toString().replace('T', ' '))
                    } else if (database == 'mysql' && v instanceof LocalDateTime) {
                        ps.setString(i + 1, v.toString().replace('T', ' '))
                    } else {
                        ps.setObject(i + 1, v)
                    }
                }
                ps.executeUpdate()
            }
        } finally {
            ps.close()
        }
    }

    private static Object sqliteValue(String col, Object v) {
        switch (v) {
            case Boolean: return v ? 1 : 0
            case BigDecimal: return col == 'ratio' ? v.toPlainString() : v
            case LocalDateTime: return v.toString().replace('T', ' ')
            case OffsetDateTime: return v.toString().replace('T', ' ')
            case LocalDate:
            case LocalTime: return v.toString().length() == 5 ? v.toString() + ':00' : v.toString()
            default: return v
        }
    }

    /** Every row of the table, each value as its canonical Java type. */
    static List<Map<String, Object>> read(Connection c) {
        def rows = []
        def st = c.createStatement()
        ResultSet rs = st.executeQuery("SELECT ${COLUMNS.join(', ')} FROM all_types ORDER BY id")
        while (rs.next()) {
            Map<String, Object> row = [:]
            COLUMNS.eachWithIndex { String col, int i ->
                Class type = TYPES[col]
                Object v = type == byte[] ? rs.getBytes(i + 1) : rs.getObject(i + 1, type)
                row[col] = v
            }
            rows << row
        }
        rs.close()
        st.close()
        rows
    }

    /** Every value that differs from the canonical rows, as {@code row id, column: expected != actual}. */
    static List<String> differences(List<Map<String, Object>> actual) {
        def expected = comparable(ROWS)
        def got = comparable(actual)
        List<String> diffs = []
        if (got.size() != expected.size()) {
            diffs << "rows: ${expected.size()} expected, ${got.size()} found".toString()
        }
        [expected, got].transpose().each { Map e, Map a ->
            COLUMNS.each { c ->
                if (e[c] != a[c]) {
                    diffs << "row ${e.id}, ${c}: ${e[c]?.getClass()?.simpleName} ${String.valueOf(e[c]).take(60)} != ${a[c]?.getClass()?.simpleName} ${String.valueOf(a[c]).take(60)}".toString()
                }
            }
        }
        diffs
    }

    /** A row in a form whose equality means equal values: instants compared as instants, bytes as lists. */
    static List<Map<String, Object>> comparable(List<Map<String, Object>> rows) {
        rows.collect { Map<String, Object> row ->
            row.collectEntries { k, v ->
                [k, v instanceof OffsetDateTime ? v.toInstant() : v instanceof byte[] ? (v as List) : v instanceof BigDecimal ? v.stripTrailingZeros() : v]
            }
        }
    }
}
