package dev.migrate.integration

import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.Scripts
import dev.migrate.support.TestDatabases
import dev.migrate.support.TestServer
import groovy.sql.Sql

/** Names are read from the source's catalog exactly as the database spells them. */
class SourceNamesSpec extends DatabaseSpecification {

    def "column names with spaces at an end are read as the source spells them and moved as they are"() {
        given:
        TestServer pg = TestDatabases.postgres()
        String src = database(pg, 'mig_src')
        String dst = database(pg, 'mig_dst')
        pg.withDatabase(src) { Sql sql -> sql.execute('''
            CREATE TABLE orders (id int PRIMARY KEY, "note " text, " code" text UNIQUE);
            CREATE TABLE lines (id int PRIMARY KEY, "order " int REFERENCES orders (id));
            INSERT INTO orders VALUES (1, 'spaced', 'c1');
            INSERT INTO lines VALUES (10, 1);
            ''') }

        when:
        def result = Scripts.run('spaces.groovy', """\
            migration 'spaces', {
                source { url '${pg.url(src)}'; user '${pg.user}' }
                target { url '${pg.url(dst)}'; user '${pg.user}' }
            }
            """.stripIndent())

        then:
        result.succeeded()
        pg.withDatabase(dst) { Sql sql -> sql.rows('SELECT * FROM orders').collect { it as Map } } == [[id: 1, 'note ': 'spaced', ' code': 'c1']]
        pg.withDatabase(dst) { Sql sql -> sql.rows('SELECT * FROM lines').collect { it as Map } } == [[id: 10, 'order ': 1]]
        pg.withDatabase(dst) { Sql sql -> sql.rows("SELECT pg_get_constraintdef(oid) AS c FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace")*.c } ==
                ['FOREIGN KEY ("order ") REFERENCES orders(id)']
        pg.withDatabase(dst) { Sql sql -> sql.rows("SELECT indexdef AS i FROM pg_indexes WHERE tablename = 'orders' AND indexdef LIKE '%UNIQUE%code%'")*.i } ==
                ['CREATE UNIQUE INDEX "orders_ code_key" ON public.orders USING btree (" code")']
    }

    def "a MariaDB column whose name begins with a space is read and moved as it is"() {
        given:
        TestServer maria = TestDatabases.mysql()
        TestServer pg = TestDatabases.postgres()
        String src = database(maria, 'mig_src')
        String dst = database(pg, 'mig_dst')
        maria.withDatabase(src) { Sql sql ->
            sql.execute('CREATE TABLE items (id int PRIMARY KEY, ` code` varchar(10) NOT NULL)')
            sql.execute("INSERT INTO items VALUES (1, 'c1')")
        }

        when:
        def result = Scripts.run('leading.groovy', """\
            migration 'leading', {
                source { url '${maria.url(src)}'; user '${maria.user}' }
                target { url '${pg.url(dst)}'; user '${pg.user}' }
            }
            """.stripIndent())

        then:
        result.succeeded()
        pg.withDatabase(dst) { Sql sql -> sql.rows('SELECT * FROM items').collect { it as Map } } == [[id: 1, ' code': 'c1']]
    }
}
