package dev.migrate.integration

import dev.migrate.cli.Main
import dev.migrate.connect.Database
import dev.migrate.dialect.Role
import dev.migrate.dsl.HookSpec
import dev.migrate.plan.Endpoint
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.Scripts
import dev.migrate.support.TestServer
import groovy.sql.Sql

/**
 * A hook's {@code source} handle reads and writes nothing: the tool refuses each way of writing, the database
 * refuses what gets past it, and the source is left as it was.
 */
class ReadOnlyHookSpec extends DatabaseSpecification {

    private static final String REFUSED = 'the source is read-only in hooks: %s is refused (a hook reads the source with ' +
            'SELECT, WITH, SHOW, EXPLAIN, DESCRIBE, VALUES, TABLE or PRAGMA)'

    /** A source with two accounts, a sequence (PostgreSQL) and a function that writes. */
    private String source(TestServer server) {
        String name = database(server, 'mig_ro')
        server.withDatabase(name) { Sql sql ->
            sql.execute('CREATE TABLE accounts (id int PRIMARY KEY, balance int)')
            sql.execute('INSERT INTO accounts VALUES (1, 100), (2, 200)')
            if (server.kind == 'postgres') {
                sql.execute('CREATE SEQUENCE tickets')
                sql.execute("CREATE FUNCTION bump() RETURNS int LANGUAGE sql AS 'UPDATE accounts SET balance = balance + 1 RETURNING 1'")
            } else {
                sql.execute('CREATE FUNCTION bump() RETURNS int MODIFIES SQL DATA BEGIN UPDATE accounts SET balance = balance + 1; RETURN 1; END')
            }
        }
        name
    }

    /** What happens when a hook does {@code work} with the source as a run opens it: null, or the failure's message. */
    private static String attempt(Database source, Closure work) {
        try {
            new HookSpec(work).run(source.dataSource(), source.dataSource())
            null
        } catch (Exception e) {
            e.message.readLines().first()
        }
    }

    def "a hook cannot write to a #kind source, whichever way it tries"() {
        given:
        TestServer server = server(kind)
        String name = source(server)
        Database db = Database.open(new Endpoint(server.url(name), server.user, server.password, null, [:]), Role.SOURCE, 2)
        String driverConnection = kind == 'postgres' ? 'org.postgresql.jdbc.PgConnection' : 'com.mysql.cj.jdbc.ConnectionImpl'
        String readWrite = kind == 'postgres' ? 'SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE' : 'SET SESSION TRANSACTION READ WRITE'
        String serverRefusal = kind == 'postgres' ? 'ERROR: cannot execute UPDATE in a read-only transaction'
                : 'Cannot execute statement in a READ ONLY transaction'

        expect:
        attempt(db) { source.execute 'UPDATE accounts SET balance = 0' } == String.format(REFUSED, 'UPDATE')
        attempt(db) { source.execute '/* audit */ DELETE FROM accounts' } == String.format(REFUSED, 'DELETE')
        attempt(db) { source.execute 'SELECT 1; DROP TABLE accounts' } == String.format(REFUSED, 'DROP')
        attempt(db) { source.execute readWrite } == String.format(REFUSED, 'SET')
        attempt(db) { source.executeUpdate 'DELETE FROM accounts' } == String.format(REFUSED, 'executeUpdate')
        attempt(db) { source.executeInsert 'INSERT INTO accounts VALUES (3, 300)' } == String.format(REFUSED, 'executeUpdate')
        attempt(db) { source.withBatch { it.addBatch 'DELETE FROM accounts' } } == String.format(REFUSED, 'addBatch')
        attempt(db) { source.call '{call bump()}' } == String.format(REFUSED, 'prepareCall')
        attempt(db) { source.rows 'SELECT id FROM accounts FOR UPDATE' } == String.format(REFUSED, 'UPDATE')
        attempt(db) { source.rows 'SELECT * INTO copied FROM accounts' } == String.format(REFUSED, 'INTO')
        attempt(db) { source.cacheConnection { it.readOnly = false } } == String.format(REFUSED, 'setReadOnly(false)')
        attempt(db) { source.dataSource.connection.withCloseable { it.createStatement().executeUpdate('DELETE FROM accounts') } } ==
                String.format(REFUSED, 'executeUpdate')
        attempt(db) { source.dataSource.connection.withCloseable { it.metaData.connection.readOnly = false } } ==
                String.format(REFUSED, 'setReadOnly(false)')
        attempt(db) { source.dataSource.connection.withCloseable { it.unwrap(Class.forName(driverConnection)) } } ==
                String.format(REFUSED, "unwrap(${driverConnection.tokenize('.').last()})")
        attempt(db) { source.cacheConnection { it.createStatement(1004, 1008).executeQuery('SELECT * FROM accounts') } } ==
                String.format(REFUSED, 'an updatable result set')
        attempt(db) { source.firstRow 'SELECT bump()' } == serverRefusal

        and: 'reads work'
        attempt(db) {
            assert source.rows('SELECT id, balance FROM accounts ORDER BY id').collect { it.values().toList() } == [[1, 100], [2, 200]]
            assert source.firstRow('WITH t AS (SELECT count(*) AS n FROM accounts) SELECT n FROM t').n == 2
            assert source.rows('EXPLAIN SELECT * FROM accounts')
            source.cacheConnection { assert it.readOnly }
        } == null

        and: 'nothing changed'
        server.withDatabase(name) { Sql sql -> sql.rows('SELECT id, balance FROM accounts ORDER BY id').collect { it.values().toList() } } ==
                [[1, 100], [2, 200]]
        kind != 'postgres' || attempt(db) { source.firstRow "SELECT nextval('tickets')" } == 'ERROR: cannot execute nextval() in a read-only transaction'

        cleanup:
        db?.close()

        where:
        kind << ['postgres', 'mysql']
    }

    def "a hook that writes to the source fails the run with its line"() {
        given:
        TestServer pg = server('postgres')
        String name = source(pg)
        def script = Scripts.write('writes.groovy', """\
            migration 'writes', {
                source { url '${pg.url(name)}'; user '${pg.user}' }
                target { url 'jdbc:h2:mem:writes_target'; user 'sa' }
                before {
                    source.execute 'UPDATE accounts SET balance = 0'
                }
            }
            """.stripIndent())
        PrintStream originalErr = System.err
        def err = new ByteArrayOutputStream()
        System.err = new PrintStream(err, true, 'UTF-8')

        when:
        int code = Main.execute(script.toString())

        then:
        code == 1
        err.toString('UTF-8') == "error: before hook (writes.groovy, line 5) failed: ${String.format(REFUSED, 'UPDATE')}\n"
        pg.withDatabase(name) { Sql sql -> sql.firstRow('SELECT sum(balance) AS total FROM accounts').total } == 300

        cleanup:
        System.err = originalErr
    }
}
