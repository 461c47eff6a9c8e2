package dev.migrate.integration

import dev.migrate.connect.ConnectionFailure
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.Scripts
import dev.migrate.support.TestDatabases
import dev.migrate.support.TestServer
import dev.migrate.support.TypeFixture
import groovy.sql.Sql

import java.nio.file.Files
import java.sql.DriverManager

/**
 * Every common column type moved between the real servers of the machine, every value of every row
 * compared with what went in.
 */
class CrossDatabaseSpec extends DatabaseSpecification {

    private static String script(String sourceUrl, String sourceUser, String targetUrl, String targetUser, String extra = '') {
        """\
        migration 'types', {
            source { url '${sourceUrl}'; user '${sourceUser}' }
            target { url '${targetUrl}'; user '${targetUser}' }
            settings { parallelism 2; batchSize 2; partitionRows 1 }
            ${extra}
        }
        """.stripIndent()
    }

    private static void expectAllTypesCopied(def result, List<Map<String, Object>> actual) {
        assert result.succeeded()
        assert result.tables().size() == 1
        assert result.tables()[0].rowsWritten() == 3
        assert result.tables()[0].partitions() == 3
        assert TypeFixture.differences(actual) == []
    }


    def "#from to #to keeps every value of every common type, written by #method"() {
        given:
        TestServer source = server(from)
        TestServer target = server(to)
        String src = database(source, 'mig_src')
        String dst = database(target, 'mig_dst')
        source.withDatabase(src) { Sql sql -> sql.execute(TypeFixture.ddl(from)); TypeFixture.insert(sql.connection, from) }
        target.withDatabase(dst) { Sql sql -> sql.execute(TypeFixture.ddl(to)) }

        when:
        def result = Scripts.run("${from}-${to}.groovy", script(source.url(src), source.user, target.url(dst), target.user,
                "settings { bulk ${bulk} }"))

        then:
        expectAllTypesCopied(result, target.withDatabase(dst) { Sql sql -> TypeFixture.read(sql.connection) })
        result.tables()[0].method() == method

        where:
        from       | to         | bulk  | method
        'postgres' | 'postgres' | true  | 'COPY stream (binary)'
        'postgres' | 'postgres' | false | 'JDBC batches'
        'mysql'    | 'postgres' | true  | 'COPY'
        'mysql'    | 'postgres' | false | 'JDBC batches'
        'postgres' | 'mysql'    | true  | 'LOAD DATA LOCAL INFILE'
        'postgres' | 'mysql'    | false | 'JDBC batches'
    }

    def "PostgreSQL to PostgreSQL keeps json, uuid, arrays and intervals exactly, streamed as text for the arrays"() {
        given:
        TestServer pg = TestDatabases.postgres()
        String src = database(pg, 'mig_src')
        String dst = database(pg, 'mig_dst')
        String ddl = 'CREATE TABLE extras (id int PRIMARY KEY, doc jsonb, raw json, uid uuid, tags text[], span interval, ip inet)'
        pg.withDatabase(src) { Sql sql ->
            sql.execute(ddl)
            sql.execute('''INSERT INTO extras VALUES
                (1, '{"a": [1, 2, {"b": "ü\\\\n"}]}', '{ "keep" :  "spacing" }', '0b7e4f3c-8a0e-4a6f-9a43-6c2f4a1d9e11',
                 ARRAY['x', 'y z', 'tab\tin', NULL], '1 day 02:03:04.5', '192.168.0.1/24'),
                (2, NULL, NULL, NULL, NULL, NULL, NULL)''')
        }
        pg.withDatabase(dst) { Sql sql -> sql.execute(ddl) }

        when:
        def result = Scripts.run('pg-extras.groovy', script(pg.url(src), pg.user, pg.url(dst), pg.user))
        String query = 'SELECT id, doc::text, raw::text, uid::text, tags::text, span::text, ip::text FROM extras ORDER BY id'

        then:
        result.succeeded()
        result.tables()[0].method() == 'COPY stream (text)'
        pg.withDatabase(dst) { Sql sql -> sql.rows(query).collect { it as Map } } ==
                pg.withDatabase(src) { Sql sql -> sql.rows(query).collect { it as Map } }
        pg.withDatabase(dst) { Sql sql -> sql.firstRow('SELECT raw::text AS r FROM extras WHERE id = 1').r } == '{ "keep" :  "spacing" }'
    }

