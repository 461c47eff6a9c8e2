package dev.migrate.engine

import dev.migrate.command.Migrate
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.Scripts
import dev.migrate.support.TestServer
import groovy.sql.Sql
import spock.lang.Timeout

import java.nio.file.Files
import java.nio.file.Path

/**
 * Every way a row can fail its table ends the partition, rolls it back, frees its connections and reaches the
 * summary, on every kind of source reader: nothing ever waits forever. The bad rows come late in the stream, so
 * the source is still sending (a COPY still in progress) when the table fails.
 */
class FailurePathsSpec extends DatabaseSpecification {

    static final int ROWS = 12_000

    Path results = Files.createTempDirectory('failure-paths')

    static final Map<String, String> FAILURES = [
            'a closure that throws'                : "column('qty') { if (it == 9000) throw new IllegalStateException('boom'); it }",
            'a value of the wrong type'            : "column('qty') { it == 9000 ? 'lots' : it }",
            'an unmapped value with no otherwise'  : "column('status') { map A: 'active', B: 'blocked' }",
            'one reject more than maxRejects'      : "column('status') { map A: 'active', B: 'blocked' }",
    ]

    /** Source rows: status A, but C at 9000 (and at 9001 and 9002 where three rejects are wanted). */
    private static List<List> rows(int badRows) {
        (1..ROWS).collect { [it, it, it >= 9000 && it < 9000 + badRows ? 'C' : 'A'] }
    }

    /** A source database of the given kind holding {@code items}; returns its URL and user. */
    private Map source(String kind, int badRows) {
        String ddl = 'CREATE TABLE items (id INT PRIMARY KEY, qty INT, status VARCHAR(10))'
        Map endpoint
        Sql sql
        switch (kind) {
            case 'PostgreSQL (COPY)':
            case 'PostgreSQL (JDBC)':
            case 'MariaDB':
                TestServer server = server(kind == 'MariaDB' ? 'mysql' : 'postgres')
                String db = database(server, 'mig_fail')
                endpoint = [url: server.url(db), user: server.user, server: server, db: db]
                sql = server.connect(db)
                break
            case 'SQLite':
                String file = Files.createTempDirectory('fail-sqlite').resolve('src.db').toString()
                endpoint = [url: "jdbc:sqlite:${file}".toString(), user: '']
                sql = Sql.newInstance(endpoint.url)
                break
            default:
                endpoint = [url: "jdbc:h2:mem:fail_src_${UUID.randomUUID()};DATABASE_TO_LOWER=TRUE".toString(), user: 'sa']
                // the database lives while a connection to it is open
                Sql holder = Sql.newInstance(endpoint.url, 'sa', '')
                cleanups << { holder.close() }
                sql = Sql.newInstance(endpoint.url, 'sa', '')
        }
        sql.execute(ddl)
        // a few multi-row statements in one transaction: one INSERT per row would take SQLite and MariaDB a while
        sql.withTransaction {
            rows(badRows).collate(1000).each { chunk ->
                sql.execute('INSERT INTO items VALUES ' + chunk.collect { "(${it[0]}, ${it[1]}, '${it[2]}')" }.join(', '))
            }
        }
        sql.close()
        endpoint
    }

    private static String script(Map source, Map target, String settings, String column) {
        """\
        migration 'fail', {
            source { url '${source.url}'; user '${source.user}' }
            target { url '${target.url}'; user '${target.user}' }
            settings { ${settings} }
            table('items') {
                ${column}
            }
        }
        """.stripIndent()
    }

    /** The column's type as the target describes it: SQLite's INT is a 64-bit integer, and the run creates it so. */
    private static String qtyType(String kind, String into) {
        into == 'PostgreSQL' ? 'an integer (int4(10))' : kind == 'SQLite' ? 'a big integer (BIGINT(64))' : 'an integer (INTEGER(32))'
    }

    private static String expected(String failure, String kind, String into) {
        switch (failure) {
            case 'a closure that throws':
                return 'table items, column qty (row id=9000): the transform at (fail.groovy, line 6) failed: IllegalStateException: boom'
            case 'a value of the wrong type':
                return "table items, column qty (row id=9000): cannot store 'lots' (String) as ${qtyType(kind, into)}".toString()
            case 'an unmapped value with no otherwise':
                return "table items, column status (row id=9000): 'C' is not in the map (A, B)"
            default:
                return "table items: more than 2 rows rejected; the last: table items, column status (row id=9002): 'C' is not in the map (A, B)"
        }
    }

