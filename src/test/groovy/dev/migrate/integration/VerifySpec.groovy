package dev.migrate.integration

import dev.migrate.command.Migrate
import com.fasterxml.jackson.databind.ObjectMapper
import dev.migrate.cli.Main
import dev.migrate.engine.ProgressListener
import dev.migrate.engine.Verification
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.Scripts
import dev.migrate.support.TestServer
import groovy.sql.Sql

import java.nio.file.Files
import java.nio.file.Path

/**
 * {@code verify} compares what a run wrote with what its source holds, row by row, through the script's own
 * mapping: a copy is equal; a row deleted, added or changed in the target is named with its key and column.
 */
class VerifySpec extends DatabaseSpecification {

    Path results = Files.createTempDirectory('verify')

    private Map database(String kind, String prefix) {
        TestServer server = server(kind == 'PostgreSQL' ? 'postgres' : 'mysql')
        String db = database(server, prefix)
        [url: server.url(db), user: server.user, server: server, db: db, kind: kind]
    }

    private static Sql connect(Map db) {
        (db.server as TestServer).connect(db.db)
    }

    private static void fill(Map db) {
        Sql sql = connect(db)
        boolean pg = db.kind == 'PostgreSQL'
        sql.execute("""CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, price DECIMAL(10,2), created ${pg ? 'TIMESTAMP' : 'DATETIME(6)'},
                       active BOOLEAN, note VARCHAR(20))""".toString())
        sql.withTransaction {
            (1..3000).collate(500).each { chunk ->
                sql.execute('INSERT INTO items VALUES ' + chunk.collect { int i ->
                    "(${i}, 'item ${i} é', ${i % 100}.${i % 10}0, '2024-01-01 10:00:00.${String.format('%06d', i)}', ${i % 2 == 0 ? 'TRUE' : 'FALSE'}, " +
                            "${i % 3 == 0 ? 'NULL' : i % 3 == 1 ? "''" : "'n'"})"
                }.join(', '))
            }
        }
        sql.close()
    }

    private static String script(Map from, Map to, String table = '') {
        """\
        migration 'verified', {
            source { url '${from.url}'; user '${from.user}' }
            target { url '${to.url}'; user '${to.user}' }
            settings { partitionRows 1_000; parallelism 2 }
            ${table}
        }
        """.stripIndent()
    }

    def "#from into #into: a copy verifies equal, and rows deleted, added and changed in the target are named with their key and column"() {
        given:
        Map source = database(from, 'mig_src')
        Map target = database(into, 'mig_dst')
        fill(source)
        def plan = Scripts.load('verified.groovy', script(source, target))
        assert Migrate.run(plan, ProgressListener.NONE, results).succeeded()

        when:
        Verification.Result copied = Migrate.verify(plan)

        then:
        copied.equal()
        copied.tables()*.status() == ['equal']
        // every range's hashes agree: no row leaves either database
        copied.tables()*.method() == ['hashes']
        copied.tables()*.sourceRows() == [3000L]
        copied.tables()*.targetRows() == [3000L]

        when:
        Sql sql = connect(target)
        sql.execute 'DELETE FROM items WHERE id = 5'
        sql.execute "INSERT INTO items (id, name) VALUES (5000, 'stray')"
        sql.execute "INSERT INTO items (id, name) VALUES (0, 'below the source')"
        sql.execute 'UPDATE items SET price = 99 WHERE id = 7'
        sql.execute "UPDATE items SET note = '' WHERE id = 1200"
        sql.execute "UPDATE items SET name = 'item 2500 e' WHERE id = 2500"
        sql.close()
        Verification.Result tampered = Migrate.verify(plan)

        then:
        !tampered.equal()
        tampered.differences()
        tampered.tables()*.status() == ['different']
        tampered.tables()[0].found() == 6
        // only the ranges whose hashes differ are read row by row
        tampered.tables()[0].method() ==~ /hashes, [0-9,]+ rows/
        tampered.tables()[0].differences()*.describe() == [
                'items id=0: extra in target',
                'items id=5: missing in target',
                "items id=7: differs in column price (source '7.7', target '99')",
                "items id=1200: differs in column note (source NULL, target '')",
                "items id=2500: differs in column name (source 'item 2500 é', target 'item 2500 e')",
                'items id=5000: extra in target']

        where:
        from         | into
        'PostgreSQL' | 'PostgreSQL'
        'PostgreSQL' | 'MariaDB'
        'MariaDB'    | 'PostgreSQL'
    }

