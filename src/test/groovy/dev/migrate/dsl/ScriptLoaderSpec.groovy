package dev.migrate.dsl

import dev.migrate.plan.ScriptError
import dev.migrate.plan.Identifiers
import dev.migrate.plan.SchemaMode
import dev.migrate.plan.Settings
import dev.migrate.plan.WriteMode
import dev.migrate.support.Scripts
import spock.lang.Specification

class ScriptLoaderSpec extends Specification {

    static final String SUPPORTED = 'jdbc:postgresql:, jdbc:mysql:, jdbc:mariadb:, jdbc:oracle:, jdbc:sqlserver:, jdbc:h2:, jdbc:sqlite:'

    def "a script becomes an immutable plan with its connections, settings, tables and mappings"() {
        when:
        def plan = Scripts.load('shop.groovy', '''\
            migration 'shop', {
                source {
                    url 'jdbc:h2:mem:legacy'
                    user 'reader'
                    password 'secret'
                }
                target {
                    url 'jdbc:postgresql://localhost:5432/shop'
                    user 'writer'
                    schema 'sales'
                    property 'ssl', false
                }
                settings {
                    batchSize 2_000
                    parallelism 3
                    fetchSize 500
                    partitionRows 100_000
                    mode TRUNCATE_INSERT
                    schema CREATE_AND_ALTER
                    maxRejects 25; bulk false
                }
                tables 'customers', 'orders'
                exclude 'audit_log', ~/tmp_.*/
                table('customers') {
                    rename 'user_name', to: 'username'
                    rename fname: 'first_name'
                    ignore 'legacy_field', 'other'
                    column('email') { it?.trim()?.toLowerCase() }
                    column('full_name') { value, row -> "${row.first} ${row.last}" }
                    where 'deleted = 0'
                }
                table('old_orders', to: 'orders')
            }
            '''.stripIndent())

        then:
        plan.name() == 'shop'
        plan.script() == 'shop.groovy'
        plan.source().url() == 'jdbc:h2:mem:legacy'
        plan.source().user() == 'reader'
        plan.source().password() == 'secret'
        plan.target().schema() == 'sales'
        plan.target().properties() == [ssl: 'false']
        plan.settings() == new Settings(2_000, 3, 500, 100_000, WriteMode.TRUNCATE_INSERT, false, SchemaMode.CREATE_AND_ALTER, 25, false, true, 'migrate_journal', Identifiers.AS_IS)
        plan.tables()*.name() == ['customers', 'orders']
        plan.tables()*.location()*.line() == [22, 22]
        plan.excluded('audit_log')
        plan.excluded('tmp_2024')
        !plan.excluded('customers')

        def customers = plan.mappingFor('customers').get()
        customers.target() == 'customers'
        customers.renames() == [user_name: 'username', fname: 'first_name']
        customers.ignored() == ['legacy_field', 'other'] as Set
        customers.where() == 'deleted = 0'
        customers.location().line() == 24
        customers.transforms()*.column() == ['email', 'full_name']
        customers.transforms()*.location()*.line() == [28, 29]
        customers.transforms()[0].transform().apply('  Ada@Example.COM ', [:]) == 'ada@example.com'
        customers.transforms()[1].transform().apply(null, [first: 'Ada', last: 'Lovelace']) == 'Ada Lovelace'

        plan.mappingFor('old_orders').get().target() == 'orders'
        plan.toString().contains('url=jdbc:h2:mem:legacy')
        !plan.source().toString().contains('secret')
    }

    def "settings not given come from the defaults"() {
        when:
        def plan = Scripts.load('minimal.groovy', '''\
            migration 'minimal', {
                source { url 'jdbc:h2:mem:a' }
                target { url 'jdbc:h2:mem:b' }
            }
            '''.stripIndent())

        then:
        plan.settings() == Settings.DEFAULTS
        plan.tables().isEmpty()
        plan.mappings().isEmpty()
    }