    /** Connections the tool still holds on a server database once the run is over (it should hold none). */
    private static int openConnections(Map source) {
        if (!source.server) {
            return 0
        }
        TestServer server = source.server
        String sql = server.kind == 'postgres'
                ? "SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = ? AND application_name = 'migrate'"
                : 'SELECT COUNT(*) AS n FROM information_schema.processlist WHERE db = ? AND id <> CONNECTION_ID()'
        int open = -1
        for (int i = 0; i < 50 && open != 0; i++) {
            open = server.withDatabase(source.db) { Sql s -> s.firstRow(sql, [source.db]).n as int }
            if (open != 0) {
                sleep(100)
            }
        }
        open
    }

    @Timeout(120)
    def "#failure on a #kind source into #into fails the table with its reason, writes nothing and frees every connection"() {
        given:
        boolean rejects = failure == 'one reject more than maxRejects'
        Map from = source(kind, rejects ? 3 : 1)
        Map to
        if (into == 'PostgreSQL') {
            TestServer pg = server('postgres')
            String db = database(pg, 'mig_fail_dst')
            to = [url: pg.url(db), user: pg.user, server: pg, db: db]
        } else {
            to = [url: "jdbc:h2:mem:fail_dst_${UUID.randomUUID()};DB_CLOSE_DELAY=-1".toString(), user: 'sa']
        }
        String settings = (rejects ? 'maxRejects 2; ' : '') + (kind == 'PostgreSQL (JDBC)' ? 'bulk false; ' : '') + 'parallelism 2'
        def plan = Scripts.load('fail.groovy', script(from, to, settings, FAILURES[failure]))

        when:
        def result = Migrate.run(plan, ProgressListener.NONE, results)

        then:
        !result.succeeded()
        result.tables()*.status() == [TableResult.Status.FAILED]
        result.tables()[0].error() == expected(failure, kind, into)
        result.tables()[0].rowsWritten() == 0
        count(to) == 0
        openConnections(from) == 0
        openConnections(to) == 0

        where:
        [failure, kind, into] << FAILURES.keySet().collectMany { f ->
            ['PostgreSQL (COPY)', 'PostgreSQL (JDBC)', 'MariaDB', 'SQLite', 'H2'].collect { [f, it, 'H2'] } + [[f, 'PostgreSQL (COPY)', 'PostgreSQL']]
        }
    }

    @Timeout(120)
    def "a row #into refuses late in a PostgreSQL COPY stream fails the table with the reason, writes nothing and frees every connection"() {
        given:
        Map from = source('PostgreSQL (COPY)', 0)
        Map to
        if (into == 'H2') {
            String url = "jdbc:h2:mem:fail_dst_${UUID.randomUUID()};DATABASE_TO_LOWER=TRUE"
            Sql holder = Sql.newInstance(url, 'sa', '')
            cleanups << { holder.close() }
            to = [url: url, user: 'sa']
        } else {
            TestServer server = server(into == 'PostgreSQL' ? 'postgres' : 'mysql')
            String db = database(server, 'mig_fail_dst')
            to = [url: server.url(db), user: server.user, server: server, db: db]
        }
        Sql dst = to.server ? (to.server as TestServer).connect(to.db) : Sql.newInstance(to.url, 'sa', '')
        dst.execute 'CREATE TABLE items (id INT PRIMARY KEY, qty INT, status VARCHAR(10), CONSTRAINT qty_not_9000 CHECK (qty <> 9000))'
        dst.close()
        def plan = Scripts.load('fail.groovy', script(from, to, 'parallelism 2', ''))

        when:
        def result = Migrate.run(plan, ProgressListener.NONE, results)

        then:
        result.tables()*.status() == [TableResult.Status.FAILED]
        result.tables()[0].error() ==~ expected
        result.tables()[0].rowsWritten() == 0
        count(to) == 0
        openConnections(from) == 0
        openConnections(to) == 0

        where:
        into         | expected
        'PostgreSQL' | /table items: ERROR: new row for relation "items" violates check constraint "qty_not_9000"/
        'MariaDB'    | /table items: CONSTRAINT `qty_not_9000` failed for `mig_fail_dst_\w+`.`items`/
        'H2'         | /table items: Check constraint violation: "qty_not_9000: "; SQL statement: INSERT INTO "public"."items" \("id", "qty", "status"\) VALUES \(\?, \?, \?\) \[23513-232]/
    }

    private static long count(Map target) {
        Sql sql = target.server ? (target.server as TestServer).connect(target.db) : Sql.newInstance(target.url, 'sa', '')
        try {
            sql.firstRow("SELECT COUNT(*) AS n FROM ${(target.server as TestServer)?.kind == 'mysql' ? 'items' : '"items"'}".toString()).n as long
        } finally {
            sql.close()
        }
    }
}
