package dev.migrate.integration

import dev.migrate.command.Migrate
import dev.migrate.engine.MigrationResult
import dev.migrate.engine.ProgressListener
import dev.migrate.engine.TableResult
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.Scripts
import dev.migrate.support.TestServer
import groovy.sql.Sql
import spock.lang.Timeout

import java.nio.file.Files
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit

/**
 * A backend the server ends in the middle of a run (pg_terminate_backend, as a DBA or a failover does) rolls its
 * partition back, which is tried again after a pause; one that is lost at every try fails the table with the lost
 * connection named on the side it was lost, and the run ends with its summary.
 */
class TerminatedBackendSpec extends DatabaseSpecification {

    private Map items(TestServer pg) {
        String src = database(pg, 'mig_src')
        String dst = database(pg, 'mig_dst')
        pg.withDatabase(src) { Sql sql ->
            sql.execute 'CREATE TABLE items (id INT PRIMARY KEY, qty INT)'
            sql.execute 'INSERT INTO items SELECT g, g FROM generate_series(1, 50000) g'
        }
        // a closure slows the rows down, so the COPYs are surely running when their backends are ended
        def plan = Scripts.load('terminated.groovy', """\
            migration 'terminated', {
                source { url '${pg.url(src)}'; user '${pg.user}' }
                target { url '${pg.url(dst)}'; user '${pg.user}' }
                settings { parallelism 1; batchSize 500 }
                table('items') { column('qty') { if (it % 500 == 0) sleep(40); it } }
            }
            """.stripIndent())
        [src: src, dst: dst, plan: plan]
    }

    private static int terminateCopies(TestServer pg, String db) {
        pg.withDatabase('postgres') { Sql sql ->
            sql.rows("""SELECT pg_terminate_backend(pid) AS t FROM pg_stat_activity
                        WHERE datname = ? AND application_name = 'migrate' AND query LIKE 'COPY%'
                        AND state IN ('active', 'idle in transaction')""", [db]).size()
        }
    }

    @Timeout(180)
    def "the #side's backend terminated during a COPY rolls the partition back, which is tried again: the run ends done with every row once"() {
        given:
        TestServer pg = server('postgres')
        Map run = items(pg)
        String db = side == 'source' ? run.src : run.dst
        CompletableFuture<MigrationResult> running = CompletableFuture.supplyAsync {
            Migrate.run(run.plan, ProgressListener.NONE, Files.createTempDirectory('terminated'))
        }

        when:
        int ended = 0
        for (int i = 0; i < 300 && ended == 0; i++) {
            sleep(100)
            ended = terminateCopies(pg, db)
        }
        MigrationResult result = running.get(120, TimeUnit.SECONDS)

        then:
        ended == 1
        result.succeeded()
        result.tables()*.retries() == [1]
        result.tables()*.rowsWritten() == [50_000L]
        pg.withDatabase(run.dst) { Sql sql -> sql.firstRow('SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS d, SUM(qty) AS s FROM items') as Map } ==
                [n: 50_000L, d: 50_000L, s: 1_250_025_000L]

        where:
        side << ['target', 'source']
    }

    @Timeout(180)
    def "the #side's backend terminated at every try fails the table after three retries with the lost connection named, and ends the run"() {
        given:
        TestServer pg = server('postgres')
        Map run = items(pg)
        String db = side == 'source' ? run.src : run.dst
        CompletableFuture<MigrationResult> running = CompletableFuture.supplyAsync {
            Migrate.run(run.plan, ProgressListener.NONE, Files.createTempDirectory('terminated'))
        }

        when:
        int ended = 0
        while (!running.isDone()) {
            sleep(100)
            ended += terminateCopies(pg, db)
        }
        MigrationResult result = running.get(120, TimeUnit.SECONDS)

        then:
        ended == 4
        result.tables()*.status() == [TableResult.Status.FAILED]
        result.tables()*.retries() == [3]
        causes.collect { "table items: lost the connection to the ${side} (${it}) (after 3 retries)".toString() }.contains(result.tables()[0].error())
        pg.withDatabase(run.dst) { Sql sql -> sql.firstRow('SELECT COUNT(*) AS n FROM items').n } == 0

        where:
        // the driver finds the target gone on its next write (or at the end of the COPY); the source's rows stop with the server's word
        side     | causes
        'target' | ['Database connection failed when writing to copy', 'Database connection failed when ending copy']
        'source' | ['FATAL: terminating connection due to administrator command', 'Database connection failed when reading from copy']
    }
}
