package dev.migrate.integration

import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.Scripts
import dev.migrate.support.TestDatabases
import dev.migrate.support.TestServer
import groovy.sql.Sql
import spock.lang.Timeout

/**
 * The bulk paths on the real servers: large tables split by their statistics, LOAD DATA streamed through
 * several chunks, and what happens when the server refuses a row late in the stream.
 */
class BulkPathSpec extends DatabaseSpecification {

    private static String script(TestServer from, String src, TestServer to, String dst, String settings) {
        """\
        migration 'bulk', {
            source { url '${from.url(src)}'; user '${from.user}' }
            target { url '${to.url(dst)}'; user '${to.user}' }
            settings { ${settings} }
        }
        """.stripIndent()
    }

    private static List<Map> rows(TestServer server, String db) {
        server.withDatabase(db) { Sql sql -> sql.rows('SELECT id, body FROM t ORDER BY id').collect { [id: it.id as long, body: it.body] } }
    }

    def "a PostgreSQL table larger than its statistics say is split by the estimate and moves whole"() {
        given:
        TestServer pg = TestDatabases.postgres()
        String src = database(pg, 'mig_src')
        String dst = database(pg, 'mig_dst')
        pg.withDatabase(src) { Sql sql ->
            sql.execute("CREATE TABLE t (id bigint PRIMARY KEY, body text)")
            sql.execute("INSERT INTO t SELECT g, 'row ' || g FROM generate_series(1, 1000) g")
            sql.execute('ANALYZE t')
            // rows the statistics do not know of yet: the estimate stays at 1,000
            sql.execute("INSERT INTO t SELECT g, 'late ' || g FROM generate_series(1001, 1500) g")
        }

        when:
        def result = Scripts.run('estimate.groovy', script(pg, src, pg, dst, 'partitionRows 100'))

        then:
        result.succeeded()
        result.tables()[0].partitions() == 10
        result.tables()[0].rowsWritten() == 1500
        rows(pg, dst) == rows(pg, src)
    }

    def "a MariaDB table is split by InnoDB's estimate and moves whole"() {
        given:
        TestServer my = TestDatabases.mysql()
        TestServer pg = TestDatabases.postgres()
        String src = database(my, 'mig_src')
        String dst = database(pg, 'mig_dst')
        my.withDatabase(src) { Sql sql ->
            sql.execute('CREATE TABLE t (id BIGINT PRIMARY KEY, body TEXT)')
            sql.execute("INSERT INTO t SELECT seq, CONCAT('row ', seq) FROM seq_1_to_2000")
            sql.execute('ANALYZE TABLE t')
        }

        when:
        def result = Scripts.run('estimate-my.groovy', script(my, src, pg, dst, 'partitionRows 500'))

        then:
        result.succeeded()
        result.tables()[0].partitions() > 1
        result.tables()[0].rowsWritten() == 2000
        rows(pg, dst) == rows(my, src)
    }

    def "LOAD DATA streams a partition through many chunks and keeps every byte"() {
        given:
        TestServer pg = TestDatabases.postgres()
        TestServer my = TestDatabases.mysql()
        String src = database(pg, 'mig_src')
        String dst = database(my, 'mig_dst')
        pg.withDatabase(src) { Sql sql ->
            sql.execute('CREATE TABLE t (id bigint PRIMARY KEY, body text)')
            // about 3 MB: a dozen chunks through the pipe, with every character LOAD DATA escapes
            sql.execute("INSERT INTO t SELECT g, repeat(E'ab\\\\c\\td\\ne\\rf ü', g % 40) FROM generate_series(1, 20000) g")
        }
        my.withDatabase(dst) { Sql sql -> sql.execute('CREATE TABLE t (id BIGINT PRIMARY KEY, body MEDIUMTEXT)') }

        when:
        def result = Scripts.run('chunks.groovy', script(pg, src, my, dst, 'partitionRows 100000'))

        then:
        result.succeeded()
        result.tables()[0].method() == 'LOAD DATA LOCAL INFILE'
        result.tables()[0].partitions() == 1
        rows(my, dst) == rows(pg, src)
    }

    def "a duplicate key late in a LOAD DATA stream fails the table and leaves the target as it was"() {
        given:
        TestServer pg = TestDatabases.postgres()
        TestServer my = TestDatabases.mysql()
        String src = database(pg, 'mig_src')
        String dst = database(my, 'mig_dst')
        pg.withDatabase(src) { Sql sql ->
            sql.execute('CREATE TABLE t (id bigint PRIMARY KEY, body text)')
            sql.execute("INSERT INTO t SELECT g, repeat('x', g % 100) FROM generate_series(1, 20000) g")
        }
        my.withDatabase(dst) { Sql sql ->
            sql.execute('CREATE TABLE t (id BIGINT PRIMARY KEY, body TEXT)')
            sql.execute("INSERT INTO t VALUES (19999, 'kept')")
        }

        when:
        def result = Scripts.run('late.groovy', script(pg, src, my, dst, 'partitionRows 100000'))

        then:
        !result.succeeded()
        result.tables()[0].error() == "table t: Duplicate entry '19999' for key 'PRIMARY'"
        rows(my, dst) == [[id: 19999L, body: 'kept']]
    }

    @Timeout(120)
    def "a row that fails while PostgreSQL's COPY is still sending ends the table with its reason instead of waiting for the stream"() {
        given:
        TestServer pg = TestDatabases.postgres()
        String src = database(pg, 'mig_src')
        pg.withDatabase(src) { Sql sql ->
            sql.execute("CREATE TABLE t (id bigint PRIMARY KEY, body text)")
            sql.execute("INSERT INTO t SELECT g, 'row ' || g FROM generate_series(1, 50000) g")
        }
        String h2 = "jdbc:h2:mem:copy_${UUID.randomUUID()}"

        when:
        def result = Scripts.run('copy-fails.groovy', """\
            migration 'copy-fails', {
                source { url '${pg.url(src)}'; user '${pg.user}' }
                target { url '${h2}'; user 'sa' }
                settings { parallelism 1 }
                table('t') { column('body') { if (it == 'row 3') throw new IllegalStateException('bad row'); it } }
            }
            """.stripIndent())

        then:
        result.tables()[0].status() == dev.migrate.engine.TableResult.Status.FAILED
        result.tables()[0].error() == 'table t, column body (row id=3): the transform at (copy-fails.groovy, line 5) failed: IllegalStateException: bad row'
    }
}
