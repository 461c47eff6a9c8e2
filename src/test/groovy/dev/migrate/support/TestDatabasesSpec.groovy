package dev.migrate.support

import org.opentest4j.TestAbortedException
import spock.lang.Specification

class TestDatabasesSpec extends Specification {

    static final String UNREACHABLE = 'jdbc:postgresql://127.0.0.1:9/whatever'

    def "a server named by its environment variable is used first"() {
        when:
        def found = TestDatabases.find('postgres', [MIGRATE_IT_POSTGRES_URL: UNREACHABLE], 'jdbc:postgresql://127.0.0.1:5432', 'postgres', '') {
            throw new IllegalStateException('containers are not tried when a URL is given')
        }

        then:
        found instanceof String
        found.startsWith('MIGRATE_IT_POSTGRES_URL jdbc:postgresql://127.0.0.1:9 is not reachable (')
    }

    def "an absent server skips the specification with the reason"() {
        when:
        TestDatabases.decide('postgres', 'local service jdbc:postgresql://127.0.0.1:9 is not reachable (refused)', [] as Set)

        then:
        TestAbortedException e = thrown()
        e.message == 'no postgres server for integration tests: local service jdbc:postgresql://127.0.0.1:9 is not reachable (refused)'
    }

    def "an absent server fails the specification when MIGRATE_IT_REQUIRE names it"() {
        when:
        TestDatabases.decide('mysql', 'local service jdbc:mysql://127.0.0.1:9 is not reachable (refused)',
                TestDatabases.required([MIGRATE_IT_REQUIRE: 'postgres, mysql']))

        then:
        AssertionError e = thrown()
        e.message == 'no mysql server for integration tests: local service jdbc:mysql://127.0.0.1:9 is not reachable (refused) (MIGRATE_IT_REQUIRE names mysql)'
    }
}
