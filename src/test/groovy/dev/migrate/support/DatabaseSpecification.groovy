package dev.migrate.support

import spock.lang.Specification

/** A specification that makes databases on the test servers and drops them when each feature ends. */
abstract class DatabaseSpecification extends Specification {

    protected List<Closure> cleanups = []

    def cleanup() {
        cleanups.reverse().each { it() }
    }

    /** A new, uniquely named database on {@code server}, dropped after the feature. */
    protected String database(TestServer server, String prefix) {
        String name = server.createDatabase(prefix)
        cleanups << { server.drop(name) }
        name
    }

    protected static TestServer server(String kind) {
        kind == 'postgres' ? TestDatabases.postgres() : TestDatabases.mysql()
    }
}
