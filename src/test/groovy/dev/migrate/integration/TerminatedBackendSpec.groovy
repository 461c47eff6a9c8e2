package dev.migrate.integration

import dev.migrate.engine.MigrationResult
import dev.migrate.engine.Migrator
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
 * A backend the server ends in the middle of a run (pg_terminate_backend, as a DBA or a failover does) fails
 * the table with the lost connection named on the side it was lost, and the run ends with its summary.
 */
class TerminatedBackendSpec extends DatabaseSpecification {

    @Timeout(180)
    def "the #side's backend terminated during a COPY fails the table with the lost connection named, rolls it back and ends the run"() {
        given:
        TestServer pg = server('postgres')
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
                table('items') { column('qty') { if (it % 500 == 0) sleep(100); it } }
            }
            """.stripIndent())
        String db = side == 'source' ? src : dst
        CompletableFuture<MigrationResult> running = CompletableFuture.supplyAsync {
            new Migrator(plan, ProgressListener.NONE, Files.createTempDirectory('terminated')).run()
        }

        when:
        int ended = 0
        for (int i = 0; i < 300 && ended == 0; i++) {
            sleep(100)
            ended = pg.withDatabase('postgres') { Sql sql ->
                sql.rows("""SELECT pg_terminate_backend(pid) AS t FROM pg_stat_activity
                            WHERE datname = ? AND application_name = 'migrate' AND query LIKE 'COPY%'
                            AND state IN ('active', 'idle in transaction')""", [db]).size()
            }
        }
        MigrationResult result = running.get(120, TimeUnit.SECONDS)

        then:
        ended == 1
        result.tables()*.status() == [TableResult.Status.FAILED]
        causes.collect { "table items: lost the connection to the ${side} (${it})".toString() }.contains(result.tables()[0].error())
        pg.withDatabase(dst) { Sql sql -> sql.firstRow('SELECT COUNT(*) AS n FROM items').n } == 0

        where:
        // the driver finds the target gone on its next write (or at the end of the COPY); the source's rows stop with the server's word
        side     | causes
        'target' | ['Database connection failed when writing to copy', 'Database connection failed when ending copy']
        'source' | ['FATAL: terminating connection due to administrator command', 'Database connection failed when reading from copy']
    }
}
