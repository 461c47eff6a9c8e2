package dev.migrate.integration

import dev.migrate.plan.ScriptError
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.Scripts
import dev.migrate.support.TestServer
import groovy.sql.Sql

import java.nio.file.Files

/** MERGE mode upserts on the key in every database we can run: running a script twice equals running it once. */
class MergeSpec extends DatabaseSpecification {

    String sourceUrl = "jdbc:h2:mem:merge_src_${UUID.randomUUID()}"
    Sql source = Sql.newInstance(sourceUrl, 'sa', '')

    def setup() {
        source.execute 'CREATE TABLE items (id INT PRIMARY KEY, sku VARCHAR(10) NOT NULL, label VARCHAR(20), qty INT)'
        source.execute "INSERT INTO items VALUES (1, 'A-1', 'apple', 5), (2, 'B-2', 'pear', 7)"
        cleanups << { source.close() }
    }

    private Map<String, Object> target(String kind) {
        if (kind == 'H2') {
            String url = "jdbc:h2:mem:merge_dst_${UUID.randomUUID()}"
            Sql keep = Sql.newInstance(url, 'sa', '')
            cleanups << { keep.close() }
            return [url: url, user: 'sa', sql: keep, close: false]
        }
        if (kind == 'SQLite') {
            def file = Files.createTempFile('merge', '.db')
            cleanups << { Files.deleteIfExists(file) }
            return [url: "jdbc:sqlite:${file}".toString(), user: '', sql: Sql.newInstance("jdbc:sqlite:${file}"), close: true]
        }
        TestServer server = server(kind == 'PostgreSQL' ? 'postgres' : 'mysql')
        String db = database(server, 'mig_merge')
        [url: server.url(db), user: server.user, sql: server.connect(db), close: true]
    }

    private String script(Map t, String extra = '') {
        """\
        migration 'merge', {
            source { url '${sourceUrl}'; user 'sa' }
            target { url '${t.url}'; user '${t.user}' }
            settings { mode MERGE; batchSize 1 }
            ${extra}
        }
        """.stripIndent()
    }

    def "MERGE into #kind inserts new rows and updates the ones whose key is there"() {
        given:
        def t = target(kind)
        Sql dst = t.sql
        dst.execute 'CREATE TABLE items (id INT PRIMARY KEY, sku VARCHAR(10) NOT NULL UNIQUE, label VARCHAR(20), qty INT)'
        dst.execute "INSERT INTO items VALUES (2, 'B-2', 'old pear', 1), (9, 'Z-9', 'kept', 0)"

        when:
        def first = Scripts.run('merge.groovy', script(t))
        source.execute "UPDATE items SET qty = 6 WHERE id = 1"
        source.execute "INSERT INTO items VALUES (3, 'C-3', 'fig', 1)"
        def second = Scripts.run('merge.groovy', script(t))
        def third = Scripts.run('merge.groovy', script(t))

        then:
        [first, second, third].every { it.succeeded() }
        dst.rows('SELECT id, sku, label, qty FROM items ORDER BY id').collect { [it[0] as int, it[1], it[2], it[3] as Integer] } == [
                [1, 'A-1', 'apple', 6], [2, 'B-2', 'pear', 7], [3, 'C-3', 'fig', 1], [9, 'Z-9', 'kept', 0]]

        cleanup:
        if (t?.close) {
            dst?.close()
        }

        where:
        kind << ['PostgreSQL', 'MariaDB', 'H2', 'SQLite']
    }

    def "MERGE on a declared key matches rows by it"() {
        given:
        def t = target('PostgreSQL')
        Sql dst = t.sql
        dst.execute 'CREATE TABLE items (id INT, sku VARCHAR(10) PRIMARY KEY, label VARCHAR(20), qty INT)'
        dst.execute "INSERT INTO items VALUES (100, 'A-1', 'old', 0)"

        when:
        def result = Scripts.run('key.groovy', script(t, "table('items') { key 'sku' }"))

        then:
        result.succeeded()
        dst.rows('SELECT * FROM items ORDER BY sku').collect { it as Map } == [[id: 1, sku: 'A-1', label: 'apple', qty: 5], [id: 2, sku: 'B-2', label: 'pear', qty: 7]]

        cleanup:
        dst?.close()
    }

    def "MERGE into a table without a key says what to declare"() {
        given:
        def t = target('H2')
        t.sql.execute 'CREATE TABLE items (id INT, sku VARCHAR(10), label VARCHAR(20), qty INT)'

        when:
        Scripts.run('nokey.groovy', script(t))

        then:
        ScriptError e = thrown()
        e.message == "(nokey.groovy, line 1) table ITEMS has no primary key to merge on; declare one: table('ITEMS') { key 'column' }"
    }

    def "MERGE into #kind tables that reference each other, several partitions each in one transaction, twice alike"() {
        given:
        source.execute 'CREATE TABLE teams (id INT PRIMARY KEY, captain_id INT)'
        source.execute 'CREATE TABLE players (id INT PRIMARY KEY, team_id INT, name VARCHAR(20))'
        source.execute 'INSERT INTO teams SELECT X, X * 10 FROM SYSTEM_RANGE(1, 30)'
        source.execute "INSERT INTO players SELECT X, MOD(X, 30) + 1, CONCAT('p', X) FROM SYSTEM_RANGE(1, 300)"
        def t = target(kind)
        Sql dst = t.sql
        dst.execute 'CREATE TABLE teams (id INT PRIMARY KEY, captain_id INT)'
        dst.execute 'CREATE TABLE players (id INT PRIMARY KEY, team_id INT REFERENCES teams(id), name VARCHAR(20))'
        dst.execute 'ALTER TABLE teams ADD FOREIGN KEY (captain_id) REFERENCES players(id)'

        when:
        def runs = (1..2).collect { Scripts.run('merge.groovy', script(t, "tables 'teams', 'players'").replace('batchSize 1', 'batchSize 50; partitionRows 100')) }

        then:
        runs.every { it.succeeded() && it.cycles()*.toLowerCase() == ['teams -> players -> teams'] }
        dst.firstRow('SELECT COUNT(*) AS n, SUM(captain_id) AS c FROM teams').with { [it.n as int, it.c as int] } == [30, 4650]
        dst.firstRow('SELECT COUNT(*) AS n, SUM(team_id) AS t FROM players').with { [it.n as int, it.t as int] } == [300, 4650]

        cleanup:
        if (t?.close) {
            dst?.close()
        }

        where:
        kind << ['PostgreSQL', 'MariaDB', 'H2']
    }
}
