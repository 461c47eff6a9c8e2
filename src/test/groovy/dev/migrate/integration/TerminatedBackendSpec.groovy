package dev.migrate.integration

import dev.migrate.command.Migrate
import dev.migrate.engine.MigrationResult
import dev.migrate.engine.ProgressListener
import dev.migrate.engine.Start
import dev.migrate.engine.TableResult
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.Scripts
import dev.migrate.support.TestServer
import groovy.sql.Sql
import spock.lang.Timeout

import java.nio.file.Files
import java.nio.file.Path
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

    /** Ends the run's COPY backends in {@code db}, and with {@code snapshot} the session that exported the snapshot too. */
    private static int terminateCopies(TestServer pg, String db, boolean snapshot = false) {
        pg.withDatabase('postgres') { Sql sql ->
            sql.rows("""SELECT pg_terminate_backend(pid) AS t FROM pg_stat_activity
                        WHERE datname = ? AND application_name = 'migrate'
                        AND (query LIKE 'COPY%' OR (? AND query LIKE '%pg_export_snapshot%'))
                        AND state IN ('active', 'idle in transaction')""", [db, snapshot]).size()
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

    @Timeout(180)
    def "the source's backends terminated with the snapshot's holder among them fail the table with the lost snapshot named; --resume finishes it with every row once"() {
        given:
        TestServer pg = server('postgres')
        Map run = items(pg)
        Path results = Files.createTempDirectory('terminated')
        CompletableFuture<MigrationResult> running = CompletableFuture.supplyAsync {
            Migrate.run(run.plan, ProgressListener.NONE, results)
        }

        when:
        int ended = 0
        for (int i = 0; i < 300 && ended == 0; i++) {
            sleep(100)
            boolean copying = pg.withDatabase('postgres') { Sql sql ->
                sql.firstRow("SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = ? AND query LIKE 'COPY%' AND state IN ('active', 'idle in transaction')",
                        [run.src]).n > 0
            }
            if (copying) {
                // the COPY and the session that exported the snapshot, idle in its transaction since
                ended = terminateCopies(pg, run.src, true)
            }
        }
        MigrationResult first = running.get(120, TimeUnit.SECONDS)
        MigrationResult resumed = Migrate.run(run.plan, ProgressListener.NONE, results, Start.RESUME)

        then:
        ended == 2
        first.tables()*.status() == [TableResult.Status.FAILED]
        first.tables()*.retries() == [1]
        first.tables()[0].error() == 'table items: the source\'s snapshot is gone: the session that held it ended (a server restart or a' +
                ' terminated backend), so this partition cannot read the moment the others read; --resume goes on under a new snapshot (after 1 retry)'
        resumed.succeeded()
        pg.withDatabase(run.dst) { Sql sql -> sql.firstRow('SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS d, SUM(qty) AS s FROM items') as Map } ==
                [n: 50_000L, d: 50_000L, s: 1_250_025_000L]
    }
}
