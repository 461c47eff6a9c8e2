package dev.migrate.integration

import dev.migrate.command.Migrate
import dev.migrate.plan.ScriptError
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.Scripts
import dev.migrate.support.TestDatabases
import dev.migrate.support.TestServer
import groovy.sql.Sql

import java.nio.file.Path

/**
 * CamelCase MySQL names into PostgreSQL under each identifiers setting: the names the catalog shows afterwards, every
 * row, the foreign keys on the folded names, what plan says, and a second run that finds the folded tables.
 */
class IdentifierCaseSpec extends DatabaseSpecification {

    private String chinook(TestServer maria) {
        String src = database(maria, 'mig_chinook')
        maria.withDatabase(src) { Sql sql ->
            sql.execute 'CREATE TABLE Artist (ArtistId INT PRIMARY KEY, Name VARCHAR(120))'
            sql.execute '''CREATE TABLE Album (AlbumId INT PRIMARY KEY, Title VARCHAR(160) NOT NULL, ArtistId INT NOT NULL,
                           INDEX IFK_AlbumArtistId (ArtistId),
                           CONSTRAINT FK_AlbumArtistId FOREIGN KEY (ArtistId) REFERENCES Artist (ArtistId))'''
            sql.execute '''CREATE TABLE Track (TrackId INT PRIMARY KEY, Name VARCHAR(200) NOT NULL, AlbumId INT, UnitPrice DECIMAL(10,2) NOT NULL,
                           INDEX IFK_TrackAlbumId (AlbumId),
                           CONSTRAINT FK_TrackAlbumId FOREIGN KEY (AlbumId) REFERENCES Album (AlbumId))'''
            sql.execute "INSERT INTO Artist VALUES (1, 'AC/DC'), (2, 'Accept')"
            sql.execute "INSERT INTO Album VALUES (1, 'For Those About To Rock', 1), (2, 'Balls to the Wall', 2), (3, 'Restless and Wild', 2)"
            sql.execute "INSERT INTO Track VALUES (1, 'For Those About To Rock', 1, 0.99), (2, 'Balls to the Wall', 2, 0.99), (3, 'Fast As a Shark', 3, 1.29)"
        }
        src
    }

    private static String script(TestServer maria, String src, TestServer pg, String dst, String settings) {
        """\
        migration 'chinook', {
            source { url '${maria.url(src)}'; user '${maria.user}' }
            target { url '${pg.url(dst)}'; user '${pg.user}' }
            settings { ${settings} }
        }
        """.stripIndent()
    }

    /** Each table's columns, in order, as the PostgreSQL catalog names them. */
    private static Map<String, List<String>> columns(Sql sql) {
        Map<String, List<String>> out = [:]
        sql.eachRow("""SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'
                       AND table_name <> 'migrate_journal' ORDER BY table_name, ordinal_position""") { out.computeIfAbsent(it.table_name) { [] } << it.column_name }
        out
    }

    /** Every foreign key: its name, table and columns, and the table and columns it refers to. */
    private static List<String> foreignKeys(Sql sql) {
        sql.rows('''SELECT c.conname, c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
                           (SELECT string_agg(attname, ',') FROM pg_attribute WHERE attrelid = c.conrelid AND attnum = ANY (c.conkey)) AS cols,
                           (SELECT string_agg(attname, ',') FROM pg_attribute WHERE attrelid = c.confrelid AND attnum = ANY (c.confkey)) AS refs
                    FROM pg_constraint c WHERE c.contype = 'f' ORDER BY c.conname''')
                .collect { "${it.conname}: ${it.child}(${it.cols}) -> ${it.parent}(${it.refs})".toString() }
    }

    private static List<String> indexes(Sql sql) {
        sql.rows("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%pkey' AND tablename <> 'migrate_journal' ORDER BY 1")*.indexname
    }

