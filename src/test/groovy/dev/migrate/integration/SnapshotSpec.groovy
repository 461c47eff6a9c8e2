package dev.migrate.integration

import dev.migrate.command.Migrate
import dev.migrate.engine.MigrationResult
import dev.migrate.engine.ProgressListener
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.Scripts
import dev.migrate.support.TestServer
import groovy.sql.Sql
import spock.lang.Timeout

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger

/**
 * Every partition of a run reads the source as of one moment: while a writer moves amounts between accounts
 * throughout the run (the source's total never changes), the target's total is the source's total, to the unit.
 */
class SnapshotSpec extends DatabaseSpecification {

    static final int ACCOUNTS = 100_000
    static final long TOTAL = ACCOUNTS * 100L

    /**
     * Runs {@code migration} while a writer moves amounts between random accounts of the source (its total never
     * changes), once the writer is well under way; returns the result and the moves made meanwhile.
     */
    private static Map whileMoving(Closure<Sql> connect, Closure<MigrationResult> migration) {
        AtomicBoolean running = new AtomicBoolean(true)
        AtomicInteger moves = new AtomicInteger()
        CompletableFuture<Void> writer = CompletableFuture.runAsync {
            Random random = new Random(42)
            Sql sql = connect()
            try {
                while (running.get()) {
                    int a = 1 + random.nextInt(ACCOUNTS)
                    int b = 1 + random.nextInt(ACCOUNTS)
                    int amount = 1 + random.nextInt(50)
                    sql.withTransaction {
                        sql.executeUpdate('UPDATE accounts SET amount = amount - ? WHERE id = ?', [amount, a])
                        sql.executeUpdate('UPDATE accounts SET amount = amount + ? WHERE id = ?', [amount, b])
                    }
                    moves.incrementAndGet()
                }
            } finally {
                sql.close()
            }
        }
        try {
            while (moves.get() < 50) {
                if (writer.isDone()) {
                    writer.join()
                }
                sleep(10)
            }
            int before = moves.get()
            MigrationResult result = migration()
            [result: result, during: moves.get() - before]
        } finally {
            running.set(false)
            writer.get(60, TimeUnit.SECONDS)
        }
    }

    @Timeout(300)
    def "#from into #into#how: amounts moved between accounts during the run arrive with the total they had, every account once"() {
        given:
        TestServer sourceServer = server(from == 'PostgreSQL' ? 'postgres' : 'mysql')
        TestServer targetServer = server(into == 'PostgreSQL' ? 'postgres' : 'mysql')
        String src = database(sourceServer, 'mig_src')
        String dst = database(targetServer, 'mig_dst')
        sourceServer.withDatabase(src) { Sql sql ->
            sql.execute 'CREATE TABLE accounts (id INT PRIMARY KEY, amount BIGINT NOT NULL)'
            sql.withTransaction {
                (1..ACCOUNTS).collate(5000).each { chunk -> sql.execute('INSERT INTO accounts VALUES ' + chunk.collect { "(${it}, 100)" }.join(', ')) }
            }
        }
        // the ids of the first partitions crawl, so that the later ones start well after the writer began
        def plan = Scripts.load('snapshot.groovy', """\
            migration 'snapshot', {
                source { url '${sourceServer.url(src)}'; user '${sourceServer.user}' }
                target { url '${targetServer.url(dst)}'; user '${targetServer.user}' }
                settings { partitionRows 10_000; parallelism 2 }
                ${table}
            }
            """.stripIndent())

        when:
        Map moved = whileMoving({ sourceServer.connect(src) }) { Migrate.run(plan, ProgressListener.NONE, Files.createTempDirectory('snapshot')) }
        MigrationResult result = moved.result
        int during = moved.during
        Map target = targetServer.withDatabase(dst) { Sql sql -> sql.firstRow('SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS d, SUM(amount) AS total FROM accounts') as Map }
        long sourceTotal = sourceServer.withDatabase(src) { Sql sql -> sql.firstRow('SELECT SUM(amount) AS total FROM accounts').total as long }

        then:
        result.succeeded()
        // the writer was busy while the partitions were read
        during > 100
        sourceTotal == TOTAL
        target.n == ACCOUNTS
        target.d == ACCOUNTS
        (target.total as long) == TOTAL

        where:
        from         | into         | how                           | table
        'PostgreSQL' | 'PostgreSQL' | ' (COPY stream)'              | "table('accounts') { where 'id % 10000 <> 1 OR pg_sleep(0.3) IS NOT NULL' }"
        'PostgreSQL' | 'MariaDB'    | ' (rows decoded, transformed)' | "table('accounts') { column('id') { if (it % 10_000 == 1) sleep(300); it } }"
        'MariaDB'    | 'PostgreSQL' | ' (rows decoded, transformed)' | "table('accounts') { column('id') { if (it % 10_000 == 1) sleep(300); it } }"
    }

