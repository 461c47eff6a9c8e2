package dev.migrate.integration

import dev.migrate.engine.TableResult
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.Scripts
import dev.migrate.support.TestDatabases
import dev.migrate.support.TestServer
import groovy.sql.Sql

import java.nio.file.Files

/**
 * PostgreSQL text cannot hold the NUL character, which H2 and MariaDB text can: a value with one is rejected with
 * its table, column and row on its way into PostgreSQL, and kept on its way anywhere else.
 */
class NulCharacterSpec extends DatabaseSpecification {

    static final String NUL_REASON = 'PostgreSQL text cannot hold the NUL character (U+0000) (text)'

    private Map<String, String> source(String kind) {
        if (kind == 'H2') {
            String url = "jdbc:h2:mem:nul_${UUID.randomUUID()}"
            Sql h2 = Sql.newInstance(url, 'sa', '')
            cleanups << { h2.close() }
            fill(h2, 'CREATE TABLE notes (id INT PRIMARY KEY, title VARCHAR(20), body VARCHAR(20))')
            return [url: url, user: 'sa']
        }
        TestServer my = TestDatabases.mysql()
        String db = database(my, 'mig_src')
        my.withDatabase(db) { Sql sql -> fill(sql, 'CREATE TABLE notes (id INT PRIMARY KEY, title VARCHAR(20), body VARCHAR(20))') }
        [url: my.url(db), user: my.user]
    }

    private static void fill(Sql sql, String ddl) {
        sql.execute ddl
        [[1, 'first', 'plain'], [2, 'second', 'a\u0000b'], [3, 'third', 'ok'], [4, 'fo\u0000rth', 'x']].each {
            sql.execute 'INSERT INTO notes VALUES (?, ?, ?)', it
        }
    }

    private static String script(Map<String, String> from, String to, String user, String settings) {
        """\
        migration 'nul', {
            source { url '${from.url}'; user '${from.user}' }
            target { url '${to}'; user '${user}' }
            settings { ${settings} }
        }
        """.stripIndent()
    }

    def "text with NUL from #kind into PostgreSQL: with maxRejects the row is rejected with column and reason (bulk #bulk)"() {
        given:
        def from = source(kind)
        TestServer pg = TestDatabases.postgres()
        String dst = database(pg, 'mig_dst')
        pg.withDatabase(dst) { Sql sql -> sql.execute 'CREATE TABLE notes (id int PRIMARY KEY, title text, body text)' }

        when:
        def result = Scripts.run('nul.groovy', script(from, pg.url(dst), pg.user, "maxRejects 2; bulk ${bulk}"), Files.createTempDirectory('nul'))

        then:
        result.succeeded()
        Scripts.rejects(result.tables()[0]).collect { [it.table, it.row.id ?: it.row.ID, it.column, it.reason] } ==
                [['notes', 2, 'body', NUL_REASON], ['notes', 4, 'title', NUL_REASON]]
        pg.withDatabase(dst) { Sql sql -> sql.rows('SELECT id, title, body FROM notes ORDER BY id').collect { [it.id, it.title, it.body] } } ==
                [[1, 'first', 'plain'], [3, 'third', 'ok']]

        where:
        kind      | bulk
        'H2'      | true
        'H2'      | false
        'MariaDB' | true
        'MariaDB' | false
    }

    def "text with NUL from #kind into PostgreSQL without maxRejects fails the table, naming table, column and row"() {
        given:
        def from = source(kind)
        TestServer pg = TestDatabases.postgres()
        String dst = database(pg, 'mig_dst')
        pg.withDatabase(dst) { Sql sql -> sql.execute 'CREATE TABLE notes (id int PRIMARY KEY, title text, body text)' }

        when:
        def result = Scripts.run('nul.groovy', script(from, pg.url(dst), pg.user, 'parallelism 1'), Files.createTempDirectory('nul'))

        then:
        result.tables()[0].status() == TableResult.Status.FAILED
        result.tables()[0].error() == "table notes, column body (row ${key}=2): ${NUL_REASON}".toString()
        pg.withDatabase(dst) { Sql sql -> sql.firstRow('SELECT COUNT(*) AS n FROM notes').n } == 0

        where:
        kind      | key
        'H2'      | 'ID'
        'MariaDB' | 'id'
    }

    def "text with NUL keeps it on its way into #target"() {
        given:
        def from = source('H2')
        String url
        String user
        if (target == 'H2') {
            url = "jdbc:h2:mem:nul_dst_${UUID.randomUUID()}"
            user = 'sa'
        } else {
            TestServer my = TestDatabases.mysql()
            url = my.url(database(my, 'mig_dst'))
            user = my.user
        }
        Sql dst = Sql.newInstance(url, user, '')
        cleanups << { dst.close() }
        dst.execute 'CREATE TABLE notes (id INT PRIMARY KEY, title VARCHAR(20), body VARCHAR(20))'

        when:
        def result = Scripts.run('nul.groovy', script(from, url, user, ''))

        then:
        result.succeeded()
        dst.rows('SELECT id, title, body FROM notes ORDER BY id').collect { [it.id, it.title, it.body] } ==
                [[1, 'first', 'plain'], [2, 'second', 'a\u0000b'], [3, 'third', 'ok'], [4, 'fo\u0000rth', 'x']]

        where:
        target << ['H2', 'MariaDB']
    }
}
