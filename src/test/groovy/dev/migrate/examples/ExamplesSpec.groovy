package dev.migrate.examples

import dev.migrate.dsl.ScriptLoader
import dev.migrate.engine.Migrator
import dev.migrate.engine.ProgressListener
import dev.migrate.engine.TableResult
import groovy.sql.Sql
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/** Every example script loads; the ones that need no server run, so the examples never rot. */
class ExamplesSpec extends Specification {

    static final Path EXAMPLES = Path.of('dsl-examples')

    static List<Path> examples() {
        Files.list(EXAMPLES).filter { it.toString().endsWith('.groovy') }.sorted().toList()
    }

    def "there are examples to check"() {
        expect:
        examples()*.fileName*.toString().containsAll(['quickstart.groovy', 'mysql-to-postgres.groovy', 'postgres-to-mysql.groovy'])
    }

    def "example #example.fileName loads into a plan"() {
        when:
        def plan = new ScriptLoader().load(example)

        then:
        plan.name()
        plan.source().url().startsWith('jdbc:')
        plan.target().url().startsWith('jdbc:')

        where:
        example << examples()
    }

    def "the quickstart runs on embedded databases and cleans up the legacy data on the way"() {
        given:
        def plan = new ScriptLoader().load(EXAMPLES.resolve('quickstart.groovy'))

        when:
        def result = new Migrator(plan, ProgressListener.NONE).run()

        then:
        result.succeeded()
        result.tables().collect { [it.table(), it.status(), it.rowsRead(), it.rowsWritten()] } == [
                ['CUSTOMERS', TableResult.Status.DONE, 4L, 4L],
                ['ORDERS', TableResult.Status.DONE, 4L, 4L]]

        when:
        def shop = Sql.newInstance(plan.target().url(), 'sa', '')
        def customers = shop.rows('SELECT * FROM customers ORDER BY id').collect { it as Map }
        def orders = shop.rows('SELECT * FROM orders ORDER BY id').collect { [it.ID, it.CUSTOMER_ID, it.TOTAL, it.PLACED.toString()] }
        shop.close()

        then:
        customers*.subMap(['ID', 'USERNAME', 'EMAIL', 'ACTIVE']) == [
                [ID: 1, USERNAME: 'ada', EMAIL: 'ada@example.com', ACTIVE: true],
                [ID: 2, USERNAME: 'brian', EMAIL: 'brian@example.com', ACTIVE: true],
                [ID: 3, USERNAME: 'chloé', EMAIL: null, ACTIVE: false],
                [ID: 4, USERNAME: 'dmitri 🚀', EMAIL: 'dmitri@example.com', ACTIVE: true]]
        customers*.CREATED*.toString() == ['2019-03-01 10:15:00.0', '2020-07-14 08:00:00.0', '2021-01-02 23:59:59.0', '2022-12-31 00:00:00.0']
        orders == [[10, 1, 12.50, '2024-01-05'], [11, 1, 99.99, '2024-02-11'], [12, 2, 1250.00, '2024-03-30'], [13, 4, 0.00, '2024-04-01']]
    }
}
