package dev.migrate.engine

import dev.migrate.command.Migrate
import dev.migrate.plan.ScriptError
import dev.migrate.support.Scripts
import groovy.sql.Sql
import spock.lang.Specification

import java.time.LocalDate
import java.time.LocalDateTime

/** The engine end to end on embedded H2 databases: no server needed. */
class EmbeddedMigrationSpec extends Specification {

    String sourceUrl
    String targetUrl
    Sql source
    Sql target

    def setup() {
        String id = UUID.randomUUID().toString().substring(0, 8)
        // each database lives while the test holds its connection open
        sourceUrl = "jdbc:h2:mem:src_${id}"
        targetUrl = "jdbc:h2:mem:dst_${id}"
        source = Sql.newInstance(sourceUrl, 'sa', '')
        target = Sql.newInstance(targetUrl, 'sa', '')
        source.execute '''CREATE TABLE customers (id INT PRIMARY KEY, user_name VARCHAR(50), email VARCHAR(100),
                          legacy_field VARCHAR(20), deleted INT NOT NULL)'''
        source.execute 'CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT REFERENCES customers(id), total DECIMAL(10,2), placed DATE)'
        source.execute 'CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(200))'
        source.execute "INSERT INTO customers VALUES (1, 'ada', ' Ada@Example.COM ', 'x', 0), (2, 'bob', NULL, 'y', 0), (3, 'gone', 'g@x.org', 'z', 1)"
        source.execute "INSERT INTO orders VALUES (10, 1, 12.50, DATE '2024-01-05'), (11, 2, 7.25, NULL), (12, 1, 0.00, DATE '2024-03-01')"
        source.execute "INSERT INTO notes VALUES (1, 'first'), (2, 'second')"
        target.execute 'CREATE TABLE customers (id INT PRIMARY KEY, username VARCHAR(50), email VARCHAR(100), deleted INT)'
        target.execute 'CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT REFERENCES customers(id), total DECIMAL(10,2), placed DATE)'
        target.execute 'CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(200))'
    }

    def cleanup() {
        source.close()
        target.close()
    }

    private String script(String body, String settings = '') {
        """\
        migration 'embedded', {
            source { url '${sourceUrl}'; user 'sa' }
            target { url '${targetUrl}'; user 'sa' }
            settings { parallelism 3; batchSize 2 ${settings} }
        ${body}
        }
        """.stripIndent()
    }

    def "every row of every table arrives, parents before children, with renames, ignores, transforms and filters"() {
        when:
        def result = Scripts.run('copy.groovy', script('''
            tables ALL
            table('customers') {
                rename 'user_name', to: 'username'
                ignore 'legacy_field'
                column('email') { it?.trim()?.toLowerCase() }
                where 'deleted = 0'
            }
            table('orders') {
                where 'customer_id IN (SELECT id FROM customers WHERE deleted = 0)'
            }'''))

        then:
        result.succeeded()
        result.cycles() == []
        result.tables()*.table() == ['CUSTOMERS', 'NOTES', 'ORDERS']
        result.tables()*.status().every { it == TableResult.Status.DONE }
        result.tables().collectEntries { [it.table(), [it.rowsRead(), it.rowsWritten(), it.errors()]] } ==
                [CUSTOMERS: [2L, 2L, 0L], NOTES: [2L, 2L, 0L], ORDERS: [3L, 3L, 0L]]
        target.rows('SELECT * FROM customers ORDER BY id').collect { it as Map } == [
                [ID: 1, USERNAME: 'ada', EMAIL: 'ada@example.com', DELETED: 0],
                [ID: 2, USERNAME: 'bob', EMAIL: null, DELETED: 0]]
        target.rows('SELECT * FROM orders ORDER BY id').collect { it as Map } == [
                [ID: 10, CUSTOMER_ID: 1, TOTAL: 12.50, PLACED: java.sql.Date.valueOf('2024-01-05')],
                [ID: 11, CUSTOMER_ID: 2, TOTAL: 7.25, PLACED: null],
                [ID: 12, CUSTOMER_ID: 1, TOTAL: 0.00, PLACED: java.sql.Date.valueOf('2024-03-01')]]
        target.rows('SELECT * FROM notes ORDER BY id').collect { it as Map } == [[ID: 1, BODY: 'first'], [ID: 2, BODY: 'second']]
    }

