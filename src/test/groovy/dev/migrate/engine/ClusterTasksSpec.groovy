package dev.migrate.engine

import dev.migrate.command.Migrate
import dev.migrate.command.ShippedScript
import dev.migrate.dsl.ScriptContext
import dev.migrate.dsl.ScriptLoader
import dev.migrate.plan.Lookup
import dev.migrate.plan.MigrationPlan
import dev.migrate.plan.Settings
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.TestServer
import groovy.sql.Sql

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.ConcurrentLinkedQueue
import java.util.concurrent.CountDownLatch
import java.util.concurrent.atomic.AtomicBoolean
import java.util.function.BooleanSupplier

/**
 * A run whose partitions are a cluster's tasks, with a cluster in this JVM that does what Spark may do to a task:
 * run it again after it committed (a retry after a lost answer), or run two copies of it at once (speculation). The
 * journal entry commits with the partition's rows, so every row lands once whatever the cluster does.
 */
class ClusterTasksSpec extends DatabaseSpecification {

    Path folder = Files.createTempDirectory('cluster-tasks')

    /** Runs every even partition twice in turn, every odd one as two copies at once; keeps what each second copy said. */
    static class EagerCluster implements Cluster {
        final Queue<PartitionOutcome> seconds = new ConcurrentLinkedQueue<>()
        final Queue<RunShipment> shipments = new ConcurrentLinkedQueue<>()
        final List<TaskRunner> runners = [].asSynchronized()

        int slots() { 2 }

        String describe() { 'a cluster that runs each task twice' }

        Cluster.Tasks begin(RunShipment shipment) {
            shipments << shipment
            // a second JVM's view: its own runner, its own pools, the script compiled again
            TaskRunner one = new TaskRunner(shipment, ShippedScript.compile(shipment), 2)
            TaskRunner two = new TaskRunner(shipment, ShippedScript.compile(shipment), 2)
            runners.addAll([one, two])
            return new Cluster.Tasks() {
                PartitionOutcome run(PartitionTask task, Map<Lookup, Map<Object, Object>> lookups, BooleanSupplier stop) {
                    if (task.index() % 2 == 0) {
                        PartitionOutcome first = one.run(task, lookups, new AtomicBoolean())
                        seconds << two.run(task, lookups, new AtomicBoolean())
                        return first
                    }
                    CountDownLatch go = new CountDownLatch(1)
                    PartitionOutcome[] outcomes = new PartitionOutcome[2]
                    def copies = [one, two].withIndex().collect { TaskRunner runner, int i ->
                        Thread.start { go.await(); outcomes[i] = runner.run(task, lookups, new AtomicBoolean()) }
                    }
                    go.countDown()
                    copies*.join()
                    PartitionOutcome winner = outcomes.find { !it.earlier() }
                    seconds << outcomes.find { !it.is(winner) }
                    return winner
                }
            }
        }

        void close() { runners*.close() }
    }

    def "a partition's task run again, or twice at once, writes its rows once"() {
        given: 'a MariaDB source of 30,000 rows, a lookup table, and a script with a closure, a rule and an env() it reads'
        TestServer mysql = server('mysql')
        TestServer postgres = server('postgres')
        String src = database(mysql, 'mig_cluster_src')
        String dst = database(postgres, 'mig_cluster_dst')
        mysql.withDatabase(src) { Sql sql ->
            sql.execute 'CREATE TABLE kinds (code VARCHAR(5) PRIMARY KEY, label VARCHAR(20))'
            sql.execute "INSERT INTO kinds VALUES ('a', 'alpha'), ('b', 'beta'), ('c', 'gamma')"
            sql.execute 'CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(30), kind VARCHAR(5), price DECIMAL(9,2))'
            sql.withBatch(1000, 'INSERT INTO items VALUES (?, ?, ?, ?)') { b ->
                (1..30_000).each { b.addBatch([it, "item ${it}".toString(), ['a', 'b', 'c'][it % 3], it / 4]) }
            }
        }
        Path script = folder.resolve('twice.groovy')
        script.text = """
            def home = env('HOME')
            migration 'cluster-twice', {
                source { url '${mysql.url(src)}'; user '${mysql.user}' }
                target { url '${postgres.url(dst)}'; user '${postgres.user}' }
                settings { partitionRows 4_000 }
                tables 'items'
                table('items') {
                    column('name') { it.toUpperCase() + (home ? '' : '?') }
                    column('kind') { lookup 'kinds', key: 'code', value: 'label', in: 'source' }
                }
            }
        """.stripIndent()
        ScriptContext context = new ScriptContext('twice.groovy', null, Settings.DEFAULTS)
        MigrationPlan plan = new ScriptLoader().load(script, context)
        EagerCluster cluster = new EagerCluster()

        when:
        MigrationResult result = Migrate.run(plan, ProgressListener.NONE, folder.resolve('results'), Start.FRESH, cluster,
                new Cluster.Script('twice.groovy', script.text, context.environmentRead))
        cluster.close()

        then: 'the run is done, its 8 partitions each committed once, and every second copy wrote nothing'
        result.succeeded()
        result.tables()*.rowsWritten() == [30_000L]
        result.tables()[0].partitions() == 8
        cluster.seconds.size() == 8
        cluster.seconds.every { it.earlier() && it.rowsWritten() == it.rowsRead() && it.failure() == PartitionOutcome.Kind.NONE }
        cluster.seconds*.rowsWritten().sum() == 30_000L

        and: 'the tasks were sent the variable the script read, and the run journal'
        cluster.shipments*.environment() == [[HOME: System.getenv('HOME')]]
        cluster.shipments*.runId().every { it.startsWith('cluster-twice-') }

        and: 'every row is in once, transformed and looked up as on one machine'
        postgres.withDatabase(dst) { Sql sql ->
            sql.rows('SELECT id, name, kind, price FROM items ORDER BY id').collect { [it.id, it.name, it.kind, it.price] }
        } == (1..30_000).collect { [it, "ITEM ${it}".toString(), ['alpha', 'beta', 'gamma'][it % 3], (it / 4).setScale(2)] }
    }
}
