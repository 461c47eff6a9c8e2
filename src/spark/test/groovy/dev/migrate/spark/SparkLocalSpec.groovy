package dev.migrate.spark

import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.TestServer
import groovy.sql.Sql

import java.nio.file.Files
import java.nio.file.Path

/**
 * {@code --spark local[2]}: Spark in the driver's JVM, two task threads. The script's closures, a lookup (broadcast
 * to the tasks) and its rejects behave as on one machine; the summary, the JSON report and the reject file too.
 */
class SparkLocalSpec extends DatabaseSpecification {

    def "a run on local[2] moves MariaDB into PostgreSQL with its closures, lookups and rejects as on one machine"() {
        given: '20,000 rows in MariaDB, a lookup table, and a script that transforms, looks up and rejects'
        TestServer mysql = server('mysql')
        TestServer postgres = server('postgres')
        String src = database(mysql, 'mig_spark_src')
        String dst = database(postgres, 'mig_spark_dst')
        SampleTable.create(mysql, src, 20_000)
        mysql.withDatabase(src) { Sql sql ->
            sql.execute 'CREATE TABLE kinds (flag BOOLEAN PRIMARY KEY, label VARCHAR(10))'
            sql.execute "INSERT INTO kinds VALUES (0, 'odd'), (1, 'even')"
        }
        Path script = Files.createTempDirectory('spark-local').resolve('local.groovy')
        script.text = """
            migration 'spark-local', {
                source { url '${mysql.url(src)}'; user '${mysql.user}' }
                target { url '${postgres.url(dst)}'; user '${postgres.user}' }
                settings { partitionRows 3_000; maxRejects 10 }
                tables 'items'
                table('items') {
                    column('name') { it.toUpperCase() }
                    column('note') { lookup 'kinds', key: 'flag', value: 'label', from: 'flag', in: 'source' }
                    column('price') { it % 6250 == 0 ? 'n/a' : it }
                }
            }
        """.stripIndent()

        when:
        SparkDriver run = SparkDriver.start(script, 'local[2]')
        int exit = run.await()

        then: 'done, every row but the 4 rejected in once, each value as the script made it'
        exit == 0
        run.text().contains('partitions run as tasks of Spark 4.1.3 at local[2] (1 executor, 2 cores)')
        String difference = SampleTable.difference(SampleTable.read(postgres, dst), SampleTable.rows(20_000).findAll { it[0] % 5_000 != 0 }
                .collect { r -> [r[0], r[1].toUpperCase(), r[2], r[3], r[4], r[4] ? 'even' : 'odd'] })
        difference == null

        and: 'the report and the reject file say so, as on one machine'
        Map table = run.report().tables[0] as Map
        [table.status, table.rowsRead, table.rowsWritten, table.rejected, table.partitions] == ['done', 20_000, 19_996, 4, 7]
        Path rejects = run.directory.resolve(table.rejectFile as String)
        rejects.readLines().size() == 4
        rejects.readLines().collect { new groovy.json.JsonSlurper().parseText(it).row.id }.sort() == [5_000, 10_000, 15_000, 20_000]
    }

    def "spark-submit's entry runs the script on the master spark-submit was given"() {
        expect:
        SparkMain.arguments(['shop.groovy'] as String[], 'spark://h:7077') as List == ['run', 'shop.groovy', '--spark', 'spark://h:7077']
        SparkMain.arguments(['run', 'shop.groovy', '--resume'] as String[], 'yarn') as List == ['run', 'shop.groovy', '--resume', '--spark', 'yarn']
        SparkMain.arguments(['run', 'shop.groovy', '--spark', 'local[4]'] as String[], 'yarn') as List == ['run', 'shop.groovy', '--spark', 'local[4]']
    }
}