    def "under identifiers #mode the tables, columns, indexes and foreign keys get the names #album, #albumId"() {
        given:
        TestServer maria = TestDatabases.mysql()
        TestServer pg = TestDatabases.postgres()
        String src = chinook(maria)
        String dst = database(pg, 'mig_chinook')

        when:
        def result = Scripts.run('chinook.groovy', script(maria, src, pg, dst, "identifiers '${mode}'"))

        then:
        result.succeeded()
        Migrate.verify(Scripts.load('chinook.groovy', script(maria, src, pg, dst, "identifiers '${mode}'"))).equal()
        pg.withDatabase(dst) { Sql sql ->
            assert columns(sql) == expectedColumns
            assert foreignKeys(sql) == expectedKeys
            assert indexes(sql) == expectedIndexes
            assert sql.rows("SELECT * FROM \"${album}\" ORDER BY 1".toString()).collect { it.values() as List } ==
                    [[1, 'For Those About To Rock', 1], [2, 'Balls to the Wall', 2], [3, 'Restless and Wild', 2]]
            assert sql.rows("SELECT * FROM \"${track}\" ORDER BY 1".toString()).collect { it.values() as List } ==
                    [[1, 'For Those About To Rock', 1, 0.99], [2, 'Balls to the Wall', 2, 0.99], [3, 'Fast As a Shark', 3, 1.29]]
            assert sql.rows("SELECT * FROM \"${artist}\" ORDER BY 1".toString()).collect { it.values() as List } == [[1, 'AC/DC'], [2, 'Accept']]
            true
        }

        where:
        mode         | album   | track   | artist   | albumId   || expectedColumns                                                                                                                                  | expectedKeys                                                                                                                                        | expectedIndexes
        'AS_IS'      | 'Album' | 'Track' | 'Artist' | 'AlbumId' || [Album: ['AlbumId', 'Title', 'ArtistId'], Artist: ['ArtistId', 'Name'], Track: ['TrackId', 'Name', 'AlbumId', 'UnitPrice']]                   | ['FK_AlbumArtistId: "Album"(ArtistId) -> "Artist"(ArtistId)', 'FK_TrackAlbumId: "Track"(AlbumId) -> "Album"(AlbumId)']                            | ['IFK_AlbumArtistId', 'IFK_TrackAlbumId']
        'LOWER'      | 'album' | 'track' | 'artist' | 'albumid' || [album: ['albumid', 'title', 'artistid'], artist: ['artistid', 'name'], track: ['trackid', 'name', 'albumid', 'unitprice']]                   | ['fk_albumartistid: album(artistid) -> artist(artistid)', 'fk_trackalbumid: track(albumid) -> album(albumid)']                                    | ['ifk_albumartistid', 'ifk_trackalbumid']
        'SNAKE_CASE' | 'album' | 'track' | 'artist' | 'album_id'|| [album: ['album_id', 'title', 'artist_id'], artist: ['artist_id', 'name'], track: ['track_id', 'name', 'album_id', 'unit_price']]          | ['fk_album_artist_id: album(artist_id) -> artist(artist_id)', 'fk_track_album_id: track(album_id) -> album(album_id)']                            | ['ifk_album_artist_id', 'ifk_track_album_id']
    }

    def "plan lists each name the setting changes, and only those"() {
        given:
        TestServer maria = TestDatabases.mysql()
        TestServer pg = TestDatabases.postgres()
        String src = chinook(maria)
        String dst = database(pg, 'mig_chinook')
        Path file = Scripts.write('chinook-plan.groovy', script(maria, src, pg, dst, "identifiers 'SNAKE_CASE'"))

        when:
        def plan = Scripts.execute('plan', file.toString(), '--results', Scripts.tempDir('names').toString())
        def asIs = Scripts.execute('plan', file.toString(), '--identifiers', 'AS_IS', '--results', Scripts.tempDir('names').toString())

        then:
        plan.code == 0
        plan.out.contains('''\
            |Names the target gets (identifiers): 3 tables, 9 columns renamed
            |  Album → album
            |  Album.AlbumId → album.album_id
            |  Album.Title → album.title
            |  Album.ArtistId → album.artist_id
            |  Artist → artist
            |  Artist.ArtistId → artist.artist_id
            |  Artist.Name → artist.name
            |  Track → track
            |  Track.TrackId → track.track_id
            |  Track.Name → track.name
            |  Track.AlbumId → track.album_id
            |  Track.UnitPrice → track.unit_price
            |'''.stripMargin())
        plan.out.contains('  CREATE TABLE "public"."album" (\n      "album_id" integer NOT NULL,')
        asIs.code == 0
        !asIs.out.contains('Names the target gets')
        asIs.out.contains('  CREATE TABLE "public"."Album" (\n      "AlbumId" integer NOT NULL,')
    }

