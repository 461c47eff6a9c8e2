package dev.migrate.integration

import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.Scripts
import dev.migrate.support.TestServer
import groovy.sql.Sql

import java.nio.file.Files
import java.sql.DriverManager

/**
 * A Chinook-shaped SQLite database (PascalCase names, NVARCHAR, NUMERIC, DATETIME, foreign keys, indexes)
 * moved into empty PostgreSQL, MariaDB and H2 databases: the tables, keys and indexes are created and every
 * value arrives.
 */
class SampleDatabaseSpec extends DatabaseSpecification {

    static final String CHINOOK = '''
        CREATE TABLE [Artist] ([ArtistId] INTEGER NOT NULL, [Name] NVARCHAR(120), CONSTRAINT [PK_Artist] PRIMARY KEY ([ArtistId]));
        CREATE TABLE [Album] ([AlbumId] INTEGER NOT NULL, [Title] NVARCHAR(160) NOT NULL, [ArtistId] INTEGER NOT NULL,
            CONSTRAINT [PK_Album] PRIMARY KEY ([AlbumId]), FOREIGN KEY ([ArtistId]) REFERENCES [Artist] ([ArtistId]));
        CREATE INDEX [IFK_AlbumArtistId] ON [Album] ([ArtistId]);
        CREATE TABLE [Invoice] ([InvoiceId] INTEGER NOT NULL, [InvoiceDate] DATETIME NOT NULL, [Total] NUMERIC(10,2) NOT NULL,
            CONSTRAINT [PK_Invoice] PRIMARY KEY ([InvoiceId]));
        CREATE UNIQUE INDEX [UX_InvoiceDate] ON [Invoice] ([InvoiceDate]);
        INSERT INTO Artist VALUES (1, 'AC/DC'), (2, 'Accept'), (3, NULL), (4, 'Björk 🎵');
        INSERT INTO Album VALUES (1, 'For Those About To Rock We Salute You', 1), (2, 'Balls to the Wall', 2), (3, 'Restless and Wild', 2);
        INSERT INTO Invoice VALUES (1, '2009-01-01 00:00:00', 1.98), (2, '2009-01-02 13:45:10', 13.86);
        '''

    static final Map<String, List<List<Object>>> ROWS = [
            Artist : [[1L, 'AC/DC'], [2L, 'Accept'], [3L, null], [4L, 'Björk 🎵']],
            Album  : [[1L, 'For Those About To Rock We Salute You', 1L], [2L, 'Balls to the Wall', 2L], [3L, 'Restless and Wild', 2L]],
            Invoice: [[1L, '2009-01-01T00:00', new BigDecimal('1.98')], [2L, '2009-01-02T13:45:10', new BigDecimal('13.86')]]]

    private String sqlite() {
        def file = Files.createTempFile('chinook', '.db')
        cleanups << { Files.deleteIfExists(file) }
        def c = DriverManager.getConnection("jdbc:sqlite:${file}")
        CHINOOK.split(';').findAll { it.trim() }.each { c.createStatement().execute(it) }
        c.close()
        "jdbc:sqlite:${file}"
    }

    private static List<List<Object>> rows(Sql sql, String table, String quote) {
        sql.rows("SELECT * FROM ${quote}${table}${quote} ORDER BY 1".toString()).collect { row ->
            row.values().collect { v -> v instanceof Number && !(v instanceof BigDecimal) ? (v as Long)
                    : v instanceof java.sql.Timestamp ? v.toLocalDateTime().toString() : v instanceof java.time.LocalDateTime ? v.toString() : v }
        }
    }

    def "the Chinook shape moves from SQLite into an empty #kind database"() {
        given:
        String sourceUrl = sqlite()
        String url
        String user
        Closure<Sql> open
        if (kind == 'H2') {
            url = "jdbc:h2:mem:chinook_${UUID.randomUUID()}"
            user = 'sa'
            Sql keep = Sql.newInstance(url, 'sa', '')
            cleanups << { keep.close() }
            open = { Sql.newInstance(url, 'sa', '') }
        } else {
            TestServer server = server(kind == 'PostgreSQL' ? 'postgres' : 'mysql')
            String db = database(server, 'mig_chinook')
            url = server.url(db)
            user = server.user
            open = { server.connect(db) }
        }

        when:
        def result = Scripts.run('chinook.groovy', """\
            migration 'chinook', {
                source { url '${sourceUrl}' }
                target { url '${url}'; user '${user}' }
            }
            """.stripIndent())
        Sql target = open()

        then:
        result.succeeded()
        result.tables()*.table() as Set == ['Artist', 'Album', 'Invoice'] as Set
        ROWS.every { table, expected -> rows(target, table, quote) == expected }

        when: 'the keys were created after the load'
        target.execute("INSERT INTO ${quote}Album${quote} VALUES (9, 'Nobody', 42)".toString())

        then:
        thrown(java.sql.SQLException)

        when: 'and the unique index'
        target.execute("INSERT INTO ${quote}Invoice${quote} VALUES (9, '2009-01-01 00:00:00', 1)".toString())

        then:
        thrown(java.sql.SQLException)

        cleanup:
        target?.close()

        where:
        kind         | quote
        'PostgreSQL' | '"'
        'MariaDB'    | '`'
        'H2'         | '"'
    }
}
