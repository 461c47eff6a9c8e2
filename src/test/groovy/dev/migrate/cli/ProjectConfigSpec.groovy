package dev.migrate.cli

import dev.migrate.plan.Configuration
import dev.migrate.plan.ConnectionDefaults
import dev.migrate.plan.ScriptError
import dev.migrate.plan.Settings
import dev.migrate.plan.WriteMode
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/** The project file and the environment, read into what a script starts from. */
class ProjectConfigSpec extends Specification {

    Path project = Files.createTempDirectory('project')
    Path elsewhere = Files.createTempDirectory('cwd')

    private Path file(Path dir, String name, String text) {
        Path f = dir.resolve(name)
        Files.writeString(f, text.stripIndent())
        f
    }

    private Path script() {
        file(project, 'shop.groovy', "migration 'shop', { }\n")
    }

    def "a project file gives settings and both connections, in Java properties syntax"() {
        given:
        file(project, 'migrate.conf', '''\
            # the shop's settings
            batchSize = 20_000
            mode: MERGE
            source.url=jdbc:h2:mem:legacy
            source.user=reader
            target.url=jdbc:postgresql://localhost:5432/\\
                shop_v2
            target.password=S3cret
            ''')

        when:
        Configuration c = ProjectConfig.load(script(), elsewhere, [:])

        then:
        c.settings() == Settings.builder().batchSize(20_000).mode(WriteMode.MERGE).build()
        c.source() == new ConnectionDefaults('jdbc:h2:mem:legacy', 'reader', null, null)
        c.target() == new ConnectionDefaults('jdbc:postgresql://localhost:5432/shop_v2', null, 'S3cret', null)
    }

    def "the file next to the script wins over the one in the working directory, which is read when there is none beside it"() {
        given:
        file(elsewhere, 'migrate.properties', 'batchSize=300\n')

        expect:
        ProjectConfig.load(script(), elsewhere, [:]).settings().batchSize() == 300
        ProjectConfig.projectFile(script(), elsewhere) == elsewhere.resolve('migrate.properties').toAbsolutePath()

        when:
        file(project, 'migrate.conf', 'parallelism=3\n')
        Configuration c = ProjectConfig.load(script(), elsewhere, [:])

        then: 'only one file is read'
        c.settings().parallelism() == 3
        c.settings().batchSize() == Settings.DEFAULTS.batchSize()
        ProjectConfig.projectFile(script(), elsewhere) == project.resolve('migrate.conf').toAbsolutePath()
    }

    def "a folder with both names is refused: one of them would be read for nothing"() {
        given:
        file(project, 'migrate.conf', 'batchSize=1\n')
        file(project, 'migrate.properties', 'batchSize=2\n')

        when:
        ProjectConfig.load(script(), elsewhere, [:])

        then:
        def e = thrown(ScriptError)
        e.message == "(migrate.conf) ${project} has both migrate.conf and migrate.properties: keep one of them"
    }

    def "the environment goes over the file"() {
        given:
        file(project, 'migrate.conf', 'batchSize=20\nsource.url=jdbc:h2:mem:a\nsource.user=reader\n')

        when:
        Configuration c = ProjectConfig.load(script(), elsewhere, [MIGRATE_BATCH_SIZE: '30', MIGRATE_SOURCE_URL: 'jdbc:h2:mem:b',
                                                                   MIGRATE_TARGET_PASSWORD: 'S3cret', PATH: '/bin'])

        then:
        c.settings().batchSize() == 30
        c.source() == new ConnectionDefaults('jdbc:h2:mem:b', 'reader', null, null)
        c.target() == new ConnectionDefaults(null, null, 'S3cret', null)
    }

    def "a mistake in the file names the file, the line and the nearest key: #text"() {
        given:
        file(project, 'migrate.conf', text)

        when:
        ProjectConfig.load(script(), elsewhere, [:])

        then:
        def e = thrown(ScriptError)
        e.message == message

        where:
        text                                            || message
        '# comment\nmode=MERGE\nbatchSzie=10\n'          || "(migrate.conf, line 3) unknown setting 'batchSzie' (did you mean batchSize?)"
        '\n\n\nbatchSize=0\n'                            || '(migrate.conf, line 4) batchSize must be at least 1, not 0'
        'parallelism=four\n'                             || "(migrate.conf, line 1) parallelism: not a number: 'four'"
        'fetchSize=1\\\n  0\nmode=merg\n'                || "(migrate.conf, line 3) mode must be one of INSERT, MERGE, TRUNCATE_INSERT, not 'merg' (did you mean MERGE?)"
        'source.usr=me\n'                                || "(migrate.conf, line 1) unknown setting 'source.usr' (did you mean source.user?)"
        'target.url=jdbc:postgres://u:pw@db/shop\n'      || '(migrate.conf, line 1) target.url jdbc:postgres://u:***@db/shop: no supported database uses jdbc:postgres: (did you mean jdbc:postgresql:?) — supported: jdbc:postgresql:, jdbc:mysql:, jdbc:mariadb:, jdbc:oracle:, jdbc:sqlserver:, jdbc:h2:, jdbc:sqlite:'
        'source.url=postgresql://db/shop\n'              || "(migrate.conf, line 1) source.url must be a JDBC URL starting with jdbc:, not 'postgresql://db/shop'"
    }

    def "a bad value in the environment names the variable: #variable=#value"() {
        when:
        ProjectConfig.load(script(), elsewhere, [(variable): value])

        then:
        def e = thrown(ScriptError)
        e.message == message

        where:
        variable              | value   || message
        'MIGRATE_PARALLELISM' | 'four'  || "MIGRATE_PARALLELISM: not a number: 'four'"
        'MIGRATE_BATCH_SIZE'  | '0'     || 'MIGRATE_BATCH_SIZE: batchSize must be at least 1, not 0'
        'MIGRATE_SNAPSHOT'    | 'off'   || "MIGRATE_SNAPSHOT: snapshot must be true or false, not 'off'"
    }

    def "a MIGRATE_ variable that is no setting is taken for a misspelt one, unless the tool or the script uses it"() {
        when:
        ProjectConfig.checkEnvironment([MIGRATE_BATCHSZIE: '10', MIGRATE_BATCH_SIZE: '10', PATH: '/bin'], [])

        then:
        def e = thrown(ScriptError)
        e.message == 'unknown setting MIGRATE_BATCHSZIE (did you mean MIGRATE_BATCH_SIZE?): the environment variables starting MIGRATE_ are the tool\'s settings'

        when:
        ProjectConfig.checkEnvironment([MIGRATE_IT_REQUIRE: 'postgres', MIGRATE_IT_POSTGRES_URL: 'jdbc:postgresql://x/y', MIGRATE_CONSOLE_TOKEN: 't',
                                        MIGRATE_HOME: '/opt/migrate', MIGRATE_SOURCE_SSLPASSWORD: 'k', MIGRATE_TARGET_URL: 'jdbc:h2:mem:x'],
                ['MIGRATE_SOURCE_SSLPASSWORD'])

        then:
        noExceptionThrown()
    }
}