    def "a table moved through transforms and renames is compared as the script writes it, and a query by its row count"() {
        given:
        Map source = database('PostgreSQL', 'mig_src')
        Map target = database('MariaDB', 'mig_dst')
        fill(source)
        def plan = Scripts.load('verified.groovy', script(source, target, """
            table('items') {
                rename 'name', to: 'title'
                column('title') { it.toUpperCase() }
                where 'id <= 2000'
            }
            query('expensive', 'SELECT id, price FROM items WHERE price > 50')"""))
        assert Migrate.run(plan, ProgressListener.NONE, results).succeeded()

        when:
        Verification.Result copied = Migrate.verify(plan)
        Sql sql = connect(target)
        sql.execute "UPDATE items SET title = 'item 3 é' WHERE id = 3"
        sql.execute 'DELETE FROM expensive WHERE id = 60'
        sql.close()
        Verification.Result tampered = Migrate.verify(plan)

        then:
        copied.equal()
        copied.tables()*.method() == ['rows', 'counts']
        copied.tables()*.sourceRows() == [2000L, 1470L]
        tampered.tables()*.status() == ['different', 'different']
        tampered.tables()[0].differences()*.describe() == ["items id=3: differs in column title (source 'ITEM 3 É', target 'item 3 é')"]
        tampered.tables()[1].sourceRows() == 1470
        tampered.tables()[1].targetRows() == 1469
    }

    def "a query is compared by its key set, a table two sources feed by the union of theirs, and a table without a key by its row count"() {
        given:
        Map source = database('PostgreSQL', 'mig_src')
        Map target = database('MariaDB', 'mig_dst')
        connect(source).with { Sql sql ->
            sql.execute '''CREATE TABLE eu (id INT PRIMARY KEY, name VARCHAR(40)); CREATE TABLE us (id INT PRIMARY KEY, name VARCHAR(40));
                           INSERT INTO eu SELECT g, 'eu ' || g FROM generate_series(1, 500) g;
                           INSERT INTO us SELECT g, 'us ' || g FROM generate_series(501, 1200) g'''
            sql.close()
        }
        def plan = Scripts.load('keys.groovy', script(source, target, """
            table('eu') { into('customers') { } }
            table('us') { into('customers') { } }
            query('thirds', 'SELECT id, name FROM us WHERE id % 3 = 0') { key 'id' }
            query('prefixes', 'SELECT DISTINCT substr(name, 1, 4) AS prefix FROM eu')"""))
        assert Migrate.run(plan, ProgressListener.NONE, results).succeeded()

        when:
        Verification.Result copied = Migrate.verify(plan)
        connect(target).with { Sql sql ->
            sql.execute 'DELETE FROM customers WHERE id IN (7, 900)'
            sql.execute "INSERT INTO customers VALUES (5000, 'nobody')"
            sql.execute 'DELETE FROM thirds WHERE id = 600'
            sql.execute "INSERT INTO prefixes VALUES ('zz')"
            sql.close()
        }
        Verification.Result tampered = Migrate.verify(plan)

        then:
        copied.equal()
        copied.tables()*.table() == ['customers', 'thirds', 'prefixes']
        copied.tables()*.method() == ['keys', 'keys', 'counts']
        copied.tables()*.sourceRows() == [1200L, 234L, 9L]
        copied.tables()*.targetRows() == [1200L, 234L, 9L]
        tampered.tables()*.status() == ['different', 'different', 'different']
        tampered.tables()[0].differences()*.describe() == ['customers id=7: missing in target', 'customers id=900: missing in target',
                                                           'customers id=5000: extra in target']
        tampered.tables()[0].sourceRows() == 1200
        tampered.tables()[0].targetRows() == 1199
        tampered.tables()[1].differences()*.describe() == ['thirds id=600: missing in target']
        tampered.tables()[2].differences() == []
        tampered.tables()[2].targetRows() == 10
    }

