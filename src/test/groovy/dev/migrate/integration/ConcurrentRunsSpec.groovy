package dev.migrate.integration

import dev.migrate.command.Migrate
import com.fasterxml.jackson.databind.ObjectMapper
import dev.migrate.cli.Main
import dev.migrate.engine.ProgressListener
import dev.migrate.support.ChildRun
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.Scripts
import dev.migrate.support.TestServer
import groovy.sql.Sql

import java.nio.file.Files
import java.nio.file.Path
import java.time.Instant
import java.time.ZoneId
import java.time.format.DateTimeFormatter

/** Two runs into the same tables at once: the second stops before it changes anything, and says who holds them. */
class ConcurrentRunsSpec extends DatabaseSpecification {

    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern('yyyy-MM-dd HH:mm:ss').withZone(ZoneId.systemDefault())

    PrintStream originalOut = System.out
    PrintStream originalErr = System.err
    ByteArrayOutputStream out = new ByteArrayOutputStream()
    ByteArrayOutputStream err = new ByteArrayOutputStream()

    def cleanup() {
        System.out = originalOut
        System.err = originalErr
    }

    private static Sql connect(Map db) {
        (db.server as TestServer).connect(db.db)
    }

    private Map database(String kind, String prefix) {
        TestServer server = server(kind == 'PostgreSQL' ? 'postgres' : 'mysql')
        String db = database(server, prefix)
        [url: server.url(db), user: server.user, server: server, db: db]
    }

    def "a second run into #kind while another is loading the same table stops at once with its summary and report; the table is free once the first is gone"() {
        given:
        Map source = database('PostgreSQL', 'mig_src')
        Map target = database(kind, 'mig_dst')
        Sql sql = connect(source)
        sql.execute 'CREATE TABLE items (id INT PRIMARY KEY, qty INT)'
        sql.execute 'INSERT INTO items SELECT g, g FROM generate_series(1, 20000) g'
        sql.close()
        String text = """\
            migration 'twice', {
                source { url '${source.url}'; user '${source.user}' }
                target { url '${target.url}'; user '${target.user}' }
                settings { partitionRows 5_000; parallelism 2 }
                table('items') { column('qty') { if (it > 15_000) sleep(20); it } }
            }
            """.stripIndent()
        Path script = Scripts.write('twice.groovy', text)
        ChildRun first = ChildRun.start(script, Files.createTempDirectory('first'))
        first.waitFor('the first run loading', 120) {
            try {
                connect(target).with { Sql s -> try { s.firstRow("SELECT COUNT(*) AS n FROM migrate_journal WHERE entry LIKE 'partition%'").n > 0 } finally { s.close() } }
            } catch (Exception notYet) {
                false
            }
        }
        Map journal = connect(target).with { Sql s -> try { s.firstRow("SELECT started_at, host FROM migrate_journal WHERE entry = 'table'") as Map } finally { s.close() } }
        long before = connect(target).with { Sql s -> try { s.firstRow('SELECT COUNT(*) AS n FROM items').n as long } finally { s.close() } }
        Path results = Files.createTempDirectory('second')
        System.out = new PrintStream(out, true, 'UTF-8')
        System.err = new PrintStream(err, true, 'UTF-8')
        String refusal = "table items is being loaded by another run, run 'twice' (started ${LOCAL.format(Instant.parse(journal.started_at))}" +
                " on ${journal.host}, pid ${first.pid()}); wait for it to end (or stop it), then run this again"

        when:
        int code = Main.execute('run', script.toString(), '--results', results.toString())
        first.kill()
        System.out = originalOut
        System.err = originalErr

        then:
        code == 1
        err.toString('UTF-8').readLines().findAll { !it.matches(/^\d\d:\d\d:\d\d .*/) } == ["error: ${refusal}".toString()]
        out.toString('UTF-8').readLines().contains('Migration twice: stopped before any row moved')
        def reports = Files.list(results).toList()
        reports.size() == 1
        def json = new ObjectMapper().readValue(reports[0].toFile(), Map)
        json.status == 'failed'
        json.error == refusal
        // the second run wrote nothing: what is there, the first run wrote
        connect(target).with { Sql s -> try { s.firstRow("SELECT SUM(rows_written) AS n FROM migrate_journal WHERE entry LIKE 'partition%'").n as long } finally { s.close() } } >= before

        when:
        def third = Migrate.run(Scripts.load('twice.groovy', text.replace('partitionRows 5_000;', 'partitionRows 5_000; mode TRUNCATE_INSERT;')
                .replace("if (it > 15_000) sleep(20); ", '')), ProgressListener.NONE, Files.createTempDirectory('third'))

        then:
        third.succeeded()
        connect(target).with { Sql s -> try { s.firstRow('SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS d FROM items') as Map } finally { s.close() } } ==
                [n: 20_000, d: 20_000]

        where:
        kind << ['PostgreSQL', 'MariaDB']
    }
}
