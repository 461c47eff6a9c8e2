package dev.migrate.examples

import dev.migrate.command.Migrate
import dev.migrate.dsl.ScriptLoader
import dev.migrate.engine.ProgressListener
import dev.migrate.engine.TableResult
import dev.migrate.plan.Settings
import dev.migrate.support.Scripts
import dev.migrate.versions.MigrationsFolder
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

    /** A copy of example {@code name} (a file or a folder) under a new dsl-examples folder, so that what it makes under build/ is new. */
    static Path copied(String name) {
        Path root = Files.createTempDirectory('examples')
        Path from = EXAMPLES.resolve(name)
        Path to = root.resolve('dsl-examples').resolve(name)
        Files.createDirectories(to.parent)
        if (Files.isDirectory(from)) {
            Files.createDirectories(to)
            Files.list(from).each { Files.copy(it, to.resolve(it.fileName)) }
        } else {
            Files.copy(from, to)
        }
        to
    }

    /** The command line run in this JVM: its exit code, standard output and standard error. */
    /** What {@code read} returns from the database at {@code url}, connected as sa. */
    static <T> T query(String url, Closure<T> read) {
        Sql db = Sql.newInstance(url, 'sa', '')
        try {
            read(db)
        } finally {
            db.close()
        }
    }

    /** The first columns of a summary's line for {@code table}: table, status, rows read, written, rejected. */
    static List<String> summaryLine(String out, String table) {
        out.readLines().find { it.startsWith(table + ' ') }?.trim()?.split(/\s+/)?.take(5) as List
    }

    def "there are examples to check"() {
        expect:
        examples()*.fileName*.toString().containsAll(['quickstart.groovy', 'legacy-to-normalized.groovy', 'mysql-to-postgres.groovy', 'postgres-to-mysql.groovy',
                                                      'whole-database-copy.groovy', 'query-to-table.groovy'])
        Files.isRegularFile(EXAMPLES.resolve('evolve/shop-v2.groovy'))
        Files.isRegularFile(EXAMPLES.resolve('versioned/migrations.groovy'))
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
        def result = Migrate.run(plan, ProgressListener.NONE)

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

    def "the versioned example: up applies its versions and view, a second up nothing; down undoes version 3 and up applies it again"() {
        given:
        // a copy, so that its databases (made under build/versioned beside it) are new
        Path copy = Files.createTempDirectory('examples').resolve('dsl-examples/versioned')
        Files.createDirectories(copy)
        Files.list(EXAMPLES.resolve('versioned')).each { Files.copy(it, copy.resolve(it.fileName)) }
        Path results = Files.createTempDirectory('versioned-results')
        def folder = { -> MigrationsFolder.load(copy, Settings.DEFAULTS) }

        when:
        def first = Migrate.up(folder(), null, false, results, ProgressListener.NONE)
        def second = Migrate.up(folder(), null, false, results, ProgressListener.NONE)
        def problems = Migrate.state(folder()).problems()
        def down = Migrate.down(folder(), null, 1, results, ProgressListener.NONE)
        def afterDown = Migrate.state(folder()).lines().collect { [it.version(), it.state().toString()] }
        def again = Migrate.up(folder(), null, false, results, ProgressListener.NONE)
        def shop = Sql.newInstance("jdbc:h2:file:${copy.resolve('../../build/versioned/shop').normalize()}".toString(), 'sa', '')
        def customers = shop.rows('SELECT id, username, email, active, country FROM customers ORDER BY id')
                .collect { [it.ID, it.USERNAME, it.EMAIL, it.ACTIVE, it.COUNTRY] }
        def active = shop.rows('SELECT id FROM active_customers ORDER BY id')*.ID
        shop.close()

        then:
        first.applied()*.label() == ['version 1 (create schema)', 'version 2 (move customers)', 'version 3 (add country)',
                                     "repeatable 'active customers'"]
        first.applied()*.rows() == [0L, 4L, 0L, 0L]
        second.applied() == []
        problems == []
        down.applied()*.label() == ['version 3 (add country)']
        afterDown == [['1', 'applied'], ['2', 'applied'], ['3', 'pending'], [null, 'applied']]
        again.applied()*.label() == ['version 3 (add country)']
        customers == [[1L, 'ada', 'ada@example.com', true, 'US'], [2L, 'brian', 'brian@example.fr', true, 'FR'],
                      [3L, 'chloé', null, false, null], [4L, 'dmitri 🚀', 'dmitri@example.fr', true, 'FR']]
        active == [1L, 2L, 4L]
    }

    def "the legacy-to-normalized example normalizes a dirty shop, sets bad rows aside, and a second run changes nothing"() {
        given:
        def plan = new ScriptLoader().load(EXAMPLES.resolve('legacy-to-normalized.groovy'))
        def results = Files.createTempDirectory('examples')

        when:
        def first = Migrate.run(plan, ProgressListener.NONE, results)
        def second = Migrate.run(new ScriptLoader().load(EXAMPLES.resolve('legacy-to-normalized.groovy')), ProgressListener.NONE, results)
        def shop = Sql.newInstance(plan.target().url(), 'sa', '')
        def customers = shop.rows('SELECT id, email, name FROM customers ORDER BY id').collect { it as Map }
        def orders = shop.rows('SELECT * FROM orders ORDER BY id').collect { [it.ID, it.CUSTOMER_ID, it.CATEGORY_ID, it.STATUS, it.PLACED.toString(), it.TOTAL] }
        shop.close()

        then:
        [first, second].every { it.succeeded() }
        first.tables().collect { [it.table(), it.rowsRead(), it.rowsWritten(), it.rejected()] } == [['CUSTOMERS', 5L, 5L, 0L], ['ORDERS', 5L, 3L, 2L]]
        customers == [[ID: 1, EMAIL: 'ada@example.com', NAME: 'Ada Lovelace'], [ID: 2, EMAIL: 'bob@example.com', NAME: 'Bob'],
                      [ID: 3, EMAIL: 'carl@example.com', NAME: 'Carl']]
        orders == [[1, 1L, 1, 2, '2024-01-05', 12.50], [2, 1L, 2, 3, '2024-01-06', 1250.00], [3, 2L, 99, 1, '2024-01-07', 7.00]]
        Files.readAllLines(Path.of(first.tables()[1].rejectFile())).collect { new com.fasterxml.jackson.databind.ObjectMapper().readValue(it, Map) }
                .collect { [it.row.order_no, it.column, it.reason] }.sort { it[0] } == [
                [4, 'STATUS', "'LOST?' is not in the map (NEW, PAID, SHIPPED)"],
                [5, 'PLACED', "the transform at (legacy-to-normalized.groovy, line 68) failed: IllegalArgumentException: 'last tuesday' matches none of yyyy-MM-dd, dd/MM/yyyy, MM-dd-yyyy"]]
    }

    def "the reshaping example merges two tables into one, keeps distinct cities and fills a table from a query, twice alike"() {
        when:
        def runs = (1..2).collect { Migrate.run(new ScriptLoader().load(EXAMPLES.resolve('reshaping.groovy')), ProgressListener.NONE) }
        def plan = new ScriptLoader().load(EXAMPLES.resolve('reshaping.groovy'))
        def crm = Sql.newInstance(plan.target().url(), 'sa', '')
        def customers = crm.rows('SELECT * FROM customers ORDER BY id').collect { it as Map }
        def cities = crm.rows('SELECT * FROM "cities" ORDER BY "CITY"').collect { it.CITY }
        def sales = crm.rows('SELECT * FROM "sales_per_customer" ORDER BY "CUSTOMER_ID"').collect { [it.CUSTOMER_ID, it.SALES, it.TOTAL] }
        crm.close()

        then:
        runs.every { it.succeeded() }
        runs[1].tables()*.source() as Set == ['CUSTOMERS_EU -> CUSTOMERS', 'CUSTOMERS_EU -> cities', 'CUSTOMERS_US -> CUSTOMERS', 'sales_per_customer'] as Set
        customers == [[ID: 1, NAME: 'Ada', CITY: 'Paris', REGION: 'EU'], [ID: 3, NAME: 'Eva', CITY: 'Paris', REGION: 'EU'],
                      [ID: 101, NAME: 'Carl', CITY: 'Austin', REGION: 'US'], [ID: 102, NAME: 'Dana', CITY: 'Boston', REGION: 'US']]
        cities == ['Gent', 'Paris']
        sales == [[1, 2L, 15.50], [3, 1L, 7.25], [101, 1L, 100.00]]
    }

    def "the evolve example: plan shows each difference decided, scaffold starts the decisions, the dry run writes nothing and shows the bad row, the run moves the rest"() {
        given:
        Path script = copied('evolve').resolve('shop-v2.groovy')
        Path work = script.parent.resolve('../../build/evolve').normalize()
        Path results = Files.createTempDirectory('evolve-results')
        def v2 = { Closure read -> query("jdbc:h2:file:${work}/shop_v2".toString(), read) }

        when:
        def plan = Scripts.execute('plan', script.toString(), '--results', results.toString())
        def scaffold = Scripts.execute('scaffold', '--source', "jdbc:h2:file:${work}/shop_v1".toString(), '--source-user', 'sa',
                '--target', "jdbc:h2:file:${work}/shop_v2".toString(), '--target-user', 'sa')
        def dry = Scripts.execute('run', script.toString(), '--dry-run', '--results', results.toString())
        def afterDry = v2 { Sql db -> db.firstRow('SELECT (SELECT COUNT(*) FROM customers) + (SELECT COUNT(*) FROM products) AS n').n }
        def live = Scripts.execute('run', script.toString(), '--results', results.toString())

        then:
        plan.code == 0
        plan.out.contains("""\
            |CUSTOMERS
            |  SAFE          LOYALTY_POINTS: only in the target
            |      -> gets its default 0
            |  TRANSFORMABLE STATUS_ID: type VARCHAR(10) -> INTEGER
            |      -> decided by the script's column('STATUS_ID')
            |
            |PRODUCTS
            |  TRANSFORMABLE CATEGORY_ID: type VARCHAR(40) -> INTEGER
            |      -> decided by the script's column('CATEGORY_ID')
            |
            |Moved in one piece (one worker each):
            |  CUSTOMERS, PRODUCTS: no more than partitionRows (500,000) rows nor 256 MB
            |
            |1 safe, 2 transformable, 0 breaking
            |""".stripMargin())
        scaffold.code == 0
        scaffold.out.contains("""\
            |    table('CUSTOMERS') {
            |        rename 'USER_NAME', to: 'USERNAME'
            |        // TODO STATUS: no target column; probably renamed to STATUS_ID (confidence 0.75)
            |""".stripMargin())
        scaffold.out.contains('        // TODO CATEGORY: no target column; probably renamed to CATEGORY_ID (confidence 0.80)\n')
        scaffold.out.contains('        // TODO FAX: no target column\n')
        dry.code == 0
        dry.out.contains('Dry run shop-v1-to-v2 (nothing written)')
        summaryLine(dry.out, 'CUSTOMERS') == ['CUSTOMERS', 'done', '4', '3', '1']
        summaryLine(dry.out, 'PRODUCTS') == ['PRODUCTS', 'done', '3', '3', '0']
        afterDry == 0
        live.code == 0
        summaryLine(live.out, 'CUSTOMERS') == ['CUSTOMERS', 'done', '4', '3', '1']
        v2 { Sql db -> db.rows('SELECT * FROM customers ORDER BY id').collect { it.values() as List } } == [
                [1, 'ada', 'ada@example.com', 1, 0], [2, 'brian', 'brian@example.com', 3, 0], [3, 'chloe', null, 2, 0]]
        v2 { Sql db -> db.rows('SELECT * FROM products ORDER BY id').collect { it.values() as List } } == [
                [10, 'Dune', 1, 9.99], [11, 'Kind of Blue', 2, 14.50], [12, 'Tetris', 3, 4.99]]
    }

    def "the query-to-table example merges a query's rows into the warehouse: a second run updates the day that changed"() {
        given:
        Path script = copied('query-to-table.groovy')
        Path work = script.parent.resolve('../build/query-to-table').normalize()

        when:
        def first = Migrate.run(new ScriptLoader().load(script), ProgressListener.NONE)
        Sql.withInstance("jdbc:sqlite:${work}/shop.db".toString()) { Sql shop -> shop.execute "INSERT INTO orders VALUES (6, '2024-03-03 22:00:00', 1000)" }
        def second = Migrate.run(new ScriptLoader().load(script), ProgressListener.NONE)
        def days = query("jdbc:h2:file:${work}/warehouse".toString()) { Sql db ->
            db.rows('SELECT * FROM daily_sales ORDER BY sales_day').collect { [it.SALES_DAY.toString(), it.ORDERS, it.REVENUE_CENTS] }
        }
        def shopTables = query("jdbc:h2:file:${work}/warehouse".toString()) { Sql db ->
            db.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC' ORDER BY 1")*.TABLE_NAME
        }

        then:
        [first, second].every { it.succeeded() }
        first.tables().collect { [it.table(), it.rowsRead(), it.rowsWritten()] } == [['DAILY_SALES', 3L, 3L]]
        days == [['2024-03-01', 2, 11249L], ['2024-03-02', 1, 500L], ['2024-03-03', 3, 6000L]]
        shopTables == ['DAILY_SALES', 'migrate_journal']
    }

    def "the versioned example's offline SQL holds every pending version and its history row, and runs nothing"() {
        given:
        Path folder = copied('versioned')
        Path sql = folder.parent.resolve('up.sql')

        when:
        def up = Scripts.execute('up', folder.toString(), '--sql', sql.toString())
        def lines = Files.readAllLines(sql)
        def state = Migrate.state(MigrationsFolder.load(folder, Settings.DEFAULTS)).lines().collect { [it.version(), it.state().toString()] }

        then:
        up.code == 0
        up.out == "wrote ${sql}: what up would run for 4 version(s); nothing was run\n".toString()
        lines.findAll { it.startsWith('-- version') || it.startsWith('-- repeatable') } == [
                '-- version 1 (create schema): V1__create_schema.sql', '-- version 2 (move customers): V2__move_customers.groovy',
                '-- version 3 (add country): V3__add_country.groovy', "-- repeatable 'active customers': R__active_customers.sql"]
        lines.contains('CREATE INDEX customers_email ON customers (email);')
        lines.contains('ALTER TABLE customers ADD COLUMN country VARCHAR(2);')
        lines.count { it.startsWith('INSERT INTO "PUBLIC"."migrate_history"') } == 4
        state == [['1', 'pending'], ['2', 'pending'], ['3', 'pending'], [null, 'pending']]
    }
}
