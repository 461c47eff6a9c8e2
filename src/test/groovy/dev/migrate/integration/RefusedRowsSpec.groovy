package dev.migrate.integration

import dev.migrate.command.Migrate
import com.fasterxml.jackson.databind.ObjectMapper
import dev.migrate.engine.ProgressListener
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.Scripts
import dev.migrate.support.TestServer
import groovy.sql.Sql

import java.nio.file.Files
import java.nio.file.Path

/** A batch the target refuses is split until its bad rows are found: every good row lands exactly once. */
class RefusedRowsSpec extends DatabaseSpecification {

    String sourceUrl = "jdbc:h2:mem:refused_src_${UUID.randomUUID()}"
    Sql source = Sql.newInstance(sourceUrl, 'sa', '')

    def setup() {
        source.execute 'CREATE TABLE items (id INT PRIMARY KEY, qty INT)'
        (1..10).each { source.execute('INSERT INTO items VALUES (?, ?)', [it, it in [4, 9] ? -it : it]) }
        cleanups << { source.close() }
    }

    def "#kind refuses two rows of ten; the eight others land and the two are rejected with the database's reason"() {
        given:
        String url
        String user
        Sql dst
        if (kind == 'H2') {
            url = "jdbc:h2:mem:refused_dst_${UUID.randomUUID()}"
            user = 'sa'
            dst = Sql.newInstance(url, 'sa', '')
        } else {
            TestServer server = server(kind == 'PostgreSQL' ? 'postgres' : 'mysql')
            String db = database(server, 'mig_refused')
            url = server.url(db)
            user = server.user
            dst = server.connect(db)
        }
        dst.execute 'CREATE TABLE items (id INT PRIMARY KEY, qty INT CHECK (qty >= 0))'
        def results = Files.createTempDirectory('refused')
        def plan = Scripts.load('refused.groovy', """\
            migration 'refused', {
                source { url '${sourceUrl}'; user 'sa' }
                target { url '${url}'; user '${user}' }
                settings { batchSize 4; parallelism 1; maxRejects 2 }
            }
            """.stripIndent())

        when:
        def result = Migrate.run(plan, ProgressListener.NONE, results)

        then:
        result.succeeded()
        def items = result.tables()[0]
        [items.rowsRead(), items.rowsWritten(), items.rejected()] == [10L, 8L, 2L]
        dst.rows('SELECT id, qty FROM items ORDER BY id').collect { [it[0] as int, it[1] as int] } ==
                [[1, 1], [2, 2], [3, 3], [5, 5], [6, 6], [7, 7], [8, 8], [10, 10]]
        def rejected = Files.readAllLines(Path.of(items.rejectFile())).collect { new ObjectMapper().readValue(it, Map) }
        rejected*.row.collect { it.values().toList() } == [[4, -4], [9, -9]]
        rejected.every { it.column == null && it.reason.toLowerCase() =~ /check|constraint/ }

        cleanup:
        dst?.close()

        where:
        kind << ['PostgreSQL', 'MariaDB', 'H2']
    }
}
