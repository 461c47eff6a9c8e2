package dev.migrate.transfer

import java.sql.Connection
import java.sql.PreparedStatement
import java.sql.ResultSet
import java.security.MessageDigest

import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.TestServer
import groovy.sql.Sql

/** A source read through JDBC fetches rows bounded by their bytes, not only by the fetch size. */
class ResultSetCursorSpec extends DatabaseSpecification {

    static final long FETCH_BYTES = 8L * 1024 * 1024

    TestServer server = server('postgres')

    private String table(String rows) {
        String db = database(server, 'cursor_src')
        server.withDatabase(db) { Sql sql ->
            sql.execute 'CREATE TABLE docs (id int PRIMARY KEY, doc xml)'
            sql.execute "INSERT INTO docs ${rows}".toString()
        }
        db
    }

    /** Reads every row of docs with a fetch size of 5,000; the fetch sizes the driver used, in order, and the rows. */
    private Map read(String db) {
        List<Integer> fetches = []
        List<List<Object>> rows = []
        server.withDatabase(db) { Sql sql ->
            Connection c = sql.connection
            c.autoCommit = false
            PreparedStatement statement = c.prepareStatement('SELECT id, doc FROM docs ORDER BY id')
            statement.fetchSize = 5_000
            ValueReader[] readers = [(rs, i) -> rs.getInt(i), (rs, i) -> rs.getString(i)] as ValueReader[]
            ResultSetCursor cursor = new ResultSetCursor(statement, readers, FETCH_BYTES)
            ResultSet rs = cursor.@rs
            try {
                while (cursor.next()) {
                    if (fetches.empty || fetches.last() != rs.lastUsedFetchSize) {
                        fetches << rs.lastUsedFetchSize
                    }
                    rows << [cursor.value(0), cursor.value(1)]
                }
            } finally {
                cursor.close()
                c.rollback()
            }
        }
        [fetches: fetches, rows: rows]
    }

    def "xml documents of 3 MB each are fetched two at a time, and every document arrives whole"() {
        given:
        String db = table("SELECT g, ('<d>' || repeat(md5(g::text), 98304) || '</d>')::xml FROM generate_series(1, 12) g")

        when:
        Map read = read(db)

        then:
        read.fetches == [1, 2]
        read.rows.collect { it[0] } == (1..12).toList()
        read.rows.every { row -> row[1] == '<d>' + md5(row[0] as String) * 98304 + '</d>' }
    }

    def "rows of a few bytes double their fetch until it reaches the fetch size"() {
        given:
        String db = table("SELECT g, ('<n>' || g || '</n>')::xml FROM generate_series(1, 12000) g")

        when:
        Map read = read(db)

        then:
        read.fetches == [1, 2, 6, 18, 54, 162, 486, 1458, 4374, 5000]
        read.rows == (1..12000).collect { [it, "<n>${it}</n>".toString()] }
    }

    def "after a wide row, narrow rows are fetched no more than the fetch bytes hold of rows that wide"() {
        given: 'a 1 MB document first, then 100 small ones'
        String db = table("SELECT g, ('<d>' || repeat(CASE WHEN g = 1 THEN md5(g::text) ELSE 'x' END, CASE WHEN g = 1 THEN 32768 ELSE 1 END) || '</d>')::xml" +
                " FROM generate_series(1, 101) g")

        when:
        Map read = read(db)

        then: '8 MB hold 7 rows of 1 MB and a little'
        read.fetches == [1, 2, 6, 7]
        read.rows.size() == 101
        read.rows[0] == [1, '<d>' + md5('1') * 32768 + '</d>']
        read.rows.drop(1) == (2..101).collect { [it, '<d>x</d>'] }
    }

    private static String md5(String text) {
        MessageDigest.getInstance('MD5').digest(text.getBytes('UTF-8')).encodeHex().toString()
    }
}
