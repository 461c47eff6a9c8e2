package dev.migrate.integration

import dev.migrate.command.Migrate
import dev.migrate.engine.ProgressListener
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.Scripts
import dev.migrate.support.TestServer
import groovy.sql.Sql

import java.nio.file.Files

/**
 * The bytes a table moved are the bytes its writer sent, also those a bulk writer sends when it finishes (a small
 * table and a query table fit in that last piece): never 0 B for a table that wrote rows.
 */
class MovedBytesSpec extends DatabaseSpecification {

    String sourceUrl = "jdbc:h2:mem:bytes_src_${UUID.randomUUID()}"
    Sql source = Sql.newInstance(sourceUrl, 'sa', '')

    def setup() {
        source.execute 'CREATE TABLE items (id INT PRIMARY KEY, label VARCHAR(10))'
        source.execute "INSERT INTO items VALUES (1, 'one'), (2, 'two')"
        cleanups << { source.close() }
    }

    def "a small table and a query table report the bytes they sent into #kind"() {
        given:
        TestServer server = server(kind)
        String db = database(server, 'mig_bytes')
        def plan = Scripts.load('bytes.groovy', """\
            migration 'bytes', {
                source { url '${sourceUrl}'; user 'sa' }
                target { url '${server.url(db)}'; user '${server.user}' }
                tables 'ITEMS'
                query 'labels', 'SELECT id, label FROM items WHERE id = 2'
            }
            """.stripIndent())

        when:
        def result = Migrate.run(plan, ProgressListener.NONE, Files.createTempDirectory('bytes'))

        then:
        result.succeeded()
        result.tables().collect { [it.source(), it.rowsWritten(), it.bytes()] } == expected

        where:
        kind       || expected
        'mysql'    || [['ITEMS', 2L, 12L], ['labels', 1L, 6L]]
        'postgres' || [['ITEMS', 2L, 12L], ['labels', 1L, 6L]]
    }
}