    def "a second run in mode MERGE finds the folded tables, keeps their rows and updates them by key"() {
        given:
        TestServer maria = TestDatabases.mysql()
        TestServer pg = TestDatabases.postgres()
        String src = chinook(maria)
        String dst = database(pg, 'mig_chinook')
        pg.withDatabase(dst) { Sql sql ->
            sql.execute 'CREATE TABLE artist (artist_id int PRIMARY KEY, name text)'
            sql.execute "INSERT INTO artist VALUES (2, 'old name'), (9, 'kept')"
        }
        String text = script(maria, src, pg, dst, "identifiers 'SNAKE_CASE'; mode MERGE")

        when:
        def first = Scripts.run('chinook-merge.groovy', text)
        maria.withDatabase(src) { Sql sql -> sql.execute "UPDATE Track SET UnitPrice = 0.89 WHERE TrackId = 3" }
        def second = Scripts.run('chinook-merge.groovy', text)

        then:
        first.succeeded()
        second.succeeded()
        pg.withDatabase(dst) { Sql sql ->
            assert sql.rows('SELECT * FROM artist ORDER BY 1').collect { it.values() as List } == [[1, 'AC/DC'], [2, 'Accept'], [9, 'kept']]
            assert sql.rows('SELECT track_id, unit_price FROM track ORDER BY 1').collect { it.values() as List } == [[1, 0.99], [2, 0.99], [3, 0.89]]
            assert columns(sql).keySet() == ['album', 'artist', 'track'] as Set
            true
        }
    }

    def "two source columns that fold to one name stop the run before it changes anything, naming both"() {
        given:
        TestServer maria = TestDatabases.mysql()
        TestServer pg = TestDatabases.postgres()
        String src = database(maria, 'mig_twins')
        maria.withDatabase(src) { Sql sql ->
            sql.execute 'CREATE TABLE Customer (CustomerId INT PRIMARY KEY, UserName VARCHAR(20), user_name VARCHAR(20))'
        }
        String dst = database(pg, 'mig_twins')

        when:
        Scripts.run('twins.groovy', script(maria, src, pg, dst, "identifiers 'SNAKE_CASE'"))

        then:
        ScriptError e = thrown()
        e.message == "(twins.groovy, line 1) table Customer: columns 'UserName' and 'user_name' both become 'user_name' under identifiers SNAKE_CASE;" +
                " give one of them a name of its own: rename 'user_name', to: '...'"
        pg.withDatabase(dst) { Sql sql -> sql.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'") } == []
    }

    def "a name the script writes is taken as written, and two tables that fold to one name are an error naming both"() {
        given:
        TestServer maria = TestDatabases.mysql()
        TestServer pg = TestDatabases.postgres()
        String src = chinook(maria)
        maria.withDatabase(src) { Sql sql -> sql.execute 'CREATE TABLE album (id INT PRIMARY KEY)' }
        String dst = database(pg, 'mig_chinook')
        String base = script(maria, src, pg, dst, "identifiers LOWER")

        when:
        Scripts.run('fold-twins.groovy', base)

        then:
        ScriptError e = thrown()
        e.message == "(fold-twins.groovy, line 1) tables 'Album' and 'album' both become 'album' under identifiers LOWER;" +
                " give one of them a name of its own: table('album', to: '...')"

        when: 'the second table is gone, and the script names the first and one of its columns itself'
        maria.withDatabase(src) { Sql sql -> sql.execute 'DROP TABLE album' }
        def result = Scripts.run('fold-renamed.groovy', base.replace("settings {", "tables ALL\n    table('Album', to: 'Albums') { rename 'Title', to: 'AlbumTitle' }\n    settings {"))

        then:
        result.succeeded()
        pg.withDatabase(dst) { Sql sql -> columns(sql) } ==
                [Albums: ['albumid', 'AlbumTitle', 'artistid'], artist: ['artistid', 'name'], track: ['trackid', 'name', 'albumid', 'unitprice']]
    }

    def "under LOWER, columns Name and name of one table are an error naming both, before any table is made"() {
        given:
        String src = "jdbc:h2:mem:twins_${UUID.randomUUID()}"
        String dst = "jdbc:h2:mem:twins_${UUID.randomUUID()}"
        Sql source = Sql.newInstance(src, 'sa', '')
        Sql target = Sql.newInstance(dst, 'sa', '')
        cleanups << { source.close(); target.close() }
        source.execute 'CREATE TABLE "People" ("Id" INT PRIMARY KEY, "Name" VARCHAR(20), "name" VARCHAR(20))'

        when:
        Scripts.run('lower-twins.groovy', """\
            migration 'twins', {
                source { url '${src}'; user 'sa' }
                target { url '${dst}'; user 'sa' }
                settings { identifiers LOWER }
            }
            """.stripIndent())

        then:
        ScriptError e = thrown()
        e.message == "(lower-twins.groovy, line 1) table People: columns 'Name' and 'name' both become 'name' under identifiers LOWER;" +
                " give one of them a name of its own: rename 'name', to: '...'"
        target.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC'") == []
    }
}
