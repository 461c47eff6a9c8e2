package dev.migrate.connect

import dev.migrate.cli.Main
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.Scripts
import dev.migrate.support.TestServer
import groovy.sql.Sql

import java.nio.file.Files
import java.nio.file.Path

/**
 * A target database the server lacks: named with the statement that creates it, or created by a run when the target
 * says {@code createDatabase true} — never by {@code plan} or a dry run, and never dropped.
 */
class CreateDatabaseSpec extends DatabaseSpecification {

    PrintStream originalErr = System.err
    ByteArrayOutputStream err = new ByteArrayOutputStream()
    Path results = Files.createTempDirectory('results')
    String id = UUID.randomUUID().toString().replace('-', '').substring(0, 8)

    def setup() {
        System.err = new PrintStream(err, true, 'UTF-8')
    }

    def cleanup() {
        System.err = originalErr
    }

    private String stderr() {
        err.toString('UTF-8')
    }

    /** A source database holding two rows, and the name of a target database that does not exist (dropped afterwards). */
    private String script(TestServer server, String target, String targetWords) {
        String source = database(server, 'mig_src')
        server.withDatabase(source) { Sql sql ->
            sql.execute 'CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20))'
            sql.execute "INSERT INTO items VALUES (1, 'one'), (2, 'two')"
        }
        cleanups << { server.drop(server.kind == 'postgres' ? "\"${target}\"" : "`${target}`") }
        Scripts.write("create_${id}.groovy", """\
            migration 'create', {
                source { url '${server.url(source)}'; user '${server.user}' }
                target { url '${server.url(target)}'; user '${server.user}'${targetWords} }
                settings { mode MERGE }
            }
            """.stripIndent()).toString()
    }

    private static boolean exists(TestServer server, String name) {
        Sql sql = server.kind == 'postgres' ? Sql.newInstance("${server.baseUrl}/postgres", server.user, server.password ?: '')
                : Sql.newInstance("${server.baseUrl}/?allowPublicKeyRetrieval=true&useSSL=false", server.user, server.password ?: '')
        try {
            server.kind == 'postgres' ? sql.firstRow('SELECT 1 FROM pg_database WHERE datname = ?', [name]) != null
                    : sql.firstRow('SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [name]) != null
        } finally {
            sql.close()
        }
    }

    private static String address(TestServer server) {
        server.baseUrl.replaceFirst('jdbc:[a-z]+://', '')
    }

    private static String statement(TestServer server, String name) {
        server.kind == 'postgres' ? "CREATE DATABASE \"${name}\"" : "CREATE DATABASE `${name}`"
    }

    def "a target database that does not exist is named with the statement that creates it: #kind"() {
        given:
        TestServer server = server(kind)
        String target = "mig-new-${id}"
        String file = script(server, target, '')

        when:
        int code = Main.execute(file, '--results', results.toString())

        then:
        code == 1
        stderr() == ("error: cannot connect to the target ${server.url(target)}: database ${target} does not exist on ${address(server)};"
                + " create it (${statement(server, target)}) or add `createDatabase true` to the target connection\n")
        !exists(server, target)

        where:
        kind << ['postgres', 'mysql']
    }

    def "plan and a dry run with createDatabase true create nothing, and say that a run would: #kind #command"() {
        given:
        TestServer server = server(kind)
        String target = "mig-new-${id}"
        String file = script(server, target, '; createDatabase true')

        when:
        int code = Main.execute(*(command + [file, '--results', results.toString()]))

        then:
        code == 1
        stderr() == ("error: cannot connect to the target ${server.url(target)}: database ${target} does not exist on ${address(server)};"
                + " a run would create it (createDatabase true)\n")
        !exists(server, target)

        where:
        kind       | command
        'postgres' | ['plan']
        'postgres' | ['run', '--dry-run']
        'mysql'    | ['plan']
        'mysql'    | ['run', '--dry-run']
    }

    def "a run with createDatabase true creates the missing target database, moves the rows into it, and leaves it there the next time: #kind"() {
        given:
        TestServer server = server(kind)
        String target = "mig-new-${id}"
        String file = script(server, target, '; createDatabase true')

        when:
        int first = Main.execute('run', file, '--results', results.toString())
        int again = Main.execute('run', file, '--results', results.toString())

        then:
        first == 0
        exists(server, target)
        server.withDatabase(target) { Sql sql -> sql.rows('SELECT id, name FROM items ORDER BY id').collect { [it.id, it.name] } } == [[1, 'one'], [2, 'two']]
        again == 0
        server.withDatabase(target) { Sql sql -> sql.rows('SELECT id, name FROM items ORDER BY id').collect { [it.id, it.name] } } == [[1, 'one'], [2, 'two']]

        where:
        kind << ['postgres', 'mysql']
    }
}