    def "a key a query holds twice is expected twice, and a number key written into a text column is compared by counts, never misordered"() {
        given:
        Map source = database('PostgreSQL', 'mig_src')
        Map target = database('PostgreSQL', 'mig_dst')
        connect(source).with { Sql sql ->
            sql.execute '''CREATE TABLE dups (sku VARCHAR(10), qty INT); INSERT INTO dups VALUES ('A', 1), ('A', 2), ('B', 3), (NULL, 4), (NULL, 5);
                           CREATE TABLE codes (id INT PRIMARY KEY, label VARCHAR(10));
                           INSERT INTO codes SELECT g, 'c' || g FROM generate_series(1, 12) g'''
            sql.close()
        }
        connect(target).with { Sql sql -> sql.execute 'CREATE TABLE codes (id VARCHAR(10) PRIMARY KEY, label VARCHAR(10))'; sql.close() }
        def plan = Scripts.load('dups.groovy', script(source, target, """
            tables 'codes'
            query('stock', 'SELECT sku, qty FROM dups') { key 'sku' }"""))
        assert Migrate.run(plan, ProgressListener.NONE, results).succeeded()

        when:
        Verification.Result copied = Migrate.verify(plan)
        connect(target).with { Sql sql -> sql.execute "DELETE FROM stock WHERE sku = 'A' AND qty = 2"; sql.close() }
        Verification.Result tampered = Migrate.verify(plan)

        then:
        copied.equal()
        copied.tables()*.table() == ['codes', 'stock']
        copied.tables()*.method() == ['counts', 'keys']
        copied.tables()*.sourceRows() == [12L, 5L]
        tampered.tables()[1].differences()*.describe() == ['stock sku=A: missing in target']
        tampered.tables()[1].targetRows() == 4
    }

    def "#from into #into: text in latin1, utf8mb3 and utf8mb4 (accents, emoji, '|', 'n', '') hashes alike in both databases, and a changed accent is found"() {
        given:
        Map source = database(from, 'mig_src')
        Map target = database(into, 'mig_dst')
        String values = ["(1, 'café', 'naïve', '😀 ok', 'n')", "(2, '|', 'a|b', '', '')", "(3, NULL, 'ñ', '漢字', NULL)",
                         "(4, 'Ünïcödé', '', 'x😀|y', 'n|')", "(5, 'n', 'n', 'n', '|n')"].join(', ')
        String ddl = from == 'MariaDB'
                ? '''CREATE TABLE words (id INT PRIMARY KEY, w1 VARCHAR(20) CHARACTER SET latin1, w2 VARCHAR(20) CHARACTER SET utf8mb3,
                     w3 VARCHAR(20) CHARACTER SET utf8mb4, w4 TEXT CHARACTER SET utf8mb4)'''
                : 'CREATE TABLE words (id INT PRIMARY KEY, w1 VARCHAR(20), w2 VARCHAR(20), w3 VARCHAR(20), w4 TEXT)'
        connect(source).with { Sql sql ->
            sql.execute ddl
            sql.execute 'INSERT INTO words VALUES ' + values
            sql.close()
        }
        if (into == 'MariaDB') {
            // the target's columns in the character sets of the source above, the text the same
            connect(target).with { Sql sql ->
                sql.execute '''CREATE TABLE words (id INT PRIMARY KEY, w1 VARCHAR(20) CHARACTER SET latin1, w2 VARCHAR(20) CHARACTER SET utf8mb3,
                     w3 VARCHAR(20) CHARACTER SET utf8mb4, w4 TEXT CHARACTER SET utf8mb4)'''
                sql.close()
            }
        }
        def plan = Scripts.load('words.groovy', script(source, target))
        assert Migrate.run(plan, ProgressListener.NONE, results).succeeded()

        when:
        Verification.Result copied = Migrate.verify(plan)
        connect(target).with { Sql sql -> sql.execute "UPDATE words SET w1 = 'cafe' WHERE id = 1"; sql.close() }
        Verification.Result tampered = Migrate.verify(plan)

        then:
        copied.equal()
        copied.tables()*.method() == ['hashes']
        copied.tables()*.sourceRows() == [5L]
        tampered.tables()[0].differences()*.describe() == ["words id=1: differs in column w1 (source 'café', target 'cafe')"]

        where:
        from         | into
        'MariaDB'    | 'PostgreSQL'
        'PostgreSQL' | 'MariaDB'
        'MariaDB'    | 'MariaDB'
    }

