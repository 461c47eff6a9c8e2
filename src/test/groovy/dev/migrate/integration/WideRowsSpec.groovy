package dev.migrate.integration

import java.nio.file.Files
import java.nio.file.Path

import dev.migrate.support.ChildRun
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.Scripts
import dev.migrate.support.TestServer
import groovy.sql.Sql

/**
 * Rows of several megabytes in a column of a type the COPY reader does not decode (xml) are read through JDBC: a
 * run in a JVM of 128 MB of heap moves 40 of them (480 MB as the driver receives them), so the driver never holds
 * a fetch of 5,000 rows of them.
 */
class WideRowsSpec extends DatabaseSpecification {

    TestServer postgres = server('postgres')

    private static List<Map> digests(TestServer server, String db) {
        server.withDatabase(db) { Sql sql ->
            sql.rows('SELECT id, md5(doc::text) AS doc, md5(attachment) AS attachment, length(doc::text) AS chars FROM docs ORDER BY id')
                    .collect { it as Map }
        }
    }

    def "40 xml documents of 4 MB with 4 MB attachments move from PostgreSQL through a JVM of 256 MB of heap, every value equal"() {
        given:
        String source = database(postgres, 'wide_src')
        String target = database(postgres, 'wide_dst')
        postgres.withDatabase(source) { Sql sql ->
            sql.execute 'CREATE TABLE docs (id int PRIMARY KEY, doc xml, attachment bytea)'
            sql.execute """INSERT INTO docs SELECT g, ('<d>' || repeat(md5(g::text), 131072) || '</d>')::xml,
                           decode(repeat(md5(g::text || 'a'), 262144), 'hex') FROM generate_series(1, 40) g"""
        }
        Path script = Scripts.write('wide.groovy', """\
            migration 'wide', {
                source { url '${postgres.url(source)}'; user '${postgres.user}' }
                target { url '${postgres.url(target)}'; user '${postgres.user}' }
                tables 'docs'
                table('docs') { column('doc') { it } }
            }
            """.stripIndent())

        when:
        ChildRun run = ChildRun.startWithHeap('256m', script, Files.createTempDirectory('wide'))
        int code = run.waitForExit(600)

        then:
        [code, code == 0 ? '' : run.printed()] == [0, '']
        digests(postgres, target) == digests(postgres, source)
        digests(postgres, target).size() == 40
        digests(postgres, target).every { it.chars == 4 * 1024 * 1024 + 7 }
    }
}