    def "env reads an environment variable"() {
        given:
        String home = System.getenv('HOME')

        when:
        def plan = Scripts.load('env.groovy', '''\
            migration 'env', {
                source { url 'jdbc:h2:mem:a'; password env('HOME') }
                target { url 'jdbc:h2:mem:b'; password env('MIGRATE_SURELY_UNSET', 'fallback') }
            }
            '''.stripIndent())

        then:
        plan.source().password() == home
        plan.target().password() == 'fallback'
    }

    def "a mistake in a script is reported with its file and line: #what"() {
        when:
        Scripts.load('broken.groovy', script.stripIndent())

        then:
        ScriptError e = thrown()
        e.message == message

        where:
        what                          | script                                                                                                   || message
        'a syntax error'              | "migration 'x', {\n    source {\n        url 'jdbc:h2:mem:a\n    }\n}\n"                              || "(broken.groovy, line 3) a string is not closed: the ' at column 13 has no closing '"
        'an unknown top-level method' | "migraton 'x', {\n}\n"                                                                                    || "(broken.groovy, line 1) unknown method 'migraton' with (String, Closure) (did you mean migration?)"
        'an unknown block method'     | "migration 'x', {\n    sources { url 'jdbc:h2:mem:a' }\n}\n"                                               || "(broken.groovy, line 2) unknown migration option 'sources' (did you mean source?)"
        'an unknown setting'          | "migration 'x', {\n  source { url 'jdbc:h2:mem:a' }\n  target { url 'jdbc:h2:mem:b' }\n  settings {\n    batchsize 10\n  }\n}\n" || "(broken.groovy, line 5) unknown settings option 'batchsize' (did you mean batchSize?)"
        'a setting of the wrong type' | "migration 'x', {\n  settings {\n    batchSize 'many'\n  }\n}\n"                                         || '(broken.groovy, line 3) batchSize in settings does not take (String) — batchSize 10_000'
        'an invalid setting'          | "migration 'x', {\n  settings {\n    parallelism 0\n  }\n}\n"                                             || '(broken.groovy, line 3) parallelism must be at least 1, not 0'
        'a journal name with spaces'  | "migration 'x', {\n  settings {\n    journal 'my journal'\n  }\n}\n"                                    || "(broken.groovy, line 3) journal must be a table name or schema.name, not 'my journal'"
        'an unknown identifiers word' | "migration 'x', {\n  settings {\n    identifiers 'SNAKECASE'\n  }\n}\n"                                 || "(broken.groovy, line 3) identifiers must be one of AS_IS, LOWER, SNAKE_CASE, not 'SNAKECASE' (did you mean SNAKE_CASE?)"
        'an unknown mode'             | "migration 'x', {\n  settings {\n    mode UPSERT\n  }\n}\n"                                               || "(broken.groovy, line 3) unknown value UPSERT in settings: mode takes INSERT, MERGE or TRUNCATE_INSERT (did you mean MERGE?)"
        'a misspelt schema mode'      | "migration 'x', {\n  settings {\n    schema CREATE_ALTER\n  }\n}\n"                                      || "(broken.groovy, line 3) unknown value CREATE_ALTER in settings: schema takes CREATE, CREATE_AND_ALTER or NONE (did you mean CREATE_AND_ALTER?)"
        'a mode as a string'          | "migration 'x', {\n  settings {\n    mode 'UPSERT'\n  }\n}\n"                                             || "(broken.groovy, line 3) mode takes INSERT, MERGE or TRUNCATE_INSERT, not 'UPSERT' (did you mean MERGE?)"
        'a known mode as a string'    | "migration 'x', {\n  settings {\n    mode 'merge'\n  }\n}\n"                                              || "(broken.groovy, line 3) mode takes a word, not a string: mode MERGE"
        'a word in capitals unknown anywhere' | "migration 'x', {\n  settings {\n    mode MERGE\n    parallelism FOUR\n  }\n}\n"                  || "(broken.groovy, line 4) unknown value FOUR in settings: identifiers takes AS_IS, LOWER or SNAKE_CASE; mode takes INSERT, MERGE or TRUNCATE_INSERT; schema takes CREATE, CREATE_AND_ALTER or NONE"
        'a missing source'            | "\nmigration 'x', {\n    target { url 'jdbc:h2:mem:b' }\n}\n"                                            || "(broken.groovy, line 2) migration 'x' has no source { } block (nor is source.url in migrate.conf or MIGRATE_SOURCE_URL set)"
        'a missing target'            | "migration 'x', {\n    source { url 'jdbc:h2:mem:a' }\n}\n"                                              || "(broken.groovy, line 1) migration 'x' has no target { } block (nor is target.url in migrate.conf or MIGRATE_TARGET_URL set)"
        'a source without url'        | "migration 'x', {\n    source {\n        user 'me'\n    }\n}\n"                                          || '(broken.groovy, line 2) source { } has no url (nor is source.url in migrate.conf or MIGRATE_SOURCE_URL set)'
        'a url that is not JDBC'      | "migration 'x', {\n    source {\n        url 'postgres://host/db'\n    }\n}\n"                           || "(broken.groovy, line 3) source url must be a JDBC URL starting with jdbc:, not 'postgres://host/db'"
        'an unknown JDBC driver'      | "migration 'x', {\n    source {\n        url 'jdbc:foo://x'\n    }\n}\n"                                  || "(broken.groovy, line 3) source url jdbc:foo://x: no supported database uses jdbc:foo: — supported: ${SUPPORTED}"
        'a misspelt JDBC driver'      | "migration 'x', {\n  target {\n    url 'jdbc:postgres://h/db?user=a&password=secret'\n  }\n}\n"       || "(broken.groovy, line 3) target url jdbc:postgres://h/db?user=a&password=***: no supported database uses jdbc:postgres: (did you mean jdbc:postgresql:?) — supported: ${SUPPORTED}"
        'a rename to nothing'         | "migration 'x', {\n  table('a') {\n    rename 'old'\n  }\n}\n"                                            || "(broken.groovy, line 3) rename needs a target name: rename 'old', to: 'new_name'"
        'a rename to an empty name'   | "migration 'x', {\n  table('a') {\n    rename 'old', to: ''\n  }\n}\n"                                    || "(broken.groovy, line 3) rename needs a target name: rename 'old', to: 'new_name'"
        'a column without closure'    | "migration 'x', {\n  table('a') {\n    column('c')\n  }\n}\n"                                             || "(broken.groovy, line 3) column('c') needs a closure: column('c') { it }"
        'an unknown table option'     | "migration 'x', {\n  table('a') {\n    renam 'old', to: 'new'\n  }\n}\n"                                  || "(broken.groovy, line 3) unknown table('a') option 'renam' (did you mean rename?)"
        'a table declared twice'      | "migration 'x', {\n  table('a') { }\n  table('a') { }\n}\n"                                              || "(broken.groovy, line 3) table('a') is declared twice"
        'an unset environment value'  | "migration 'x', {\n  source {\n    url env('MIGRATE_SURELY_UNSET')\n  }\n}\n"                             || '(broken.groovy, line 3) environment variable MIGRATE_SURELY_UNSET is not set'
        'no migration at all'         | "println 'hello'\n"                                                                                       || "(broken.groovy) the script declares no migration: migration 'name', { source { ... }; target { ... } }"
        'an exception in the script'  | "def x = null\nx.foo()\n"                                                                                 || '(broken.groovy, line 2) NullPointerException: Cannot invoke method foo() on null object'
        'two migrations'              | "migration 'a', {\n source { url 'jdbc:h2:mem:a' }\n target { url 'jdbc:h2:mem:b' }\n}\nmigration 'b', {\n}\n" || "(broken.groovy, line 5) a script holds one migration; 'a' is already declared"
        'tables ALL and a list'       | "migration 'x', {\n  tables 'a'\n  tables ALL\n}\n"                                                  || "(broken.groovy, line 3) tables 'a' already lists the tables: list tables, or say ALL, not both"
        'a list after tables ALL'     | "migration 'x', {\n  tables ALL\n  tables 'a'\n}\n"                                                  || '(broken.groovy, line 3) tables ALL already moves every table: list tables, or say ALL, not both'
        'createDatabase in the source' | "migration 'x', {\n  source {\n    url 'jdbc:h2:mem:a'\n    createDatabase true\n  }\n}\n"               || '(broken.groovy, line 4) createDatabase is a word of the target connection: a source is only read'
        'createDatabase on Oracle'    | "migration 'x', {\n  source { url 'jdbc:h2:mem:a' }\n  target {\n    url 'jdbc:oracle:thin:@db:1521/x'\n    createDatabase true\n  }\n}\n" || '(broken.groovy, line 5) createDatabase: the tool creates PostgreSQL and MySQL/MariaDB databases, not Oracle ones; create it before the run'
    }