    def "an explicit table list is moved in its order and nothing else"() {
        when:
        def result = Scripts.run('list.groovy', script('''
            tables 'notes', 'customers'
            table('customers') { rename 'user_name', to: 'username'; ignore 'legacy_field' }'''))

        then:
        result.tables()*.table() == ['NOTES', 'CUSTOMERS']
        target.firstRow('SELECT COUNT(*) AS n FROM customers').n == 3
        target.firstRow('SELECT COUNT(*) AS n FROM orders').n == 0
    }

    def "a large table is split into primary-key ranges moved in parallel, every row exactly once"() {
        given:
        source.execute 'CREATE TABLE events (id BIGINT PRIMARY KEY, kind VARCHAR(10), at TIMESTAMP, payload VARBINARY(16))'
        source.execute '''INSERT INTO events SELECT x, 'k' || MOD(x, 7), TIMESTAMP '2024-01-01 00:00:00' + x * INTERVAL '1' SECOND,
                          CAST(x AS VARBINARY(8)) FROM SYSTEM_RANGE(1, 10007)'''
        target.execute 'CREATE TABLE events (id BIGINT PRIMARY KEY, kind VARCHAR(10), at TIMESTAMP, payload VARBINARY(16))'

        when:
        def result = Scripts.run('split.groovy', script("tables 'events'", '; partitionRows 1000; batchSize 333'))

        then:
        result.succeeded()
        result.tables()[0].partitions() == 11
        result.tables()[0].rowsWritten() == 10007
        target.rows('SELECT * FROM events ORDER BY id').collect { [it.ID, it.KIND, it.AT.toLocalDateTime(), it.PAYLOAD as List] } ==
                source.rows('SELECT * FROM events ORDER BY id').collect { [it.ID, it.KIND, it.AT.toLocalDateTime(), it.PAYLOAD as List] }
        target.firstRow('SELECT MAX(at) AS m FROM events').m.toLocalDateTime() == LocalDateTime.of(2024, 1, 1, 2, 46, 47)
    }

    def "tables that reference each other are loaded with the target's foreign-key checks off"() {
        given:
        [source, target].each { Sql db ->
            db.execute 'CREATE TABLE departments (id INT PRIMARY KEY, name VARCHAR(20), head_id INT)'
            db.execute 'CREATE TABLE employees (id INT PRIMARY KEY, name VARCHAR(20), department_id INT REFERENCES departments(id), manager_id INT REFERENCES employees(id))'
            db.execute 'ALTER TABLE departments ADD FOREIGN KEY (head_id) REFERENCES employees(id)'
        }
        source.execute "INSERT INTO departments VALUES (1, 'R&D', NULL)"
        source.execute "INSERT INTO employees VALUES (1, 'boss', 1, NULL), (3, 'lead', 1, 1), (2, 'dev', 1, 3)"
        source.execute 'UPDATE departments SET head_id = 1'

        when:
        def result = Scripts.run('cycle.groovy', script("tables 'departments', 'employees'", '; partitionRows 1'))

        then:
        result.succeeded()
        result.cycles() == ['DEPARTMENTS -> EMPLOYEES -> DEPARTMENTS']
        target.rows('SELECT * FROM departments').collect { it as Map } == [[ID: 1, NAME: 'R&D', HEAD_ID: 1]]
        target.rows('SELECT * FROM employees ORDER BY id').collect { it as Map } == [
                [ID: 1, NAME: 'boss', DEPARTMENT_ID: 1, MANAGER_ID: null],
                [ID: 2, NAME: 'dev', DEPARTMENT_ID: 1, MANAGER_ID: 3],
                [ID: 3, NAME: 'lead', DEPARTMENT_ID: 1, MANAGER_ID: 1]]
        // checks are back on after the run
        when:
        target.execute 'INSERT INTO employees VALUES (9, \'x\', 42, NULL)'
        then:
        thrown(java.sql.SQLException)
    }