    def "SQLite to PostgreSQL turns loosely typed legacy values into every common type"() {
        given:
        TestServer pg = TestDatabases.postgres()
        def file = Files.createTempFile('legacy', '.db')
        cleanups << { Files.deleteIfExists(file) }
        String sqliteUrl = "jdbc:sqlite:${file}"
        def sqlite = DriverManager.getConnection(sqliteUrl)
        sqlite.createStatement().execute(TypeFixture.SQLITE_DDL)
        TypeFixture.insert(sqlite, 'sqlite')
        sqlite.close()
        String dst = database(pg, 'mig_dst')
        pg.withDatabase(dst) { Sql sql -> sql.execute(TypeFixture.POSTGRES_DDL) }

        when:
        def result = Scripts.run('sqlite-pg.groovy', script(sqliteUrl, '', pg.url(dst), pg.user))

        then:
        expectAllTypesCopied(result, pg.withDatabase(dst) { Sql sql -> TypeFixture.read(sql.connection) })
    }

    def "a database with foreign keys moves from MariaDB into pre-created PostgreSQL tables, parents first"() {
        given:
        TestServer my = TestDatabases.mysql()
        TestServer pg = TestDatabases.postgres()
        String src = database(my, 'mig_src')
        String dst = database(pg, 'mig_dst')
        my.withDatabase(src) { Sql sql ->
            sql.execute 'CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL, created DATETIME NOT NULL)'
            sql.execute 'CREATE TABLE products (id INT PRIMARY KEY, title VARCHAR(50) NOT NULL, price DECIMAL(8,2) NOT NULL)'
            sql.execute 'CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL, FOREIGN KEY (customer_id) REFERENCES customers(id))'
            sql.execute '''CREATE TABLE order_items (order_id INT NOT NULL, product_id INT NOT NULL, qty INT NOT NULL,
                           PRIMARY KEY (order_id, product_id), FOREIGN KEY (order_id) REFERENCES orders(id),
                           FOREIGN KEY (product_id) REFERENCES products(id))'''
            sql.execute 'CREATE TABLE employees (id INT PRIMARY KEY, boss_id INT, FOREIGN KEY (boss_id) REFERENCES employees(id))'
            (1..300).each { sql.execute('INSERT INTO customers VALUES (?, ?, ?)', [it, "customer ${it}".toString(), "2024-01-01 00:00:00"]) }
            (1..20).each { sql.execute('INSERT INTO products VALUES (?, ?, ?)', [it, "product ${it}".toString(), it * 1.25]) }
            (1..900).each { sql.execute('INSERT INTO orders VALUES (?, ?)', [it, (it % 300) + 1]) }
            (1..900).each { o -> [1, 2].each { p -> sql.execute('INSERT INTO order_items VALUES (?, ?, ?)', [o, (o + p) % 20 + 1, p]) } }
            sql.execute 'INSERT INTO employees VALUES (1, NULL)'
            (2..50).each { sql.execute('INSERT INTO employees VALUES (?, ?)', [it, it - 1]) }
        }
        pg.withDatabase(dst) { Sql sql ->
            sql.execute 'CREATE TABLE customers (id serial PRIMARY KEY, name varchar(50) NOT NULL, created timestamp NOT NULL)'
            sql.execute 'CREATE TABLE products (id int PRIMARY KEY, title varchar(50) NOT NULL, price numeric(8,2) NOT NULL)'
            sql.execute 'CREATE TABLE orders (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, customer_id int NOT NULL REFERENCES customers(id))'
            sql.execute '''CREATE TABLE order_items (order_id int NOT NULL REFERENCES orders(id), product_id int NOT NULL REFERENCES products(id),
                           qty int NOT NULL, PRIMARY KEY (order_id, product_id))'''
            sql.execute 'CREATE TABLE employees (id int PRIMARY KEY, boss_id int REFERENCES employees(id))'
        }

        when:
        def result = Scripts.run('shop.groovy', """\
            migration 'shop', {
                source { url '${my.url(src)}'; user '${my.user}' }
                target { url '${pg.url(dst)}'; user '${pg.user}' }
                settings { parallelism 3; batchSize 100; partitionRows 100 }
            }
            """.stripIndent())

        then:
        result.succeeded()
        result.tables()*.table().indexOf('customers') < result.tables()*.table().indexOf('orders')
        result.tables()*.table().indexOf('orders') < result.tables()*.table().indexOf('order_items')
        result.tables()*.table().indexOf('products') < result.tables()*.table().indexOf('order_items')
        result.tables().collectEntries { [it.table(), it.rowsWritten()] } ==
                [customers: 300L, employees: 50L, orders: 900L, products: 20L, order_items: 1800L]
        result.tables().find { it.table() == 'orders' }.partitions() == 9
        ['customers', 'products', 'orders', 'order_items', 'employees'].every { table ->
            String order = table == 'order_items' ? 'order_id, product_id' : 'id'
            def expected = my.withDatabase(src) { Sql sql -> sql.rows("SELECT * FROM ${table} ORDER BY ${order}".toString()).collect { normalize(it) } }
            def actual = pg.withDatabase(dst) { Sql sql -> sql.rows("SELECT * FROM ${table} ORDER BY ${order}".toString()).collect { normalize(it) } }
            expected == actual
        }

        and: 'sequences and identities continue after the largest key loaded'
        pg.withDatabase(dst) { Sql sql -> sql.firstRow("SELECT nextval(pg_get_serial_sequence('customers', 'id')) AS n").n } == 301
        pg.withDatabase(dst) { Sql sql -> sql.firstRow('INSERT INTO orders (customer_id) VALUES (1) RETURNING id').id } == 901
    }

