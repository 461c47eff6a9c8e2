package dev.migrate.spark

import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.TestServer
import groovy.sql.Sql
import spock.lang.Shared

import java.nio.file.Files
import java.nio.file.Path

/**
 * Runs on a real standalone cluster on loopback, started as the README says: a master and two workers, each a JVM
 * of its own, whose executors (JVMs of their own too) get the tool's classes as an application's jars and compile
 * the script themselves. Both directions compared value by value, and an executor killed in the middle of a
 * partition: Spark runs its task again elsewhere, and every row still lands once.
 */
class SparkClusterSpec extends DatabaseSpecification {

    @Shared
    LoopbackCluster cluster

    def setupSpec() {
        cluster = LoopbackCluster.start(2)
    }

    def cleanupSpec() {
        cluster?.stop()
    }

    private Path script(TestServer from, String source, TestServer to, String target, String body = '') {
        Path file = Files.createTempDirectory('spark-cluster').resolve('cluster.groovy')
        file.text = """
            migration 'spark-cluster', {
                source { url '${from.url(source)}'; user '${from.user}' }
                target { url '${to.url(target)}'; user '${to.user}' }
                settings { partitionRows 5_000 }
                tables 'items'
                ${body}
            }
        """.stripIndent()
        file
    }

    def "a run on a two-worker cluster moves #direction, every value as it was"() {
        given:
        TestServer from = server(source)
        TestServer to = server(target)
        String src = database(from, 'mig_sparkc_src')
        String dst = database(to, 'mig_sparkc_dst')
        SampleTable.create(from, src, 30_000)

        when:
        SparkDriver run = SparkDriver.start(script(from, src, to, dst), cluster.master)
        int exit = run.await()
        String difference = SampleTable.difference(SampleTable.read(to, dst), SampleTable.rows(30_000))

        then: 'the run was spread over both executors, and is done with every row in once, every value equal'
        exit == 0
        run.text().contains("partitions run as tasks of Spark 4.1.3 at ${cluster.master} (2 executors, 2 cores)")
        difference == null
        Map table = run.report().tables[0] as Map
        [table.status, table.rowsRead, table.rowsWritten] == ['done', 30_000, 30_000]
        // 30,000 keys in ranges of 5,000, or one more where the split goes by MariaDB's estimate of the rows
        table.partitions in [6, 7]

        where:
        direction                 | source     | target
        'MariaDB into PostgreSQL' | 'mysql'    | 'postgres'
        'PostgreSQL into MariaDB' | 'postgres' | 'mysql'
    }

    def "spark-submit runs a script through SparkMain, the tool's classes sent as the application's jars"() {
        given:
        TestServer from = server('postgres')
        TestServer to = server('mysql')
        String src = database(from, 'mig_sparks_src')
        String dst = database(to, 'mig_sparks_dst')
        SampleTable.create(from, src, 12_000)
        Path file = script(from, src, to, dst)
        // the application's jar (the tool's classes) and the jars it needs, as mvn -Pspark package lays them out
        List<Path> jars = ApplicationJars.find(SparkDriver.SPARK_HOME.toString())
        Path application = jars.find { it.fileName.toString().startsWith('migrate-classes-') }
        String others = (jars - application).collect { it.toString() }.join(',')

        when:
        Path log = Files.createTempFile('spark-submit', '.log')
        ProcessBuilder submit = new ProcessBuilder(Path.of(System.getProperty('java.home'), 'bin', 'java').toString(), '-Xmx512m',
                "@${Path.of('config/spark-java.options').toAbsolutePath()}".toString(), '-cp', "${SparkDriver.SPARK_HOME}/jars/*".toString(),
                'org.apache.spark.deploy.SparkSubmit', '--master', cluster.master, '--class', SparkMain.name, '--jars', others,
                application.toString(), 'run', file.toString(), '--results', file.parent.resolve('results').toString())
                .directory(file.parent.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
        submit.environment().put('SPARK_HOME', SparkDriver.SPARK_HOME.toString())
        Process process = submit.start()
        boolean ended = process.waitFor(300, java.util.concurrent.TimeUnit.SECONDS)
        String difference = SampleTable.difference(SampleTable.read(to, dst), SampleTable.rows(12_000))

        then:
        ended
        process.exitValue() == 0
        log.text.contains('items: done, 12,000 rows')
        difference == null
    }

    def "an executor killed in the middle of a partition costs a retry, not a row"() {
        given: '16 partitions of 2,500 rows, each taking about 2.5 s (the script sleeps a millisecond a row), written in batches of 100 into one COPY'
        TestServer from = server('mysql')
        TestServer to = server('postgres')
        String src = database(from, 'mig_sparkk_src')
        String dst = database(to, 'mig_sparkk_dst')
        SampleTable.create(from, src, 40_000)
        Path file = script(from, src, to, dst, "settings { partitionRows 2_500; batchSize 100 }\ntable('items') { column('name') { Thread.sleep(1); it } }")

        when: 'an executor is killed once partitions have committed, while both executors are writing one (two COPYs open)'
        SparkDriver run = SparkDriver.start(file, cluster.master)
        long committed = 0
        long writing = 0
        for (int i = 0; i < 1_200 && (committed < 2 || writing < 2); i++) {
            Thread.sleep(100)
            (committed, writing) = to.withDatabase(dst) { Sql sql ->
                [sql.firstRow("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'migrate_journal'").n > 0
                         ? sql.firstRow("SELECT count(*) AS n FROM migrate_journal WHERE entry LIKE 'partition %'").n as long : 0L,
                 sql.firstRow("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = ? AND state = 'active' AND query LIKE 'COPY %'",
                         [dst]).n as long]
            }
        }
        List<ProcessHandle> executors = cluster.executors()
        executors[0].destroyForcibly()
        int exit = run.await()
        String difference = SampleTable.difference(SampleTable.read(to, dst), SampleTable.rows(40_000))

        then: 'the task running on the killed executor was lost, and run again'
        committed >= 2
        writing == 2
        executors.size() == 2
        run.text() =~ /Lost task .* ExecutorLostFailure/

        and: 'the run is done, and every row is in once, every value equal'
        exit == 0
        difference == null
        to.withDatabase(dst) { Sql sql -> sql.firstRow('SELECT count(*) AS n, count(DISTINCT id) AS d FROM items') } as Map == [n: 40_000, d: 40_000]
        Map table = run.report().tables[0] as Map
        [table.status, table.rowsRead, table.rowsWritten] == ['done', 40_000, 40_000]
        // split by the key's bounds and MariaDB's estimate of the rows: 16 ranges of 2,500 keys, or one more
        table.partitions in [16, 17]
    }
}
