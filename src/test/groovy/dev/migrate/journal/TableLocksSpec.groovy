package dev.migrate.journal

import dev.migrate.connect.Database
import dev.migrate.dialect.Role
import dev.migrate.plan.Endpoint
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.TestServer

import java.nio.file.Files
import java.time.Instant
import java.time.ZoneId
import java.time.format.DateTimeFormatter

/** A table one run holds cannot be taken by another, on every kind of database, until the first lets it go. */
class TableLocksSpec extends DatabaseSpecification {

    List<AutoCloseable> opened = []

    def cleanup() {
        opened.reverse().each { it.close() }
    }

    private Endpoint endpoint(String kind) {
        switch (kind) {
            case 'H2':
                return new Endpoint("jdbc:h2:mem:locks_${UUID.randomUUID()};DB_CLOSE_DELAY=-1".toString(), 'sa', '', null, [:])
            case 'SQLite':
                return new Endpoint("jdbc:sqlite:${Files.createTempDirectory('locks').resolve('t.db')}".toString(), null, null, null, [:])
            default:
                TestServer server = server(kind == 'PostgreSQL' ? 'postgres' : 'mysql')
                return new Endpoint(server.url(database(server, 'mig_locks')), server.user, server.password, null, [:])
        }
    }

    private Database open(Endpoint endpoint) {
        Database db = Database.open(endpoint, Role.TARGET, 3)
        opened << db
        db
    }

    def "on #kind a table one run holds is refused to a second, which names the first; once the first lets go it is free"() {
        given:
        Endpoint target = endpoint(kind)
        Database one = open(target)
        Database two = open(target)
        Instant started = Instant.now()
        Journal first = new Journal(one, 'first', started)
        first.create()
        TableLocks held = TableLocks.take(one, first, ['items', 'orders'])
        first.begin('items', false)

        when:
        TableLocks.take(two, new Journal(two, 'second', Instant.now()), ['items'])

        then:
        RunRefused e = thrown()
        e.message == "table items is being loaded by another run, run 'first' (started " +
                DateTimeFormatter.ofPattern('yyyy-MM-dd HH:mm:ss').withZone(ZoneId.systemDefault()).format(started) +
                " on ${first.states(['items']).items.host()}, pid ${ProcessHandle.current().pid()}); wait for it to end (or stop it), then run this again"

        when:
        TableLocks.take(two, new Journal(two, 'second', Instant.now()), ['customers', 'orders'])

        then:
        RunRefused other = thrown()
        other.message == 'table orders is being loaded by another run; wait for it to end (or stop it), then run this again'

        when:
        held.close()
        TableLocks second = TableLocks.take(two, new Journal(two, 'second', Instant.now()), ['items', 'orders'])
        second.close()

        then:
        noExceptionThrown()

        where:
        kind << ['PostgreSQL', 'MariaDB', 'H2', 'SQLite']
    }
}