    def "a cycle that PostgreSQL will not load for a plain user fails with the fix named and nothing half-written"() {
        given:
        TestServer pg = TestDatabases.postgres()
        String src = database(pg, 'mig_src')
        String dst = database(pg, 'mig_dst')
        pg.withDatabase(src) { Sql sql ->
            sql.execute 'CREATE TABLE staff (id int PRIMARY KEY, boss_id int REFERENCES staff(id))'
            sql.execute 'INSERT INTO staff VALUES (1, NULL), (2, 1)'
        }
        pg.withDatabase(dst) { Sql sql ->
            sql.execute "DO \$\$ BEGIN CREATE ROLE mig_plain_user LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END \$\$"
            sql.execute 'CREATE TABLE staff (id int PRIMARY KEY, boss_id int REFERENCES staff(id))'
            sql.execute 'GRANT ALL ON staff TO mig_plain_user'
        }

        when:
        def result = Scripts.run('plain.groovy', script(pg.url(src), pg.user, pg.url(dst), 'mig_plain_user'))

        then:
        result.tables()[0].status() == dev.migrate.engine.TableResult.Status.FAILED
        // whichever of the two partitions failed first is named
        result.tables()[0].error().replaceFirst(/ \(partition [12]\/2\)/, '') == 'table staff: ERROR: permission denied to set parameter "session_replication_role"' +
                ' (tables that reference each other are loaded with foreign-key checks off, which PostgreSQL allows a superuser only:' +
                ' run as one, or drop those foreign keys in a before { } hook and add them back in after { })'
        pg.withDatabase(dst) { Sql sql -> sql.firstRow('SELECT COUNT(*) AS n FROM staff').n } == 0
    }

    def "MariaDB's bulk load lets no row go silently: a duplicate key fails the table and leaves the target as it was"() {
        given:
        TestServer pg = TestDatabases.postgres()
        TestServer my = TestDatabases.mysql()
        String src = database(pg, 'mig_src')
        String dst = database(my, 'mig_dst')
        pg.withDatabase(src) { Sql sql -> sql.execute("CREATE TABLE t (id int PRIMARY KEY, code varchar(10)); INSERT INTO t VALUES (1, 'a'), (2, 'b')") }
        my.withDatabase(dst) { Sql sql -> sql.execute('CREATE TABLE t (id INT PRIMARY KEY, code VARCHAR(10))'); sql.execute("INSERT INTO t VALUES (2, 'kept')") }

        when:
        def result = Scripts.run('dup.groovy', script(pg.url(src), pg.user, my.url(dst), my.user).replace('partitionRows 1', 'partitionRows 10'))

        then:
        !result.succeeded()
        result.tables()[0].error() == "table t: Duplicate entry '2' for key 'PRIMARY'"
        my.withDatabase(dst) { Sql sql -> sql.rows('SELECT * FROM t ORDER BY id').collect { it as Map } } == [[id: 2, code: 'kept']]
    }

