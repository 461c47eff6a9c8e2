package dev.migrate.plan

import dev.migrate.dsl.DslWords
import dev.migrate.dsl.SettingsSpec
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

class SettingNamesSpec extends Specification {

    def "every setting but dryRun has a name, and a script's settings block knows exactly those names"() {
        expect:
        SettingNames.settings()*.key() == ['batchSize', 'parallelism', 'fetchSize', 'partitionRows', 'mode', 'schema', 'maxRejects', 'bulk',
                                           'snapshot', 'journal', 'identifiers']
        (Settings.recordComponents*.name - 'dryRun') as Set == SettingNames.settings()*.key() as Set
        DslWords.of(SettingsSpec) == SettingNames.settings()*.key() as Set
    }

    def "each connection field a block has is a name for either side"() {
        expect:
        SettingNames.all()*.key() - SettingNames.settings()*.key() ==
                ['source.url', 'source.user', 'source.password', 'source.schema', 'target.url', 'target.user', 'target.password', 'target.schema']
        SettingNames.all().findAll { it.secret() }*.key() == ['source.password', 'target.password']
    }

    def "a name's environment variable is its key in capitals, its words split by _: #key"() {
        expect:
        SettingNames.byKey(key).get().env() == env
        SettingNames.byEnv(env).get().key() == key

        where:
        key             || env
        'batchSize'     || 'MIGRATE_BATCH_SIZE'
        'maxRejects'    || 'MIGRATE_MAX_REJECTS'
        'partitionRows' || 'MIGRATE_PARTITION_ROWS'
        'mode'          || 'MIGRATE_MODE'
        'source.url'    || 'MIGRATE_SOURCE_URL'
        'target.password' || 'MIGRATE_TARGET_PASSWORD'
    }

    def "a value is read from its text as the script would write it: #key=#text"() {
        expect:
        SettingNames.byKey(key).get().set(Configuration.DEFAULTS, text).settings()."${key}"() == value

        where:
        key             | text              || value
        'batchSize'     | '10_000'          || 10_000
        'partitionRows' | ' 2000000 '       || 2_000_000L
        'mode'          | 'merge'           || WriteMode.MERGE
        'schema'        | 'CREATE_AND_ALTER' || SchemaMode.CREATE_AND_ALTER
        'bulk'          | 'FALSE'           || false
        'journal'       | 'ops.journal'     || 'ops.journal'
    }

    def "a connection field goes to its side only"() {
        when:
        Configuration c = SettingNames.byKey('target.user').get().set(Configuration.DEFAULTS, 'migrator')
        c = SettingNames.byKey('target.password').get().set(c, 'S3cret')

        then:
        c.source() == ConnectionDefaults.NONE
        c.target() == new ConnectionDefaults(null, 'migrator', 'S3cret', null)
        c.target().toString() == 'ConnectionDefaults[url=null, user=migrator, schema=null]'
    }

    def "a value that is not one says why: #key=#text"() {
        when:
        SettingNames.byKey(key).get().set(Configuration.DEFAULTS, text)

        then:
        def e = thrown(IllegalArgumentException)
        e.message == message

        where:
        key           | text          || message
        'parallelism' | 'four'        || "not a number: 'four'"
        'batchSize'   | '0'           || 'batchSize must be at least 1, not 0'
        'batchSize'   | '3000000000'  || 'batchSize must be at most 2147483647, not 3000000000'
        'maxRejects'  | '-1'          || 'maxRejects must be 0 or more, not -1'
        'mode'        | 'merg'        || "mode must be one of INSERT, MERGE, TRUNCATE_INSERT, not 'merg' (did you mean MERGE?)"
        'bulk'        | 'yes'         || "bulk must be true or false, not 'yes'"
        'journal'     | 'a.b.c'       || "journal must be a table name or schema.name, not 'a.b.c'"
    }

    def "a misspelt key or variable finds its nearest name"() {
        expect:
        SettingNames.nearestKey('batchSzie') == ' (did you mean batchSize?)'
        SettingNames.nearestKey('source.usr') == ' (did you mean source.user?)'
        SettingNames.nearestEnv('MIGRATE_BATCHSZIE') == ' (did you mean MIGRATE_BATCH_SIZE?)'
        SettingNames.nearestEnv('MIGRATE_TARGET_PASWORD') == ' (did you mean MIGRATE_TARGET_PASSWORD?)'
        SettingNames.nearestKey('colour') == ''
    }

    def "the README's Configuration section lists every name, with its variable and default, as the mapping's table"() {
        expect:
        Files.readString(Path.of('README.md')).contains(SettingNames.markdownTable())
    }
}
