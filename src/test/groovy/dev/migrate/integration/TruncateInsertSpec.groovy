package dev.migrate.integration

import dev.migrate.command.Migrate
import dev.migrate.engine.ProgressListener
import dev.migrate.journal.RunRefused
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.Scripts
import dev.migrate.support.TestServer
import groovy.sql.Sql

import java.nio.file.Files

/** TRUNCATE_INSERT empties the run's own target tables, and never a table the run was not asked to touch. */
class TruncateInsertSpec extends DatabaseSpecification {

    Sql source
    String sourceUrl = "jdbc:h2:mem:trunc_src_${UUID.randomUUID()}"

    def setup() {
        source = Sql.newInstance(sourceUrl, 'sa', '')
        source.execute 'CREATE TABLE "items" ("id" INT PRIMARY KEY, "label" VARCHAR(20))'
        source.execute '''INSERT INTO "items" VALUES (1, 'one'), (2, 'two'), (3, 'three')'''
        source.execute 'CREATE TABLE "items_notes" ("id" INT PRIMARY KEY, "item_id" INT REFERENCES "items"("id"), "note" VARCHAR(20))'
        source.execute '''INSERT INTO "items_notes" VALUES (1, 1, 'first'), (2, 3, 'third')'''
        cleanups << { source.close() }
    }

    /** A target holding items and two tables that reference it, which the run is not asked to load. */
    private Map target(String kind) {
        Map t
        if (kind == 'H2') {
            String url = "jdbc:h2:mem:trunc_dst_${UUID.randomUUID()};DATABASE_TO_LOWER=TRUE"
            Sql holder = Sql.newInstance(url, 'sa', '')
            cleanups << { holder.close() }
            t = [url: url, user: 'sa', sql: { Sql.newInstance(url, 'sa', '') }]
        } else {
            TestServer server = server(kind == 'PostgreSQL' ? 'postgres' : 'mysql')
            String db = database(server, 'mig_trunc')
            t = [url: server.url(db), user: server.user, sql: { server.connect(db) }]
        }
        Sql sql = t.sql()
        sql.execute 'CREATE TABLE items (id INT PRIMARY KEY, label VARCHAR(20))'
        sql.execute "INSERT INTO items VALUES (1, 'old one'), (2, 'old two')"
        sql.execute 'CREATE TABLE items_notes (id INT PRIMARY KEY, item_id INT REFERENCES items(id), note VARCHAR(20))'
        sql.execute 'CREATE TABLE unrelated_audit (id INT PRIMARY KEY, item_id INT, FOREIGN KEY (item_id) REFERENCES items(id) ON DELETE CASCADE)'
        sql.withTransaction {
            (1..100).each { sql.execute('INSERT INTO items_notes VALUES (?, ?, ?)', [it, it % 2 + 1, 'note ' + it]) }
            (1..50).each { sql.execute('INSERT INTO unrelated_audit VALUES (?, ?)', [it, it % 2 + 1]) }
        }
        sql.close()
        t
    }

    private static Map counts(Map target) {
        Sql sql = target.sql()
        try {
            ['items', 'items_notes', 'unrelated_audit'].collectEntries { [it, sql.firstRow("SELECT COUNT(*) AS n FROM ${it}".toString()).n as int] }
        } finally {
            sql.close()
        }
    }

    private String script(Map target, String tables) {
        """\
        migration 'truncate', {
            source { url '${sourceUrl}'; user 'sa' }
            target { url '${target.url}'; user '${target.user}' }
            settings { mode TRUNCATE_INSERT }
            tables ${tables}
        }
        """.stripIndent()
    }

    def "on #kind, TRUNCATE_INSERT of items stops before changing anything, naming the tables that reference it from outside the run"() {
        given:
        Map target = target(kind)
        def plan = Scripts.load('truncate.groovy', script(target, "'items'"))
        String refusal = "mode TRUNCATE_INSERT empties the run's target tables, and items_notes, unrelated_audit reference items, which this run" +
                " does not load: emptying them would break or cascade into items_notes, unrelated_audit; add them to the run, or use mode" +
                " INSERT or MERGE (nothing was changed)"

        when:
        def schemaPlan = Migrate.plan(plan)

        then:
        schemaPlan.emptied() == ['items']
        schemaPlan.refusals() == [refusal]

        when:
        Migrate.run(plan, ProgressListener.NONE, Files.createTempDirectory('trunc'))

        then:
        RunRefused e = thrown()
        e.message == refusal
        counts(target) == [items: 2, items_notes: 100, unrelated_audit: 50]

        where:
        kind << ['PostgreSQL', 'MariaDB', 'H2']
    }

    def "on #kind, TRUNCATE_INSERT empties the tables of the run, parents and children, and loads them; twice alike"() {
        given:
        Map target = target(kind)
        Sql sql = target.sql()
        sql.execute 'DROP TABLE unrelated_audit'
        sql.close()
        def plan = Scripts.load('truncate.groovy', script(target, "'items', 'items_notes'"))

        when:
        def runs = (1..2).collect { Migrate.run(plan, ProgressListener.NONE, Files.createTempDirectory('trunc')) }

        then:
        runs.every { it.succeeded() }
        Sql check = target.sql()
        check.rows('SELECT id, label FROM items ORDER BY id').collect { [it.id, it.label] } == [[1, 'one'], [2, 'two'], [3, 'three']]
        check.rows('SELECT id, item_id, note FROM items_notes ORDER BY id').collect { [it.id, it.item_id, it.note] } == [[1, 1, 'first'], [2, 3, 'third']]

        cleanup:
        check?.close()

        where:
        kind << ['PostgreSQL', 'MariaDB', 'H2']
    }
}
