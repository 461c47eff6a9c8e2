package dev.migrate.integration

import dev.migrate.engine.TableResult
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.Scripts
import dev.migrate.support.TestDatabases
import dev.migrate.support.TestServer
import groovy.sql.Sql

import java.nio.file.Files
import java.sql.DriverManager

/**
 * Every character a source holds arrives exactly, whatever the character set it is stored in; bytes that are no
 * character of it are rejected with their row and column, never replaced by U+FFFD or '?'.
 */
class CharacterSetsSpec extends DatabaseSpecification {

    def "SQLite text that is not UTF-8 is rejected with its row and column into #kind; a U+FFFD it holds stays one"() {
        given:
        def file = Files.createTempFile('text', '.db')
        cleanups << { Files.deleteIfExists(file) }
        def sqlite = DriverManager.getConnection("jdbc:sqlite:${file}")
        sqlite.createStatement().with {
            execute 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)'
            execute "INSERT INTO notes VALUES (1, 'plain'), (2, CAST(X'41FF42' AS TEXT)), (3, 'é ☃ 😀'), (4, CAST(X'41EFBFBD42' AS TEXT))," +
                    " (5, CAST(X'41C3' AS TEXT)), (6, CAST(X'41EDA08042' AS TEXT)), (7, CAST(X'C0AF' AS TEXT))"
        }
        sqlite.close()
        String url
        String user
        if (kind == 'H2') {
            url = "jdbc:h2:mem:text_${UUID.randomUUID()}"
            user = 'sa'
        } else {
            TestServer pg = TestDatabases.postgres()
            String db = database(pg, 'mig_text')
            url = pg.url(db)
            user = pg.user
        }
        Sql target = Sql.newInstance(url, user, '')
        cleanups << { target.close() }
        target.execute 'CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(20))'

        when:
        def result = Scripts.run('sqlite-text.groovy', """\
            migration 'sqlite-text', {
                source { url 'jdbc:sqlite:${file}' }
                target { url '${url}'; user '${user}' }
                settings { maxRejects 10 }
            }
            """.stripIndent(), Files.createTempDirectory('text'))

        then:
        result.succeeded()
        Scripts.rejects(result.tables()[0]).collect { [it.row.id, it.column.toLowerCase(), it.reason, it.row.body] } == [
                [2, 'body', "the source's text is not valid UTF-8: 0x41ff42", '0x41ff42'],
                [5, 'body', "the source's text is not valid UTF-8: 0x41c3", '0x41c3'],
                [6, 'body', "the source's text is not valid UTF-8: 0x41eda08042", '0x41eda08042'],
                [7, 'body', "the source's text is not valid UTF-8: 0xc0af", '0xc0af'],
        ]
        target.rows('SELECT id, body FROM notes ORDER BY id').collect { [it.id, it.body] } == [[1, 'plain'], [3, 'é ☃ 😀'], [4, 'A\ufffdB']]

        where:
        kind << ['H2', 'PostgreSQL']
    }

    def "a SQL_ASCII PostgreSQL database's bytes that are not UTF-8 are rejected with their row and column (bulk #bulk, into #to); UTF-8 text it holds arrives"() {
        given:
        TestServer pg = TestDatabases.postgres()
        String src = "mig_ascii_${UUID.randomUUID().toString().replace('-', '').substring(0, 10)}"
        Sql admin = Sql.newInstance("${pg.baseUrl}/postgres", pg.user, pg.password ?: '')
        admin.execute "CREATE DATABASE ${src} ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0".toString()
        admin.close()
        cleanups << { pg.drop(src) }
        pg.withDatabase(src) { Sql sql ->
            sql.execute 'CREATE TABLE notes (id int PRIMARY KEY, body text, tag varchar(10))'
            // a SQL_ASCII database takes any bytes: these are stored as they are
            def bytes = { String hex -> "convert_from(decode('${hex}', 'hex'), 'SQL_ASCII')" }
            sql.execute """INSERT INTO notes VALUES (1, 'plain', 'a'), (2, ${bytes('418142')}, 'b'), (3, ${bytes('c3a920e29883')}, 'c'),
                           (4, ${bytes('efbfbd')}, 'd'), (5, ${bytes('74616209686572655c81')}, 'e'), (6, 'fine', ${bytes('ff')})""".toString()
        }
        String url
        String user
        if (to == 'H2') {
            url = "jdbc:h2:mem:ascii_${UUID.randomUUID()}"
            user = 'sa'
        } else {
            url = pg.url(database(pg, 'mig_dst'))
            user = pg.user
        }
        Sql target = Sql.newInstance(url, user, '')
        cleanups << { target.close() }
        target.execute "CREATE TABLE notes (id INT PRIMARY KEY, body ${to == 'H2' ? 'CLOB' : 'text'}, tag VARCHAR(10))".toString()
        def script = { String settings -> """\
            migration 'sql-ascii', {
                source { url '${pg.url(src)}'; user '${pg.user}' }
                target { url '${url}'; user '${user}' }
                settings { bulk ${bulk}; parallelism 1; ${settings} }
            }
            """.stripIndent() }

        when:
        def failed = Scripts.run('sql-ascii.groovy', script(''), Files.createTempDirectory('ascii'))

        then:
        failed.tables()[0].status() == TableResult.Status.FAILED
        failed.tables()[0].error() == (to == 'H2' ? "table NOTES, column BODY" : "table notes, column body") + " (row id=2): the source's text is not valid UTF-8: 0x418142"

        when:
        def result = Scripts.run('sql-ascii.groovy', script('maxRejects 5'), Files.createTempDirectory('ascii'))

        then:
        result.succeeded()
        Scripts.rejects(result.tables()[0]).collect { [it.row.id, it.column.toLowerCase(), it.reason] } == [
                [2, 'body', "the source's text is not valid UTF-8: 0x418142"],
                [5, 'body', "the source's text is not valid UTF-8: 0x74616209686572655c81"],
                [6, 'tag', "the source's text is not valid UTF-8: 0xff"],
        ]
        target.rows('SELECT id, CAST(body AS VARCHAR(20)) AS body, tag FROM notes ORDER BY id').collect { [it.id, it.body, it.tag] } ==
                [[1, 'plain', 'a'], [3, 'é ☃', 'c'], [4, '\ufffd', 'd']]

        where:
        to           | bulk
        'H2'         | true
        'H2'         | false
        'PostgreSQL' | true
        'PostgreSQL' | false
    }
}
