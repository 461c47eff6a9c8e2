package dev.migrate.integration

import dev.migrate.command.Migrate
import com.fasterxml.jackson.databind.ObjectMapper
import dev.migrate.engine.ProgressListener
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.Scripts
import dev.migrate.support.TestServer
import groovy.sql.Sql

import java.nio.file.Files
import java.nio.file.Path

/** A batch the target refuses is split until its bad rows are found: every good row lands exactly once. */
class RefusedRowsSpec extends DatabaseSpecification {

    String sourceUrl = "jdbc:h2:mem:refused_src_${UUID.randomUUID()}"
    Sql source = Sql.newInstance(sourceUrl, 'sa', '')

    def setup() {
        source.execute 'CREATE TABLE items (id INT PRIMARY KEY, qty INT)'
        (1..10).each { source.execute('INSERT INTO items VALUES (?, ?)', [it, it in [4, 9] ? -it : it]) }
        cleanups << { source.close() }
    }

    def "#kind refuses two rows of ten; the eight others land and the two are rejected with the database's reason"() {
        given:
        String url
        String user
        Sql dst
        if (kind == 'H2') {
            url = "jdbc:h2:mem:refused_dst_${UUID.randomUUID()}"
            user = 'sa'
            dst = Sql.newInstance(url, 'sa', '')
        } else {
            TestServer server = server(kind == 'PostgreSQL' ? 'postgres' : 'mysql')
            String db = database(server, 'mig_refused')
            url = server.url(db)
            user = server.user
            dst = server.connect(db)
        }
        dst.execute 'CREATE TABLE items (id INT PRIMARY KEY, qty INT CHECK (qty >= 0))'
        def results = Files.createTempDirectory('refused')
        def plan = Scripts.load('refused.groovy', """\
            migration 'refused', {
                source { url '${sourceUrl}'; user 'sa' }
                target { url '${url}'; user '${user}' }
                settings { batchSize 4; parallelism 1; maxRejects 2 }
            }
            """.stripIndent())

        when:
        def result = Migrate.run(plan, ProgressListener.NONE, results)

        then:
        result.succeeded()
        def items = result.tables()[0]
        [items.rowsRead(), items.rowsWritten(), items.rejected()] == [10L, 8L, 2L]
        dst.rows('SELECT id, qty FROM items ORDER BY id').collect { [it[0] as int, it[1] as int] } ==
                [[1, 1], [2, 2], [3, 3], [5, 5], [6, 6], [7, 7], [8, 8], [10, 10]]
        def rejected = Files.readAllLines(Path.of(items.rejectFile())).collect { new ObjectMapper().readValue(it, Map) }
        rejected*.row.collect { it.values().toList() } == [[4, -4], [9, -9]]
        rejected.every { it.column == null && it.reason.toLowerCase() =~ /check|constraint/ }

        cleanup:
        dst?.close()

        where:
        kind << ['PostgreSQL', 'MariaDB', 'H2']
    }

    /** Rows 1..40 in batches of ten, the bad ones at both ends of batches, side by side, and alone. */
    static final Map<Integer, String> BAD = [1: 'check', 10: 'check', 11: 'check', 15: 'check', 16: 'check', 20: 'null', 27: 'unique',
                                             33: 'long', 38: 'null', 40: 'check']

    def "#kind writes a table that may reject rows through #method; rows it refuses anywhere in a batch are rejected with its reasons, every other row lands once"() {
        given:
        TestServer server = server(kind == 'PostgreSQL' ? 'postgres' : 'mysql')
        String db = database(server, 'mig_dirty')
        Sql dst = server.connect(db)
        cleanups << { dst.close() }
        partsTable(dst)
        def results = Files.createTempDirectory('dirty')

        when:
        def result = Migrate.run(partsPlan(server.url(db), server.user, 20), ProgressListener.NONE, results)

        then:
        result.succeeded()
        def parts = result.tables()[0]
        [parts.rowsRead(), parts.rowsWritten(), parts.rejected(), parts.method()] == [40L, 30L, 10L, method]
        dst.rows('SELECT id, qty, code, tag, serial FROM parts ORDER BY id').collect { it.values().toList() } ==
                (1..40).findAll { !BAD.containsKey(it) }.collect { [it, it, "c$it".toString(), "t$it".toString(), it] }
        def rejected = Files.readAllLines(Path.of(parts.rejectFile())).collect { new ObjectMapper().readValue(it, Map) }
        rejected.collect { [it.row.id, it.column, it.reason] } == BAD.keySet().collect { [it, null, reasons[BAD[it]].replace('DB', db)] }

        where:
        kind         | method                   | reasons
        'PostgreSQL' | 'COPY'                   | [check : 'ERROR: new row for relation "parts" violates check constraint "parts_qty_check"',
                                                   unique: 'ERROR: duplicate key value violates unique constraint "parts_serial_key"',
                                                   long  : 'ERROR: value too long for type character varying(5)',
                                                   null  : 'ERROR: null value in column "tag" of relation "parts" violates not-null constraint']
        'MariaDB'    | 'LOAD DATA LOCAL INFILE' | [check : 'CONSTRAINT `parts.qty` failed for `DB`.`parts`',
                                                   unique: "Duplicate entry '3' for key 'serial'",
                                                   long  : "Data truncated for column 'code' at row 1",
                                                   null  : "Column set to default value; NULL supplied to NOT NULL column 'tag' at row 1"]
    }

    def "#kind fails the table when its refused rows pass maxRejects, and keeps none of its rows"() {
        given:
        TestServer server = server(kind == 'PostgreSQL' ? 'postgres' : 'mysql')
        String db = database(server, 'mig_dirty')
        Sql dst = server.connect(db)
        cleanups << { dst.close() }
        partsTable(dst)

        when:
        def result = Migrate.run(partsPlan(server.url(db), server.user, 4), ProgressListener.NONE, Files.createTempDirectory('dirty'))

        then:
        !result.succeeded()
        result.tables()[0].error() == 'table parts: more than 4 rows rejected; the last: table parts: ' + reason.replace('DB', db)
        dst.firstRow('SELECT count(*) AS n FROM parts').n == 0

        where:
        kind         | reason
        'PostgreSQL' | 'ERROR: new row for relation "parts" violates check constraint "parts_qty_check"'
        'MariaDB'    | 'CONSTRAINT `parts.qty` failed for `DB`.`parts`'
    }

    private void partsTable(Sql dst) {
        dst.execute 'CREATE TABLE parts (id INT PRIMARY KEY, qty INT CHECK (qty >= 0), code VARCHAR(5), tag VARCHAR(10) NOT NULL, serial INT UNIQUE)'
    }

    private def partsPlan(String url, String user, int maxRejects) {
        source.execute 'CREATE TABLE parts (id INT PRIMARY KEY, qty INT, code VARCHAR(20), tag VARCHAR(10), serial INT)'
        (1..40).each {
            source.execute('INSERT INTO parts VALUES (?, ?, ?, ?, ?)', [it, BAD[it] == 'check' ? -it : it, (BAD[it] == 'long' ? "toolong$it" : "c$it").toString(),
                                                                      BAD[it] == 'null' ? null : "t$it".toString(), BAD[it] == 'unique' ? 3 : it])
        }
        Scripts.load('dirty.groovy', """\
            migration 'dirty', {
                source { url '${sourceUrl}'; user 'sa' }
                target { url '${url}'; user '${user}' }
                settings { batchSize 10; parallelism 1; maxRejects ${maxRejects} }
                tables 'parts'
                table('parts') { column('code') { it } }
            }
            """.stripIndent())
    }
}