    /** A script of thirteen lines whose table block holds {@code line} as its line 12. */
    private static String withLine(String line) {
        """\
            migration 'x', {
                source {
                    url 'jdbc:h2:mem:a'
                }
                target {
                    url 'jdbc:h2:mem:b'
                }
                settings { batchSize 100 }
                tables 'customers'
                table('customers') {
                    ignore 'legacy'
            ${line}
                }
            }
            """.stripIndent()
    }

    def "a slip in a block is reported at its own line, with how to write it: #what"() {
        when:
        Scripts.load('shop.groovy', withLine(line))

        then:
        ScriptError e = thrown()
        e.message == "(shop.groovy, line ${at}) ${message}"

        where:
        what                                 | line                                                                  | at || message
        'a syntax error in a column block'   | "        column('x') { it + }"                                        | 12 || 'syntax error at column 28: unexpected } (the expression before it is not complete)'
        'a rename without its comma'         | "        rename 'user_name' to: 'username'"                           | 12 || "rename needs a comma before to: — rename 'user_name', to: 'username'"
        'a lookup without its comma'         | "        column('c') { lookup 'categories' key: 'name', value: 'id' }" | 12 || "lookup needs a comma before key: — lookup 'categories', key: 'name', value: 'id'"
        'a column block without parentheses' | "        column 'email' { it?.trim() }"                               | 12 || "column needs parentheses around 'email' before its block — column('email') { it?.trim() }"
        'an into block without parentheses'  | "        into 'addresses' {\n        }"                              | 12 || "into needs parentheses around 'addresses' before its block — into('addresses') { ... }"
        'a misspelt named argument'          | "        rename 'user_name', too: 'username'"                         | 12 || "rename takes only to:, not too: (did you mean to:?) — rename 'user_name', to: 'username'"
        'a misspelt lookup argument'         | "        column('c') { lookup 'categories', key: 'name', valu: 'id' }" | 12 || "lookup takes key:, value:, from:, in: ('source' or 'target') and pick: ('lowest' or 'highest'), not valu: (did you mean value:?)"
        'a map without its comma'            | "        column('s') { map A: 1 B: 2 }"                               | 12 || 'syntax error at column 32: a comma is missing before B'
        'a string not closed'                | "        where 'deleted = 0"                                          | 12 || "a string is not closed: the ' at column 15 has no closing '"
        'a text block not closed'            | "        where '''deleted = 0"                                        | 12 || "a string is not closed: the ''' at column 15 has no closing '''"
        'a parenthesis not closed'           | "        column('x' { it }"                                           | 12 || 'the ( at column 15 is not closed: a ) is missing before the } on line 13'
        'a block not closed'                 | "        into('a') {"                                                 | 12 || 'the { at column 19 is never closed: a } is missing before line 13'
        'one brace too many'                 | "        column('x') { it } }"                                        | 12 || 'there is one } too many: the } at column 28 closes the { of line 10 before its block ends'
        'a word without its parentheses'     | '        distinct'                                                    | 12 || 'distinct needs parentheses — distinct()'
        'a word without its arguments'       | '        rename'                                                      | 12 || "rename needs its arguments — rename 'old_name', to: 'new_name'"
        'a word with the wrong arguments'    | '        where 1, 2'                                                  | 12 || "where in table('customers') does not take (Integer, Integer) — where 'deleted = 0'"
    }

