package dev.migrate.examples

import dev.migrate.command.Migrate
import dev.migrate.dsl.ScriptContext
import dev.migrate.dsl.ScriptLoader
import dev.migrate.engine.ProgressListener
import dev.migrate.plan.Settings
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.TestDatabases
import dev.migrate.support.TestServer
import groovy.sql.Sql

import java.nio.file.Path

/** The examples whose point needs PostgreSQL and MariaDB run against the test servers, their URLs given through env(). */
class ServerExamplesSpec extends DatabaseSpecification {

    static final Path EXAMPLES = Path.of('dsl-examples')

    private static def load(String example, Map<String, String> environment) {
        ScriptContext context = new ScriptContext(example, null, Settings.DEFAULTS)
        context.environment = environment
        new ScriptLoader().load(EXAMPLES.resolve(example), context)
    }

    def "the whole-database copy moves every MariaDB table into PostgreSQL under snake_case names, merges into the rows there, and a second run changes nothing"() {
        given:
        TestServer maria = TestDatabases.mysql()
        TestServer pg = TestDatabases.postgres()
        String src = database(maria, 'mig_whole')
        String dst = database(pg, 'mig_whole')
        maria.withDatabase(src) { Sql sql ->
            sql.execute 'CREATE TABLE Artist (ArtistId INT PRIMARY KEY, Name VARCHAR(120))'
            sql.execute '''CREATE TABLE Album (AlbumId INT PRIMARY KEY, Title VARCHAR(160) NOT NULL, ArtistId INT NOT NULL,
                           CONSTRAINT FK_AlbumArtistId FOREIGN KEY (ArtistId) REFERENCES Artist (ArtistId))'''
            sql.execute 'CREATE TABLE tmp_import (id INT PRIMARY KEY)'
            sql.execute "INSERT INTO Artist VALUES (1, 'AC/DC'), (2, 'Accept'), (3, 'Aerosmith')"
            sql.execute """INSERT INTO Album VALUES (1, 'For Those About To Rock', 1), (2, 'Balls to the Wall', 2),
                           (3, 'Restless and Wild', 2), (4, 'Let There Be Rock', 1), (5, 'Big Ones', 3)"""
            sql.execute 'INSERT INTO tmp_import VALUES (1)'
        }
        pg.withDatabase(dst) { Sql sql ->
            sql.execute 'CREATE TABLE artist (artist_id int PRIMARY KEY, name text)'
            sql.execute "INSERT INTO artist VALUES (2, 'Accept (old name)'), (99, 'only in the target')"
        }
        Map<String, String> env = [SOURCE_URL: maria.url(src), SOURCE_USER: maria.user, TARGET_URL: pg.url(dst), TARGET_USER: pg.user,
                                   PARTITION_ROWS: '2']

        when:
        def first = Migrate.run(load('whole-database-copy.groovy', env), ProgressListener.NONE)
        def second = Migrate.run(load('whole-database-copy.groovy', env), ProgressListener.NONE)

        then:
        first.succeeded()
        second.succeeded()
        first.tables().collect { [it.table(), it.rowsRead(), it.rowsWritten()] } == [['artist', 3L, 3L], ['album', 5L, 5L]]
        first.tables().find { it.table() == 'album' }.partitions() == 3
        pg.withDatabase(dst) { Sql sql ->
            assert sql.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")*.table_name ==
                    ['album', 'artist', 'migrate_journal']
            assert sql.rows('SELECT * FROM artist ORDER BY 1').collect { it.values() as List } ==
                    [[1, 'AC/DC'], [2, 'Accept'], [3, 'Aerosmith'], [99, 'only in the target']]
            assert sql.rows('SELECT * FROM album ORDER BY 1').collect { it.values() as List } ==
                    [[1, 'For Those About To Rock', 1], [2, 'Balls to the Wall', 2], [3, 'Restless and Wild', 2], [4, 'Let There Be Rock', 1], [5, 'Big Ones', 3]]
            assert sql.rows("SELECT conname FROM pg_constraint WHERE contype = 'f'")*.conname == ['fk_album_artist_id']
            true
        }
    }
}