    def "the source is opened read-only: #kind"() {
        given:
        TestServer server = server(kind)
        String src = database(server, 'mig_src')
        server.withDatabase(src) { Sql sql -> sql.execute('CREATE TABLE t (id int PRIMARY KEY)') }

        when:
        Scripts.run('readonly.groovy', """\
            migration 'readonly', {
                source { url '${server.url(src)}'; user '${server.user}' }
                target { url 'jdbc:h2:mem:readonly_target'; user 'sa' }
                before {
                    source.execute 'INSERT INTO t VALUES (1)'
                }
            }
            """.stripIndent())

        then:
        dev.migrate.engine.HookFailure e = thrown()
        e.message == message
        server.withDatabase(src) { Sql sql -> sql.firstRow('SELECT COUNT(*) AS n FROM t').n } == 0

        where:
        kind << ['postgres', 'mysql']
        message = 'before hook (readonly.groovy, line 5) failed: the source is read-only in hooks: INSERT is refused ' +
                '(a hook reads the source with SELECT, WITH, SHOW, EXPLAIN, DESCRIBE, VALUES, TABLE or PRAGMA)'
    }

    def "MySQL zero dates stop the table with the fix named, and load as NULL when the script says so"() {
        given:
        TestServer my = TestDatabases.mysql()
        TestServer pg = TestDatabases.postgres()
        String src = database(my, 'mig_src')
        String dst = database(pg, 'mig_dst')
        my.withDatabase(src) { Sql sql ->
            sql.execute "SET SESSION sql_mode = ''"
            sql.execute 'CREATE TABLE visits (id INT PRIMARY KEY, seen DATETIME)'
            sql.execute "INSERT INTO visits VALUES (1, '2024-05-06 07:08:09'), (2, '0000-00-00 00:00:00')"
        }
        pg.withDatabase(dst) { Sql sql -> sql.execute 'CREATE TABLE visits (id int PRIMARY KEY, seen timestamp)' }
        def text = { String property -> """\
            migration 'zero', {
                source { url '${my.url(src)}'; user '${my.user}'; ${property} }
                target { url '${pg.url(dst)}'; user '${pg.user}' }
            }
            """.stripIndent() }

        when:
        def refused = Scripts.run('zero.groovy', text(''))

        then:
        refused.tables()[0].status() == dev.migrate.engine.TableResult.Status.FAILED
        refused.tables()[0].error() == "table visits: Zero date value prohibited (MySQL zero dates have no value elsewhere; to load them as NULL, say so in the source block: property 'zeroDateTimeBehavior', 'CONVERT_TO_NULL')"
        pg.withDatabase(dst) { Sql sql -> sql.firstRow('SELECT COUNT(*) AS n FROM visits').n } == 0

        when:
        def converted = Scripts.run('zero.groovy', text("property 'zeroDateTimeBehavior', 'CONVERT_TO_NULL'"))

        then:
        converted.succeeded()
        pg.withDatabase(dst) { Sql sql -> sql.rows('SELECT id, seen FROM visits ORDER BY id').collect { [it.id, it.seen?.toString()] } } ==
                [[1, '2024-05-06 07:08:09.0'], [2, null]]
    }

    private static Map normalize(Map row) {
        row.collectEntries { k, v -> [k.toString().toLowerCase(), v instanceof java.sql.Timestamp ? v.toLocalDateTime() : v instanceof Number ? new BigDecimal(v.toString()) : v] }
    }

    def "a wrong password is reported in one line that names the database and not the password"() {
        given:
        TestServer my = TestDatabases.mysql()
        String src = database(my, 'mig_src')
        my.withDatabase(src) { Sql sql ->
            ['%', 'localhost', '127.0.0.1'].each { host ->
                sql.execute("CREATE USER IF NOT EXISTS 'mig_secret_user'@'${host}' IDENTIFIED BY 'right-one'".toString())
            }
        }

        when:
        def plan = Scripts.load('password.groovy', """\
            migration 'password', {
                source { url '${my.url(src)}'; user 'mig_secret_user'; password 'Wr0ng-S3cret' }
                target { url 'jdbc:h2:mem:unused'; user 'sa' }
            }
            """.stripIndent())
        dev.migrate.command.Migrate.run(plan, dev.migrate.engine.ProgressListener.NONE)

        then:
        ConnectionFailure e = thrown()
        e.message ==~ /cannot connect to the source \Q${my.url(src)}\E: the database refused user mig_secret_user: Access denied for user 'mig_secret_user'@'[^']+' \(using password: YES\)/
        !e.message.contains('Wr0ng-S3cret')
    }
}