    def "a failed table is reported with its cause, leaves nothing behind, its dependents are skipped and the rest finish"() {
        given:
        target.execute 'DROP TABLE orders'
        target.execute 'DROP TABLE customers'
        target.execute 'CREATE TABLE customers (id INT PRIMARY KEY, username VARCHAR(50), email VARCHAR(100), deleted BOOLEAN)'
        target.execute 'CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT REFERENCES customers(id), total DECIMAL(10,2), placed DATE)'
        source.execute 'UPDATE customers SET deleted = 5 WHERE id = 3'

        when:
        def result = Scripts.run('fail.groovy', script('''
            tables ALL
            table('customers') { rename 'user_name', to: 'username'; ignore 'legacy_field' }'''))

        then:
        !result.succeeded()
        result.tables().collectEntries { [it.table(), it.status()] } ==
                [CUSTOMERS: TableResult.Status.FAILED, NOTES: TableResult.Status.DONE, ORDERS: TableResult.Status.SKIPPED]
        result.tables()[0].error() == "table CUSTOMERS, column DELETED (row ID=3): cannot store '5' (Integer) as a boolean (only 0 and 1 are) (BOOLEAN(1))"
        result.tables()[0].errors() == 1
        result.tables()[2].error() == 'not loaded: it depends on table CUSTOMERS, which failed'
        target.firstRow('SELECT COUNT(*) AS n FROM customers').n == 0
        target.firstRow('SELECT COUNT(*) AS n FROM notes').n == 2
    }

    def "a failing transform names the script line, the table, the column and the row"() {
        when:
        def result = Scripts.run('closure.groovy', script('''
            table('customers') {
                rename 'user_name', to: 'username'
                ignore 'legacy_field'
                column('email') { it.trim() }
            }'''))

        then:
        def customers = result.tables().find { it.table() == 'CUSTOMERS' }
        customers.status() == TableResult.Status.FAILED
        customers.error() == 'table CUSTOMERS, column EMAIL (row ID=2): the transform at (closure.groovy, line 9) failed: NullPointerException: Cannot invoke method trim() on null object'
    }

    def "a dry run reads and transforms every row and writes nothing"() {
        when:
        def plan = Scripts.load('dry.groovy', script('''
            tables ALL
            table('customers') { rename 'user_name', to: 'username'; ignore 'legacy_field' }'''))
        def result = Migrate.run(plan.withSettings(plan.settings().toBuilder().dryRun(true).build()), ProgressListener.NONE)

        then:
        result.succeeded()
        result.dryRun()
        result.tables().collectEntries { [it.table(), it.rowsWritten()] } == [CUSTOMERS: 3L, NOTES: 2L, ORDERS: 3L]
        ['customers', 'orders', 'notes'].every { target.firstRow("SELECT COUNT(*) AS n FROM ${it}".toString()).n == 0 }
    }

    def "a dry run into a target that lacks the tables a run would create reads and checks every row and creates nothing"() {
        given:
        target.execute 'DROP TABLE orders; DROP TABLE customers; DROP TABLE notes'

        when:
        def plan = Scripts.load('dry-create.groovy', script('''
            tables ALL
            table('customers') { rename 'user_name', to: 'username'; ignore 'legacy_field' }''', '; schema CREATE'))
        def result = Migrate.run(plan.withSettings(plan.settings().toBuilder().dryRun(true).build()), ProgressListener.NONE)

        then:
        result.succeeded()
        result.tables().collect { [it.table(), it.status(), it.rowsRead(), it.rowsWritten()] } as Set ==
                [['customers', TableResult.Status.DONE, 3L, 3L], ['NOTES', TableResult.Status.DONE, 2L, 2L],
                 ['ORDERS', TableResult.Status.DONE, 3L, 3L]] as Set
        target.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC'") == []
    }

    def "TRUNCATE_INSERT empties the target tables first, so a second run leaves the same rows"() {
        given:
        def text = script('''
            tables ALL
            table('customers') { rename 'user_name', to: 'username'; ignore 'legacy_field' }''', '; mode TRUNCATE_INSERT')

        when:
        Scripts.run('twice.groovy', text)
        def second = Scripts.run('twice.groovy', text)

        then:
        second.succeeded()
        target.firstRow('SELECT COUNT(*) AS n FROM customers').n == 3
        target.firstRow('SELECT COUNT(*) AS n FROM orders').n == 3
    }

    def "a table that does not exist in the source is an error at the line that names it"() {
        when:
        Scripts.run('missing.groovy', script("tables 'customers',\n       'custmers'"))

        then:
        ScriptError e = thrown()
        e.message == "(missing.groovy, line 5) table 'custmers' does not exist in the source (did you mean CUSTOMERS?)"
    }