    def "a slip outside the blocks is reported at its line, with how to write it: #what"() {
        when:
        Scripts.load('shop.groovy', script)

        then:
        ScriptError e = thrown()
        e.message == "(shop.groovy, line ${at}) ${message}"

        where:
        what                               | script                                                                                  | at || message
        'a migration without its comma'    | "migration 'x' {\n  source { url 'jdbc:h2:mem:a' }\n}\n"                                 | 1  || "migration needs a comma before its block — migration 'x', { ... }"
        'a table without its comma'        | "migration 'x', {\n  table('legacy' to: 'customers') {\n  }\n}\n"                         | 2  || "table needs a comma before to: — table('legacy', to: 'customers')"
        'a table call without its comma'   | "migration 'x', {\n  table 'legacy' to: 'customers'\n}\n"                                  | 2  || "table needs a comma before to: — table 'legacy', to: 'customers'"
        'a misspelt table argument'        | "migration 'x', {\n  table('legacy', too: 'customers')\n}\n"                              | 2  || "table('legacy') takes only to:, not too: (did you mean to:?) — table('legacy', to: 'customers')"
        'two settings on one line'         | "migration 'x', {\n  settings {\n    batchSize 10_000 parallelism 4\n  }\n}\n"            | 3  || 'parallelism must start a statement of its own: put it on a new line, or after a ; (on one line, two calls without ; are read as one)'
        'a block not closed at the end'    | "migration 'x', {\n  source { url 'jdbc:h2:mem:a' }\n  table('a') {\n    ignore 'b'\n"     | 3  || 'the { at column 14 is never closed: a } is missing before the end of the file (line 4)'
        'the migration not closed, flat'   | "migration 'x', {\nsource { url 'jdbc:h2:mem:a' }\ntable('a') {\nignore 'b'\n}\n"       | 1  || 'the { at column 16 is never closed: a } is missing before the end of the file (line 5)'
        'a column block not closed'        | "migration 'x', {\n    table('a') {\n        column('e') { it?.trim()\n        ignore 'b'\n    }\n}\n" | 3 || 'the { at column 21 is never closed: a } is missing before line 4'
        'a statement cut short at the end' | "def a = 1 +\n"                                                                            | 1  || 'the script ends before the statement is complete'
        'a block word without its block'   | "migration 'x', {\n  source\n}\n"                                                        | 2  || "source needs its arguments — source { url 'jdbc:...'; user '...' }"
    }

    def "a script that does not exist is reported by its name"() {
        when:
        new ScriptLoader().load(java.nio.file.Path.of('/no/such/shop.groovy'))

        then:
        ScriptError e = thrown()
        e.message == '(shop.groovy) no such script: /no/such/shop.groovy'
    }

    def "script helpers and variables stay reachable inside blocks"() {
        when:
        def plan = Scripts.load('helpers.groovy', '''\
            def legacy = 'jdbc:h2:mem:legacy'
            String targetUrl() { 'jdbc:h2:mem:new' }
            migration 'helpers', {
                source { url legacy }
                target { url targetUrl() }
            }
            '''.stripIndent())

        then:
        plan.source().url() == 'jdbc:h2:mem:legacy'
        plan.target().url() == 'jdbc:h2:mem:new'
    }
}