    def "PostgreSQL to PostgreSQL: a table with a type the server cannot hash (json) is hashed by its rows' text instead, and a change is still found"() {
        given:
        Map source = database('PostgreSQL', 'mig_src')
        Map target = database('PostgreSQL', 'mig_dst')
        String ddl = 'CREATE TABLE docs (id INT PRIMARY KEY, body JSON, tag TEXT)'
        connect(source).with { Sql sql ->
            sql.execute ddl
            sql.execute '''INSERT INTO docs SELECT g, ('{"n": ' || g || '}')::json, CASE WHEN g % 2 = 0 THEN 't' END FROM generate_series(1, 3000) g'''
            sql.close()
        }
        connect(target).with { Sql sql -> sql.execute ddl; sql.close() }
        def plan = Scripts.load('docs.groovy', script(source, target))
        assert Migrate.run(plan, ProgressListener.NONE, results).succeeded()

        when:
        Verification.Result copied = Migrate.verify(plan)
        connect(target).with { Sql sql -> sql.execute '''UPDATE docs SET body = '{"n": 0}' WHERE id = 42'''; sql.close() }
        Verification.Result tampered = Migrate.verify(plan)

        then:
        copied.equal()
        copied.tables()*.method() == ['hashes']
        copied.tables()*.sourceRows() == [3000L]
        tampered.tables()[0].differences()*.key() == ['id=42']
        tampered.tables()[0].differences()*.column() == ['body']
    }

    def "bin/migrate verify exits 0 when equal and 4 when not, with at most 20 rows on screen and every one in the report"() {
        given:
        Map source = database('PostgreSQL', 'mig_src')
        Map target = database('PostgreSQL', 'mig_dst')
        fill(source)
        Path script = Scripts.write('verified.groovy', script(source, target))
        assert Main.execute('run', script.toString(), '--results', results.toString(), '--verify') == 0
        Path json = results.resolve('all.json')

        when:
        connect(target).with { Sql s -> s.execute('DELETE FROM items WHERE id > 2970'); s.close() }
        PrintStream original = System.out
        ByteArrayOutputStream printed = new ByteArrayOutputStream()
        System.out = new PrintStream(printed, true, 'UTF-8')
        int code
        try {
            code = Main.execute('verify', script.toString(), '--json', json.toString())
        } finally {
            System.out = original
        }
        List<String> lines = printed.toString('UTF-8').readLines()
        def report = new ObjectMapper().readValue(json.toFile(), Map)

        then:
        code == 4
        lines.findAll { it.endsWith(': missing in target') } == (2971..2990).collect { "items id=${it}: missing in target".toString() }
        lines.contains('... and 10 more differing rows of items in the report')
        lines.contains('1 of 1 tables differ')
        report.equal == false
        report.tables[0].differingRows == 30
        report.tables[0].differences*.key == (2971..3000).collect { "id=${it}".toString() }
    }

    def "SQLite into H2: embedded databases are matched row by row, through the script's transforms, and a changed row is named"() {
        given:
        Path dir = Files.createTempDirectory('verify-embedded')
        String sqlite = "jdbc:sqlite:${dir.resolve('legacy.db')}"
        String h2 = "jdbc:h2:file:${dir.resolve('shop')}"
        Sql legacy = Sql.newInstance(sqlite)
        legacy.execute 'CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT, balance NUMERIC(10,2), joined TEXT)'
        legacy.withTransaction {
            (1..2500).each { int i ->
                legacy.execute('INSERT INTO customers VALUES (?, ?, ?, ?, ?)',
                        [i, "customer ${i} ü".toString(), i % 4 == 0 ? null : "c${i}@Example.org".toString(), i / 4, '2024-02-0' + (1 + i % 9)])
            }
        }
        legacy.close()
        def plan = Scripts.load('embedded.groovy', """\
            migration 'embedded', {
                source { url '${sqlite}' }
                target { url '${h2}'; user 'sa' }
                settings { partitionRows 1_000 }
                table('customers') {
                    column('email') { it?.toLowerCase() }
                    column('joined') { parseDate(it) }
                }
            }
            """.stripIndent())
        assert Migrate.run(plan, ProgressListener.NONE, results).succeeded()

        when:
        Verification.Result copied = Migrate.verify(plan)
        Sql shop = Sql.newInstance(h2, 'sa', '')
        shop.execute """UPDATE "customers" SET "email" = 'c10@Example.org' WHERE "id" = 10"""
        shop.execute """UPDATE "customers" SET "joined" = DATE '2024-02-09' WHERE "id" = 2000"""
        shop.close()
        Verification.Result tampered = Migrate.verify(plan)

        then:
        copied.equal()
        copied.tables()*.method() == ['rows']
        copied.tables()*.sourceRows() == [2500L]
        tampered.tables()[0].differences()*.describe() == [
                "customers id=10: differs in column email (source 'c10@example.org', target 'c10@Example.org')",
                "customers id=2000: differs in column joined (source '2024-02-03', target '2024-02-09')"]
    }
}