    def "a renamed column that does not exist in the source is an error at its table block"() {
        when:
        Scripts.run('rename.groovy', script('''
            table('customers') {
                rename 'usr_name', to: 'username'
            }'''))

        then:
        ScriptError e = thrown()
        e.message == "(rename.groovy, line 6) table('customers'): cannot rename 'usr_name': no such column in the source (did you mean USER_NAME?)"
    }

    def "source columns without a target column stop the run before any row moves"() {
        when:
        Scripts.run('mismatch.groovy', script(''))

        then:
        SchemaMismatch e = thrown()
        // USER_NAME needs no word: it folds to USERNAME, a sure rename
        e.problems() == [
                "table CUSTOMERS, column LEGACY_FIELD: no column 'LEGACY_FIELD' in target table CUSTOMERS; rename it (rename 'LEGACY_FIELD', to: 'target_column') or ignore it (ignore 'LEGACY_FIELD')"]
        target.firstRow('SELECT COUNT(*) AS n FROM notes').n == 0
    }

    def "bad rows go to the table's reject file with their values, column and reason, up to maxRejects"() {
        given:
        def results = java.nio.file.Files.createTempDirectory('rejects')
        target.execute 'DROP TABLE orders'
        target.execute 'CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT, total INT, placed DATE)'
        def plan = Scripts.load('rejects.groovy', script("""
            tables 'orders'
            table('orders') {
                column('customer_id') { v, row -> if (row.ID == 11) throw new IllegalStateException('no customer'); v }
                column('total') { it }      // the decision: keep the values; one with a fraction is rejected
            }""", '; maxRejects 2'))

        when:
        def result = Migrate.run(plan, ProgressListener.NONE, results)

        then: 'order 10 (12.50) does not fit an integer, order 11 has no customer; order 12 arrives'
        result.succeeded()
        def orders = result.tables()[0]
        [orders.rowsRead(), orders.rowsWritten(), orders.rejected()] == [3L, 1L, 2L]
        target.rows('SELECT id, total FROM orders').collect { it as Map } == [[ID: 12, TOTAL: 0]]
        def lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of(orders.rejectFile())).collect {
            new com.fasterxml.jackson.databind.ObjectMapper().readValue(it, Map)
        }.sort { it.row.ID }
        orders.rejectFile() ==~ /.*\/embedded-\d{8}-\d{6}\/ORDERS\.rejects\.jsonl/
        lines == [
                [table: 'ORDERS', column: 'TOTAL', reason: "cannot store '12.50' (BigDecimal) as an integer (it has a fraction) (INTEGER(32))",
                 row: [ID: 10, CUSTOMER_ID: 1, TOTAL: 12.50, PLACED: '2024-01-05']],
                [table: 'ORDERS', column: 'CUSTOMER_ID', reason: 'the transform at (rejects.groovy, line 8) failed: IllegalStateException: no customer',
                 row: [ID: 11, CUSTOMER_ID: 2, TOTAL: 7.25, PLACED: null]]]
    }

    def "one reject more than maxRejects fails the table and rolls its partition back"() {
        given:
        def results = java.nio.file.Files.createTempDirectory('rejects')
        target.execute 'DROP TABLE orders'
        target.execute 'CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT, total INT, placed DATE)'
        def plan = Scripts.load('toomany.groovy', script("tables 'orders'; table('orders') { column('total') { it } }", '; maxRejects 1'))

        when:
        def result = Migrate.run(plan, ProgressListener.NONE, results)

        then:
        !result.succeeded()
        result.tables()[0].status() == TableResult.Status.FAILED
        result.tables()[0].error() ==~ /table ORDERS: more than 1 rows rejected; the last: table ORDERS, column TOTAL \(row ID=1[01]\): cannot store .*/
        target.firstRow('SELECT COUNT(*) AS n FROM orders').n == 0
    }

    def "value maps, lookups, defaults and dirty-data helpers shape the rows; what they cannot read is rejected"() {
        given:
        def results = java.nio.file.Files.createTempDirectory('rules')
        source.execute """CREATE TABLE people (id INT PRIMARY KEY, status VARCHAR(10), category_name VARCHAR(20), born VARCHAR(20),
                          salary VARCHAR(20))"""
        source.execute """INSERT INTO people VALUES (1, 'ACTIVE', 'books', '31/12/1990', '\$1,250.50'),
                          (2, 'INACTIVE', 'music', '1985-07-04', '900'), (3, 'GONE', 'food', NULL, ''),
                          (4, 'PENDING', 'books', '1970-01-01', '12'), (5, 'ACTIVE', 'books', 'yesterday', '1')"""
        target.execute 'CREATE TABLE categories (id INT PRIMARY KEY, name VARCHAR(20))'
        target.execute "INSERT INTO categories VALUES (10, 'books'), (20, 'music')"
        target.execute """CREATE TABLE people (id INT PRIMARY KEY, status INT NOT NULL, category_id INT NOT NULL, born DATE,
                          salary DECIMAL(10,2), country VARCHAR(2) NOT NULL)"""
        def plan = Scripts.load('rules.groovy', script("""
            tables 'people'
            table('people') {
                ignore 'category_name'
                column('status') { map ACTIVE: 1, INACTIVE: 2, GONE: 9 }
                column('category_id') { lookup 'categories', key: 'name', value: 'id', from: 'category_name'; otherwise(-1) }
                column('born') { parseDate(it, 'yyyy-MM-dd', 'dd/MM/yyyy') }
                column('salary') { parseNumber(it) }
                column('country') { defaultValue 'NL' }
            }""", '; maxRejects 5'))

        when:
        def result = Migrate.run(plan, ProgressListener.NONE, results)

        then:
        result.succeeded()
        result.tables()[0].rejected() == 2
        target.rows('SELECT * FROM people ORDER BY id').collect { it as Map } == [
                [ID: 1, STATUS: 1, CATEGORY_ID: 10, BORN: java.sql.Date.valueOf('1990-12-31'), SALARY: 1250.50, COUNTRY: 'NL'],
                [ID: 2, STATUS: 2, CATEGORY_ID: 20, BORN: java.sql.Date.valueOf('1985-07-04'), SALARY: 900.00, COUNTRY: 'NL'],
                [ID: 3, STATUS: 9, CATEGORY_ID: -1, BORN: null, SALARY: null, COUNTRY: 'NL']]
        java.nio.file.Files.readAllLines(java.nio.file.Path.of(result.tables()[0].rejectFile()))
                .collect { new com.fasterxml.jackson.databind.ObjectMapper().readValue(it, Map) }
                .sort { it.row.ID }.collect { [it.row.ID, it.column, it.reason] } == [
                [4, 'STATUS', "'PENDING' is not in the map (ACTIVE, INACTIVE, GONE)"],
                [5, 'BORN', "the transform at (rules.groovy, line 11) failed: IllegalArgumentException: 'yesterday' matches none of yyyy-MM-dd, dd/MM/yyyy"]]
    }

    def "a lookup table that does not exist is an error at the column's line"() {
        when:
        Scripts.run('nolookup.groovy', script("""
            tables 'customers'
            table('customers') {
                ignore 'legacy_field'
                column('deleted') { lookup 'flags', key: 'name', value: 'id' }
            }"""))

        then:
        dev.migrate.plan.ScriptError e = thrown()
        e.message == "(nolookup.groovy, line 9) lookup table 'flags' does not exist in the target"
    }

    def "a dry run checks every row against the target's columns and reports what would be rejected"() {
        given:
        def results = java.nio.file.Files.createTempDirectory('dry')
        source.execute 'CREATE TABLE things (id INT PRIMARY KEY, code VARCHAR(10), price DECIMAL(8,3), note VARCHAR(10))'
        source.execute "INSERT INTO things VALUES (1, 'abc', 12.5, 'x'), (2, 'toolong', 1.0, 'y'), (3, 'ok', 1.25, 'z'), (4, 'ok', 12345.0, 'w'), (5, 'ok', 1.0, NULL)"
        target.execute 'CREATE TABLE things (id INT PRIMARY KEY, code VARCHAR(3), price DECIMAL(4,1), note VARCHAR(10) NOT NULL)'
        def plan = Scripts.load('dry.groovy', script("""
            tables 'things'
            table('things') { column('code') { it }; column('price') { it }; column('note') { it } }""", '; maxRejects 10'))

        when:
        def result = Migrate.run(plan.withSettings(plan.settings().toBuilder().dryRun(true).build()), ProgressListener.NONE, results)

        then:
        result.succeeded()
        [result.tables()[0].rowsRead(), result.tables()[0].rowsWritten(), result.tables()[0].rejected()] == [5L, 1L, 4L]
        java.nio.file.Files.readAllLines(java.nio.file.Path.of(result.tables()[0].rejectFile()))
                .collect { new com.fasterxml.jackson.databind.ObjectMapper().readValue(it, Map) }
                .sort { it.row.ID }.collect { [it.row.ID, it.column, it.reason] } == [
                [2, 'CODE', "'toolong' is 7 characters long, more than 3 (CHARACTER VARYING(3))"],
                [3, 'PRICE', '1.250 has more than 1 decimals (DECIMAL(4,1))'],
                [4, 'PRICE', '12345.000 has more than 3 digits before the point (DECIMAL(4,1))'],
                [5, 'NOTE', 'NULL in a NOT NULL column (CHARACTER VARYING(10))']]
        target.firstRow('SELECT COUNT(*) AS n FROM things').n == 0
    }

    def "a query of the source fills a target table, created from what the query returns"() {
        when:
        def result = Scripts.run('query.groovy', script('''
            tables 'customers'
            table('customers') { rename 'user_name', to: 'username'; ignore 'legacy_field' }
            query 'orders_archive', """
                SELECT o.id, c.user_name AS customer, o.total
                FROM orders o JOIN customers c ON c.id = o.customer_id
                WHERE o.placed IS NOT NULL""", {
                column('customer') { it.toUpperCase() }
            }'''))

        then:
        result.succeeded()
        result.tables()*.table() == ['CUSTOMERS', 'orders_archive']
        target.rows('SELECT * FROM "orders_archive" ORDER BY "ID"').collect { it as Map } ==
                [[ID: 10, CUSTOMER: 'ADA', TOTAL: 12.50], [ID: 12, CUSTOMER: 'ADA', TOTAL: 0.00]]
    }

    def "a query may take the name of a source table the script does not move; of one it moves, the name is an error at its line"() {
        when:
        def result = Scripts.run('samename.groovy', script('''
            exclude 'orders'
            tables 'customers'
            table('customers') { rename 'user_name', to: 'username'; ignore 'legacy_field' }
            query 'orders', 'SELECT id, total FROM orders WHERE total > 1'
            '''))

        then:
        result.succeeded()
        result.tables()*.table() == ['CUSTOMERS', 'ORDERS']
        target.rows('SELECT id, total FROM orders ORDER BY id').collect { it as Map } ==
                source.rows('SELECT id, total FROM orders WHERE total > 1 ORDER BY id').collect { it as Map }

        when:
        Scripts.run('samename.groovy', script('''
            query 'customers', 'SELECT id FROM customers'
            tables ALL
            '''))

        then:
        ScriptError e = thrown()
        e.message == "(samename.groovy, line 6) query 'customers' has the name of a source table that the script moves; give it another, or exclude that table"
    }

    def "a run cancelled before its tables start moves nothing, and each table says it was cancelled"() {
        given:
        def plan = Scripts.load('cancelled.groovy', script('''
            tables 'customers', 'orders'
            table('customers') { rename 'user_name', to: 'username'; ignore 'legacy_field' }'''))
        Cancellation cancellation = new Cancellation()

        when:
        boolean pulled = cancellation.cancel('cancelled by a test')
        def result = Migrate.run(plan, ProgressListener.NONE, java.nio.file.Files.createTempDirectory('cancelled'), Start.FRESH, cancellation)

        then:
        pulled
        !cancellation.cancel('again')
        !result.succeeded()
        result.tables().collect { [it.table(), it.status(), it.rowsWritten(), it.error()] } == [
                ['CUSTOMERS', TableResult.Status.SKIPPED, 0L, 'not loaded: the run was cancelled (cancelled by a test) before it started'],
                ['ORDERS', TableResult.Status.SKIPPED, 0L, 'not loaded: the run was cancelled (cancelled by a test) before it started']]
        target.firstRow('SELECT COUNT(*) AS n FROM customers').n == 0
        target.firstRow('SELECT COUNT(*) AS n FROM orders').n == 0
    }

    def "a query that does not run in the source is an error at its line"() {
        when:
        Scripts.run('badquery.groovy', script("""
            tables 'notes'
            query 'archive', 'SELECT nothing FROM nowhere'"""))

        then:
        ScriptError e = thrown()
        e.message.startsWith("(badquery.groovy, line 7) query 'archive' does not run in the source: Table \"NOWHERE\" not found")
    }

    def "row code changes whole rows and leaves rows out by returning null"() {
        when:
        def result = Scripts.run('rows.groovy', script('''
            tables 'customers'
            table('customers') {
                rename 'user_name', to: 'username'
                ignore 'legacy_field'
                row { r ->
                    if (r.DELETED == 1) return null
                    r.USER_NAME = r.USER_NAME.capitalize()
                    r.EMAIL = r.EMAIL ?: "${r.USER_NAME.toLowerCase()}@example.org"
                    r
                }
            }'''))

        then:
        result.succeeded()
        [result.tables()[0].rowsRead(), result.tables()[0].rowsWritten(), result.tables()[0].skipped(), result.tables()[0].rejected()] == [3L, 2L, 1L, 0L]
        target.rows('SELECT * FROM customers ORDER BY id').collect { it as Map } == [
                [ID: 1, USERNAME: 'Ada', EMAIL: ' Ada@Example.COM ', DELETED: 0],
                [ID: 2, USERNAME: 'Bob', EMAIL: 'bob@example.org', DELETED: 0]]
    }

    def "one legacy table goes into two normalized ones, the second holding each distinct address once"() {
        given:
        source.execute '''CREATE TABLE old_orders (order_no INT PRIMARY KEY, customer VARCHAR(20), street VARCHAR(30), city VARCHAR(20),
                          zip VARCHAR(10), total DECIMAL(8,2))'''
        source.execute """INSERT INTO old_orders VALUES (1, 'ada', 'Main St 1', 'Springfield', '1234', 10.00),
                          (2, 'ada', 'Main St 1', 'Springfield', '1234', 20.00), (3, 'bob', 'Elm St 9', 'Shelbyville', '9876', 5.50)"""

        when:
        def result = Scripts.run('split.groovy', script('''
            tables 'old_orders'
            table('old_orders') {
                into('orders_v2') {
                    rename 'order_no', to: 'id'
                    ignore 'street', 'city', 'zip'
                }
                into('addresses') {
                    columns 'street', 'city', 'zip'
                    distinct()
                }
            }'''))

        then:
        result.succeeded()
        result.tables().collect { [it.table(), it.source(), it.rowsWritten()] } ==
                [['orders_v2', 'OLD_ORDERS -> orders_v2', 3L], ['addresses', 'OLD_ORDERS -> addresses', 2L]]
        target.rows('SELECT * FROM "orders_v2" ORDER BY "id"').collect { it as Map } == [
                [id: 1, CUSTOMER: 'ada', TOTAL: 10.00], [id: 2, CUSTOMER: 'ada', TOTAL: 20.00], [id: 3, CUSTOMER: 'bob', TOTAL: 5.50]]
        target.rows('SELECT * FROM "addresses" ORDER BY "STREET"').collect { it as Map } == [
                [STREET: 'Elm St 9', CITY: 'Shelbyville', ZIP: '9876'], [STREET: 'Main St 1', CITY: 'Springfield', ZIP: '1234']]
    }

    def "several source tables go into one, each with its own mapping, before the tables that reference it"() {
        given:
        source.execute 'CREATE TABLE customers_us (cid INT PRIMARY KEY, full_name VARCHAR(50))'
        source.execute "INSERT INTO customers_us VALUES (100, 'Carl'), (101, 'Dana')"
        source.execute "UPDATE orders SET customer_id = 2 WHERE id = 12"

        when:
        def result = Scripts.run('union.groovy', script('''
            exclude 'notes'
            table('customers') {
                rename 'user_name', to: 'username'
                ignore 'legacy_field'
            }
            table('customers_us', to: 'customers') {
                rename 'cid', to: 'id'
                rename 'full_name', to: 'username'
                column('deleted') { defaultValue 0 }
            }'''))

        then:
        result.succeeded()
        result.tables()*.source().indexOf('ORDERS') > result.tables()*.source().indexOf('CUSTOMERS')
        result.tables()*.source().indexOf('ORDERS') > result.tables()*.source().indexOf('CUSTOMERS_US -> CUSTOMERS')
        target.rows('SELECT id, username, deleted FROM customers ORDER BY id').collect { it as Map } == [
                [ID: 1, USERNAME: 'ada', DELETED: 0], [ID: 2, USERNAME: 'bob', DELETED: 0], [ID: 3, USERNAME: 'gone', DELETED: 1],
                [ID: 100, USERNAME: 'Carl', DELETED: 0], [ID: 101, USERNAME: 'Dana', DELETED: 0]]
        target.firstRow('SELECT COUNT(*) AS n FROM orders').n == 3
    }
}
