package dev.migrate.dialect.postgresql

import dev.migrate.schema.ColumnInfo
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.TestDatabases
import dev.migrate.support.TestServer
import groovy.sql.Sql

import java.sql.Connection
import java.sql.DriverManager
import java.sql.Types

/**
 * Reading a PostgreSQL source through COPY TO STDOUT gives every value the JDBC driver gives, the awkward ones
 * included: infinities, BC years, 24:00, NaN, every escape, padded chars, years past 9999.
 */
class PostgresCopySourceSpec extends DatabaseSpecification {

    private static final Map<String, Integer> JDBC = [bool: Types.BIT, int2: Types.SMALLINT, int4: Types.INTEGER, int8: Types.BIGINT,
            float4: Types.REAL, float8: Types.DOUBLE, numeric: Types.NUMERIC, text: Types.VARCHAR, varchar: Types.VARCHAR,
            bpchar: Types.CHAR, date: Types.DATE, time: Types.TIME, timestamp: Types.TIMESTAMP, timestamptz: Types.TIMESTAMP,
            bytea: Types.BINARY, uuid: Types.OTHER, json: Types.OTHER, jsonb: Types.OTHER]

    private static final List<String> TYPES = ['bool', 'int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'text', 'varchar',
                                               'bpchar', 'date', 'time', 'timestamp', 'timestamptz', 'bytea', 'uuid', 'json', 'jsonb']

    private static List<ColumnInfo> columns() {
        TYPES.collect { new ColumnInfo("c_${it}", JDBC[it], it, 0, 0, true, false, false) }
    }

    private static List<List<Object>> viaJdbc(Connection c, String select) {
        def dialect = new PostgresDialect()
        def readers = columns().collect { dialect.reader(it) }
        def rows = []
        c.autoCommit = false
        def rs = c.createStatement().executeQuery(select)
        while (rs.next()) {
            rows << (0..<readers.size()).collect { plain(readers[it].read(rs, it + 1)) }
        }
        c.rollback()
        rows
    }

    private static List<List<Object>> viaCopy(Connection c, String select, boolean[] asPrinted = new boolean[TYPES.size()]) {
        def rows = []
        c.autoCommit = false
        def cursor = PostgresCopySource.open(c, select, columns().collect { new PostgresDialect().kindOf(it) }, asPrinted)
        while (cursor.next()) {
            rows << (0..<TYPES.size()).collect { plain(cursor.value(it)) }
        }
        cursor.close()
        c.rollback()
        rows
    }

    /** Bytes as hex, so that rows compare by value. */
    private static Object plain(Object v) {
        v instanceof byte[] ? ((byte[]) v).encodeHex().toString() : v
    }

    def "COPY TO STDOUT decodes every value as the JDBC driver does"() {
        given:
        TestServer pg = TestDatabases.postgres()
        String db = database(pg, 'mig_copy')
        pg.withDatabase(db) { Sql sql ->
            sql.execute("CREATE TABLE t (id serial, c_bool bool, c_int2 int2, c_int4 int4, c_int8 int8, c_float4 float4, c_float8 float8, " +
                    "c_numeric numeric, c_text text, c_varchar varchar(50), c_bpchar char(5), c_date date, c_time time, c_timestamp timestamp, " +
                    "c_timestamptz timestamptz, c_bytea bytea, c_uuid uuid, c_json json, c_jsonb jsonb)")
            sql.execute('''INSERT INTO t (c_bool, c_int2, c_int4, c_int8, c_float4, c_float8, c_numeric, c_text, c_varchar, c_bpchar, c_date,
                c_time, c_timestamp, c_timestamptz, c_bytea, c_uuid, c_json, c_jsonb) VALUES
                (true, 1, 2, 3, 1.5, 2.25, 12.50, 'plain', 'v', 'ab', '2024-02-29', '10:15:30.123456', '2020-01-01 00:00:01.5',
                 '2020-06-01 12:00:00+05:30', '\\x00ff10', '0b7e4f3c-8a0e-4a6f-9a43-6c2f4a1d9e11', '{"a": "\\\\n"}', '{"b": [1, 2]}'),
                (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                (false, -32768, -2147483648, -9223372036854775808, 'Infinity', '-Infinity', 123456789012345678901234567890.123456789,
                 E'back\\\\slash tab\\t nl\\n cr\\r bs\\b ff\\f vt\\v ü 😀 \\\\N', '', 'abcde', 'infinity', '24:00:00', '-infinity', 'infinity',
                 '\\x', '00000000-0000-0000-0000-000000000000', '[]', 'null'),
                (true, 32767, 2147483647, 9223372036854775807, 1.17549435e-38, 'NaN', -0.000000000000000001,
                 '\\N', ' lead and trail ', 'ab  ', '0044-03-15 BC', '00:00:00.000001', '0044-03-15 10:00:00.123456 BC',
                 '1900-01-01 00:00:00+00', '\\x5c', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '"x"', '1'),
                (false, 0, 0, 0, 0, -0.0, 0, 'x', 'y', 'z', '12345-06-07', '23:59:59.999999', '12345-06-07 08:09:10', '-infinity',
                 NULL, NULL, NULL, NULL)''')
        }
        String select = "SELECT ${TYPES.collect { 'c_' + it }.join(', ')} FROM t ORDER BY id"
        Connection c = DriverManager.getConnection(pg.url(db), pg.user, pg.password ?: '')
        cleanups << { c.close() }

        when:
        def expected = viaJdbc(c, select)
        def copied = viaCopy(c, select)

        then:
        expected.size() == 5
        copied == expected
    }

    def "a column read as printed keeps the server's text"() {
        given:
        TestServer pg = TestDatabases.postgres()
        String db = database(pg, 'mig_copy')
        pg.withDatabase(db) { Sql sql ->
            sql.execute('CREATE TABLE p (n numeric(12,2), d float8, t timestamp)')
            sql.execute("INSERT INTO p VALUES (12.50, 0.1, '2020-01-01 00:00:01.5'), (NULL, 1e300, '2020-01-01')")
        }
        Connection c = DriverManager.getConnection(pg.url(db), pg.user, pg.password ?: '')
        cleanups << { c.close() }
        def columns = [new ColumnInfo('n', Types.NUMERIC, 'numeric', 12, 2, true, false, false),
                       new ColumnInfo('d', Types.DOUBLE, 'float8', 0, 0, true, false, false),
                       new ColumnInfo('t', Types.TIMESTAMP, 'timestamp', 0, 0, true, false, false)]

        when:
        c.autoCommit = false
        def cursor = PostgresCopySource.open(c, 'SELECT n, d, t FROM p ORDER BY d', columns.collect { new PostgresDialect().kindOf(it) }, [true, true, true] as boolean[])
        def rows = []
        while (cursor.next()) {
            rows << [cursor.value(0), cursor.value(1), cursor.value(2)]
        }
        cursor.close()

        then:
        rows == [['12.50', '0.1', '2020-01-01 00:00:01.5'], [null, '1e+300', '2020-01-01 00:00:00']]
    }
}
