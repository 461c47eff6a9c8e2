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

    /** A MariaDB table of one charset's single bytes (from {@code from}), stored as they are: {@code b} names the byte. */
    private static void singleBytes(Sql sql, String charset, int from) {
        sql.execute "CREATE TABLE chars (b INT PRIMARY KEY, v VARCHAR(4) CHARACTER SET ${charset})".toString()
        (from..255).each { sql.execute("INSERT INTO chars VALUES (?, CONVERT(? USING ${charset}))".toString(), [it, [it as byte] as byte[]]) }
    }

    /** What MariaDB itself reads each byte as; null where it has no character for it (and shows '?'). */
    private static Map<Integer, String> serverReading(Sql sql) {
        sql.rows('SELECT b, HEX(CONVERT(v USING utf8mb4)) AS u FROM chars ORDER BY b').collectEntries {
            String text = new String(it.u.decodeHex(), 'UTF-8')
            [it.b, text == '?' && it.b != 0x3f ? null : text]
        }
    }

    private static String codePoints(String s) {
        s.codePoints().toArray().collect { String.format('U+%04X', it) }.join(' ')
    }

    def "every byte of a latin1 column arrives as MariaDB reads it, in #to (0x81 as U+0081, 0x80 as U+20AC)"() {
        given:
        TestServer my = TestDatabases.mysql()
        TestServer target = server(to)
        String src = database(my, 'mig_src')
        String dst = database(target, 'mig_dst')
        // PostgreSQL text cannot hold NUL: that byte is left out where it goes
        int first = to == 'postgres' ? 1 : 0
        Map<Integer, String> expected = my.withDatabase(src) { Sql sql -> singleBytes(sql, 'latin1', first); serverReading(sql) }
        target.withDatabase(dst) { Sql sql ->
            sql.execute to == 'postgres' ? 'CREATE TABLE chars (b int PRIMARY KEY, v text)' : 'CREATE TABLE chars (b INT PRIMARY KEY, v VARCHAR(4))'
        }

        when:
        def result = Scripts.run('latin1.groovy', """\
            migration 'latin1', {
                source { url '${my.url(src)}'; user '${my.user}' }
                target { url '${target.url(dst)}'; user '${target.user}' }
                settings { bulk ${bulk} }
            }
            """.stripIndent())

        then:
        result.succeeded()
        expected.values().every { it != null }
        expected[0x81] == '\u0081' && expected[0x8d] == '\u008d' && expected[0x8f] == '\u008f' && expected[0x90] == '\u0090' && expected[0x9d] == '\u009d'
        expected[0x80] == '\u20ac'
        Map<Integer, String> arrived = target.withDatabase(dst) { Sql sql -> sql.rows('SELECT b, v FROM chars ORDER BY b').collectEntries { [it.b, it.v] } }
        arrived.collect { b, v -> "${b}: ${codePoints(v)}" } == expected.collect { b, v -> "${b}: ${codePoints(v)}" }

        where:
        to         | bulk
        'postgres' | true
        'postgres' | false
        'mysql'    | true
        'mysql'    | false
    }

    def "#charset characters arrive as MariaDB reads them; a byte that is no #charset character is rejected with its row and column"() {
        given:
        TestServer my = TestDatabases.mysql()
        TestServer pg = TestDatabases.postgres()
        String src = database(my, 'mig_src')
        String dst = database(pg, 'mig_dst')
        Map<Integer, String> expected = my.withDatabase(src) { Sql sql -> singleBytes(sql, charset, 1); serverReading(sql) }
        pg.withDatabase(dst) { Sql sql -> sql.execute 'CREATE TABLE chars (b int PRIMARY KEY, v text)' }

        when:
        def result = Scripts.run("${charset}.groovy", """\
            migration '${charset}', {
                source { url '${my.url(src)}'; user '${my.user}' }
                target { url '${pg.url(dst)}'; user '${pg.user}' }
                settings { maxRejects 255 }
            }
            """.stripIndent(), Files.createTempDirectory('charsets'))

        then:
        result.succeeded()
        List<Integer> undefined = expected.findAll { it.value == null }*.key
        undefined.collect { String.format('%02X', it) } == notCharacters
        Map<Integer, String> arrived = pg.withDatabase(dst) { Sql sql -> sql.rows('SELECT b, v FROM chars ORDER BY b').collectEntries { [it.b, it.v] } }
        arrived.collect { b, v -> "${b}: ${codePoints(v)}" } == expected.findAll { it.value != null }.collect { b, v -> "${b}: ${codePoints(v)}" }
        Scripts.rejects(result.tables()[0]).collect { [it.row.b, it.column, it.reason, it.row.v] } == undefined.collect {
            String hex = String.format('0x%02x', it)
            [it, 'v', "the source's text is not valid ${charset}: ${hex}".toString(), hex]
        }

        where:
        charset  | notCharacters
        'cp1250' | ['81', '83', '88', '90', '98']
        'cp1251' | ['98']
        'greek'  | ['A4', 'A5', 'AA', 'AE', 'D2', 'FF']
        'ascii'  | (0x80..0xff).collect { String.format('%02X', it) }
    }

    def "Japanese text in a sjis column arrives as MariaDB reads it"() {
        given:
        TestServer my = TestDatabases.mysql()
        TestServer pg = TestDatabases.postgres()
        String src = database(my, 'mig_src')
        String dst = database(pg, 'mig_dst')
        String text = '日本語のテキスト、ｶﾀｶﾅ ~ \\'
        my.withDatabase(src) { Sql sql ->
            sql.execute 'CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(40) CHARACTER SET sjis)'
            sql.execute 'INSERT INTO notes VALUES (1, ?)', [text]
        }
        String expected = my.withDatabase(src) { Sql sql -> new String(sql.firstRow('SELECT HEX(CONVERT(body USING utf8mb4)) AS u FROM notes').u.decodeHex(), 'UTF-8') }
        pg.withDatabase(dst) { Sql sql -> sql.execute 'CREATE TABLE notes (id int PRIMARY KEY, body text)' }

        when:
        def result = Scripts.run('sjis.groovy', """\
            migration 'sjis', {
                source { url '${my.url(src)}'; user '${my.user}' }
                target { url '${pg.url(dst)}'; user '${pg.user}' }
            }
            """.stripIndent())

        then:
        result.succeeded()
        expected == text
        pg.withDatabase(dst) { Sql sql -> sql.firstRow('SELECT body FROM notes').body } == text
    }

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

    def "H2 text holding a lone UTF-16 surrogate, which is no character, is rejected on its way into #kind instead of written as '?'"() {
        given:
        String h2 = "jdbc:h2:mem:lone_${UUID.randomUUID()}"
        Sql source = Sql.newInstance(h2, 'sa', '')
        cleanups << { source.close() }
        source.execute 'CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(20))'
        [[1, 'plain'], [2, 'half \ud83d'], [3, 'whole \ud83d\ude00']].each { source.execute 'INSERT INTO notes VALUES (?, ?)', it }
        TestServer target = server(kind == 'PostgreSQL' ? 'postgres' : 'mysql')
        String dst = database(target, 'mig_dst')
        target.withDatabase(dst) { Sql sql -> sql.execute 'CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(20))' }

        when:
        def result = Scripts.run('lone.groovy', """\
            migration 'lone', {
                source { url '${h2}'; user 'sa' }
                target { url '${target.url(dst)}'; user '${target.user}' }
                settings { maxRejects 1; bulk ${bulk} }
            }
            """.stripIndent(), Files.createTempDirectory('lone'))

        then:
        result.succeeded()
        Scripts.rejects(result.tables()[0]).collect { [it.row.ID, it.column, it.reason] } ==
                [[2, 'body', "${kind == 'PostgreSQL' ? 'PostgreSQL' : 'MySQL'} text cannot hold a lone UTF-16 surrogate (U+D83D), which is no character (${type})".toString()]]
        target.withDatabase(dst) { Sql sql -> sql.rows('SELECT id, body FROM notes ORDER BY id').collect { [it.id, it.body] } } ==
                [[1, 'plain'], [3, 'whole \ud83d\ude00']]

        where:
        kind         | bulk  | type
        'PostgreSQL' | true  | 'varchar(20)'
        'PostgreSQL' | false | 'varchar(20)'
        'MariaDB'    | true  | 'VARCHAR(20)'
        'MariaDB'    | false | 'VARCHAR(20)'
    }

    def "text into MariaDB columns of other character sets is stored as their characters, by #method"() {
        given:
        String h2 = "jdbc:h2:mem:into_${UUID.randomUUID()}"
        Sql source = Sql.newInstance(h2, 'sa', '')
        cleanups << { source.close() }
        source.execute 'CREATE TABLE notes (id INT PRIMARY KEY, western VARCHAR(20), central VARCHAR(20), raw VARBINARY(10))'
        source.execute 'INSERT INTO notes VALUES (?, ?, ?, ?)', [1, 'é € ü', 'Řé € ž', [0xff, 0x81, 0x00, 0x5c] as byte[]]
        TestServer my = TestDatabases.mysql()
        String dst = database(my, 'mig_dst')
        my.withDatabase(dst) { Sql sql ->
            sql.execute '''CREATE TABLE notes (id INT PRIMARY KEY, western VARCHAR(20) CHARACTER SET latin1,
                           central VARCHAR(20) CHARACTER SET cp1250, raw VARBINARY(10))'''
        }

        when:
        def result = Scripts.run('into-charsets.groovy', """\
            migration 'into-charsets', {
                source { url '${h2}'; user 'sa' }
                target { url '${my.url(dst)}'; user '${my.user}' }
                settings { bulk ${method == 'LOAD DATA LOCAL INFILE'} }
            }
            """.stripIndent())

        then:
        result.succeeded()
        result.tables()[0].method() == method
        my.withDatabase(dst) { Sql sql -> sql.firstRow('SELECT HEX(western) AS w, HEX(central) AS c, HEX(raw) AS r FROM notes').with { [it.w, it.c, it.r] } } ==
                ['E9208020FC', 'D8E92080209E', 'FF81005C']

        where:
        method << ['LOAD DATA LOCAL INFILE', 'JDBC batches']
    }
}
