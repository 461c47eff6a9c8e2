package dev.migrate.integration

import dev.migrate.cli.Main
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.Scripts
import dev.migrate.support.TestDatabases
import dev.migrate.support.TestServer
import groovy.sql.Sql

import java.nio.file.Files

class ScaffoldSpec extends DatabaseSpecification {

    def "a scaffold of identical schemas runs as it is and migrates everything"() {
        given:
        TestServer pg = TestDatabases.postgres()
        String src = database(pg, 'mig_src')
        String dst = database(pg, 'mig_dst')
        String ddl = '''CREATE TABLE authors (id int PRIMARY KEY, name text NOT NULL);
                        CREATE TABLE books (id int PRIMARY KEY, author_id int REFERENCES authors(id), title varchar(100));'''
        pg.withDatabase(src) { Sql sql ->
            sql.execute(ddl)
            sql.execute("INSERT INTO authors VALUES (1, 'Le Guin'), (2, 'Lem'); INSERT INTO books VALUES (1, 1, 'The Dispossessed'), (2, 2, 'Solaris')")
        }
        pg.withDatabase(dst) { Sql sql -> sql.execute(ddl) }
        def out = Files.createTempFile('scaffold', '.groovy')

        when:
        int code = Main.execute('scaffold', '--source', pg.url(src), '--source-user', 'postgres', '--target', pg.url(dst),
                '--target-user', 'postgres', '--name', 'library', '--out', out.toString())
        def script = Files.readString(out)
        def result = Scripts.run('library.groovy', script)

        then:
        code == 0
        script.contains("migration 'library', {")
        script.contains("password env('MIGRATE_SOURCE_PASSWORD', '')")
        script.indexOf("table('authors')") < script.indexOf("table('books')")
        !script.contains('// TODO')
        result.succeeded()
        pg.withDatabase(dst) { Sql sql -> sql.rows('SELECT b.title, a.name FROM books b JOIN authors a ON a.id = b.author_id ORDER BY b.id').collect { it as Map } } ==
                [[title: 'The Dispossessed', name: 'Le Guin'], [title: 'Solaris', name: 'Lem']]
    }

    def "a scaffold writes a line for each rename found and a TODO with the choices for each breaking difference"() {
        given:
        TestServer pg = TestDatabases.postgres()
        String src = database(pg, 'mig_src')
        String dst = database(pg, 'mig_dst')
        pg.withDatabase(src) { Sql sql -> sql.execute('CREATE TABLE "Person" ("PersonId" int PRIMARY KEY, "Name" varchar(100), age int, old_code text)') }
        pg.withDatabase(dst) { Sql sql -> sql.execute('CREATE TABLE person (person_id int PRIMARY KEY, name varchar(40), age bigint)') }
        def out = Files.createTempFile('scaffold', '.groovy')

        when:
        Main.execute('scaffold', '--source', pg.url(src), '--source-user', 'postgres', '--target', pg.url(dst),
                '--target-user', 'postgres', '--out', out.toString())

        then:
        Files.readString(out).contains('''\
            |    table('Person') {
            |        // age: type INTEGER -> BIGINT (wider integer)
            |        rename 'PersonId', to: 'person_id'
            |        // TODO name: type VARCHAR(100) -> VARCHAR(40): shorter text: values longer than 40 would not fit
            |        //   column('name') { it }                         // keep the value; a value that does not fit fails its row
            |        //   column('name') { it?.take(40) }          // or cut it to fit
            |        //   ignore 'name'                                 // or leave its data behind
            |        // TODO old_code: no target column
            |        //   rename 'old_code', to: 'target_column'           // it goes into another column
            |        //   ignore 'old_code'                                // its data is left behind
            |    }
            |'''.stripMargin())
    }
}