    @Timeout(300)
    def "H2 into H2: amounts moved between accounts during the run arrive with the total they had"() {
        given:
        String id = UUID.randomUUID().toString().substring(0, 8)
        String src = "jdbc:h2:mem:snap_src_${id};DB_CLOSE_DELAY=-1"
        String dst = "jdbc:h2:mem:snap_dst_${id};DB_CLOSE_DELAY=-1"
        Sql source = Sql.newInstance(src, 'sa', '')
        source.execute 'CREATE TABLE accounts (id INT PRIMARY KEY, amount BIGINT NOT NULL)'
        source.execute "INSERT INTO accounts SELECT X, 100 FROM SYSTEM_RANGE(1, ${ACCOUNTS})".toString()
        def plan = Scripts.load('snapshot.groovy', """\
            migration 'snapshot', {
                source { url '${src}'; user 'sa' }
                target { url '${dst}'; user 'sa' }
                settings { partitionRows 10_000; parallelism 2 }
                table('accounts') { column('id') { if (it % 10_000 == 1) sleep(300); it } }
            }
            """.stripIndent())

        when:
        Map moved = whileMoving({ Sql.newInstance(src, 'sa', '') }) { Migrate.run(plan, ProgressListener.NONE, Files.createTempDirectory('snapshot')) }
        MigrationResult result = moved.result
        int during = moved.during
        Sql target = Sql.newInstance(dst, 'sa', '')
        Map copied = target.firstRow('SELECT COUNT(*) AS n, SUM("AMOUNT") AS total FROM "accounts"') as Map
        long sourceTotal = source.firstRow('SELECT SUM(amount) AS total FROM accounts').total as long
        target.execute 'DROP ALL OBJECTS'
        target.close()
        source.execute 'DROP ALL OBJECTS'
        source.close()

        then:
        result.succeeded()
        during > 100
        sourceTotal == TOTAL
        copied.n == ACCOUNTS
        (copied.total as long) == TOTAL
    }

    @Timeout(120)
    def "#kind source: a table whose write fails while its rows are still read leaves the snapshot to the tables after it"() {
        given:
        String id = UUID.randomUUID().toString().substring(0, 8)
        Path dir = Files.createTempDirectory('snapshot-failed')
        String src = kind == 'SQLite' ? "jdbc:sqlite:${dir.resolve('src.db')}" : "jdbc:h2:file:${dir.resolve('src')}"
        String dst = "jdbc:h2:mem:snap_failed_${id};DB_CLOSE_DELAY=-1"
        Sql source = kind == 'SQLite' ? Sql.newInstance(src) : Sql.newInstance(src, 'sa', '')
        source.execute 'CREATE TABLE bad (id INT PRIMARY KEY, qty INT)'
        source.execute 'CREATE TABLE good (id INT PRIMARY KEY, qty INT)'
        source.withTransaction {
            (1..20_000).collate(1000).each { chunk ->
                source.execute('INSERT INTO bad VALUES ' + chunk.collect { "(${it}, ${it})" }.join(', '))
                source.execute('INSERT INTO good VALUES ' + chunk.collect { "(${it}, ${it})" }.join(', '))
            }
        }
        source.close()
        Sql target = Sql.newInstance(dst, 'sa', '')
        // the target refuses a row early in bad: its writer stops while the reader is still reading
        target.execute 'CREATE TABLE "bad" ("id" INT PRIMARY KEY, "qty" INT CHECK ("qty" < 600))'
        def plan = Scripts.load('failed.groovy', """\
            migration 'failed', {
                source { url '${src}'${kind == 'SQLite' ? '' : "; user 'sa'"} }
                target { url '${dst}'; user 'sa' }
                settings { parallelism 1; batchSize 200; bulk false }
            }
            """.stripIndent())

        when:
        MigrationResult result = Migrate.run(plan, ProgressListener.NONE, Files.createTempDirectory('snapshot'))

        then:
        result.tables()*.status()*.name() == ['FAILED', 'DONE']
        result.tables()[1].rowsWritten() == 20_000
        target.firstRow("SELECT COUNT(*) AS n FROM \"${result.tables()[1].table()}\"".toString()).n == 20_000

        cleanup:
        target?.execute('DROP ALL OBJECTS')
        target?.close()

        where:
        kind << ['SQLite', 'H2']
    }
}
