package dev.migrate.cli

import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.MigrateProcess
import dev.migrate.support.TestServer
import groovy.json.JsonSlurper
import groovy.sql.Sql

import java.nio.file.Files
import java.nio.file.Path

/**
 * Configuration as a user meets it, in the tool's own processes: the installation's defaults, the project file,
 * the environment, the script and the command line, each over the one before.
 */
class ConfigurationSpec extends DatabaseSpecification {

    Path dir = MigrateProcess.folder()
    Path project = Files.createDirectories(dir.resolve('project'))

    def setup() {
        Sql.withInstance("jdbc:h2:file:${dir}/src", 'sa', '') { Sql sql ->
            sql.execute("CREATE TABLE items (id INT PRIMARY KEY, label VARCHAR(20)); INSERT INTO items VALUES (1, 'one'), (2, 'two')")
        }
    }

    private Path script(String settings, String target) {
        Path file = project.resolve('shop.groovy')
        Files.writeString(file, """\
            migration 'shop', {
                source { url 'jdbc:h2:file:${dir}/src'; user 'sa' }
                target { url 'jdbc:h2:file:${dir}/${target}'; user 'sa' }
                ${settings}
            }
            """.stripIndent())
        file
    }

    private static Map report(Path results) {
        List<Path> reports = Files.list(results).filter { it.fileName.toString().endsWith('.json') }.toList()
        assert reports.size() == 1
        new JsonSlurper().parse(reports[0].toFile()) as Map
    }

    def "batchSize given at every level comes from the highest there is: command line, script, environment, project file, installation, built-in"() {
        given:
        Path installed = dir.resolve('defaults.properties')
        Files.writeString(installed, 'batchSize=101\n')
        Path conf = project.resolve('migrate.conf')
        List<Integer> used = []
        List<String> logged = []

        when: 'each level is taken away in turn, the highest first'
        6.times { int removed ->
            Files.writeString(conf, removed <= 3 ? 'batchSize=102\n' : '# nothing\n')
            if (removed == 5) {
                Files.writeString(installed, '# nothing\n')
            }
            Path results = dir.resolve("results-${removed}")
            List<String> args = [script(removed <= 1 ? 'settings { batchSize 104 }' : '', "dst${removed}").toString(), '--results', results.toString()]
            if (removed == 0) {
                args += ['--batch-size', '105']
            }
            Map<String, String> env = [JAVA_TOOL_OPTIONS: "-Dmigrate.defaults=${installed}".toString()]
            if (removed <= 2) {
                env.MIGRATE_BATCH_SIZE = '103'
            }
            def run = MigrateProcess.start(args, env)
            assert run.exitCode == 0: run.stderr
            used << (report(results).settings.batchSize as int)
            logged << run.stderr.readLines().find { it.contains('configuration: ') }?.replaceFirst(/^.*INFO +/, '')
        }

        then:
        used == [105, 104, 103, 102, 101, 5000]
        logged == ["configuration: ${conf}".toString()] * 6
    }

    def "the project file next to the script wins over the working directory's, which serves a script without one beside it"() {
        given:
        Files.writeString(dir.resolve('migrate.conf'), "target.url=jdbc:h2:file:${dir}/from_cwd\ntarget.user=sa\n")
        Path shop = project.resolve('shop.groovy')
        Files.writeString(shop, "migration 'shop', { source { url 'jdbc:h2:file:${dir}/src'; user 'sa' } }\n")

        when:
        def first = MigrateProcess.start([shop.toString()], [:], '', Path.of('config/logback.xml'), dir)

        then:
        first.exitCode == 0
        first.stderr.contains("INFO  configuration: ${dir.resolve('migrate.conf')}\n")
        rows("jdbc:h2:file:${dir}/from_cwd") == [[ID: 1, LABEL: 'one'], [ID: 2, LABEL: 'two']]

        when:
        Files.writeString(project.resolve('migrate.conf'), "target.url=jdbc:h2:file:${dir}/from_project\ntarget.user=sa\n")
        def second = MigrateProcess.start([shop.toString()], [:], '', Path.of('config/logback.xml'), dir)

        then:
        second.exitCode == 0
        second.stderr.contains("INFO  configuration: ${project.resolve('migrate.conf')}\n")
        rows("jdbc:h2:file:${dir}/from_project") == [[ID: 1, LABEL: 'one'], [ID: 2, LABEL: 'two']]
    }

    def "a misspelt key stops the run with the file, the line and the nearest key, and exit code 2, before anything is created"() {
        given:
        Files.writeString(project.resolve('migrate.conf'), '# tuning\nparallelism=2\nbatchSzie=10\n')

        when:
        def run = MigrateProcess.start([script('', 'dst').toString()])

        then:
        run.exitCode == 2
        run.stderr.readLines().last() == "error: (migrate.conf, line 3) unknown setting 'batchSzie' (did you mean batchSize?)"
        !Files.exists(dir.resolve('dst.mv.db'))
    }

    def "a misspelt or bad variable stops the run with its name, and exit code 2: #variable=#value"() {
        when:
        def run = MigrateProcess.start([script('', 'dst').toString()], [(variable): value])

        then:
        run.exitCode == 2
        run.stderr.readLines().last() == message
        !Files.exists(dir.resolve('dst.mv.db'))

        where:
        variable              | value  || message
        'MIGRATE_BATCHSZIE'   | '10'   || "error: unknown setting MIGRATE_BATCHSZIE (did you mean MIGRATE_BATCH_SIZE?): the environment variables starting MIGRATE_ are the tool's settings"
        'MIGRATE_PARALLELISM' | 'four' || "error: MIGRATE_PARALLELISM: not a number: 'four'"
    }

    def "a script without source and target blocks moves PostgreSQL tables with the url, user and password of MIGRATE_ variables, and the password is written nowhere"() {
        given:
        TestServer pg = server('postgres')
        String src = database(pg, 'mig_src')
        String dst = database(pg, 'mig_dst')
        pg.withDatabase(src) { Sql sql -> sql.execute("CREATE TABLE books (id int PRIMARY KEY, title varchar(100)); INSERT INTO books VALUES (1, 'Solaris'), (2, 'Kindred')") }
        Path shop = project.resolve('books.groovy')
        Files.writeString(shop, "migration 'books', { tables 'books' }\n")
        Map<String, String> env = [MIGRATE_SOURCE_URL     : pg.url(src), MIGRATE_SOURCE_USER: pg.user, MIGRATE_SOURCE_PASSWORD: 'S3cret-env-source',
                                   MIGRATE_TARGET_URL     : pg.url(dst), MIGRATE_TARGET_USER: pg.user, MIGRATE_TARGET_PASSWORD: 'S3cret-env-target']

        when:
        def run = MigrateProcess.start([shop.toString(), '--debug'], env)

        then:
        run.exitCode == 0
        pg.withDatabase(dst) { Sql sql -> sql.rows('SELECT id, title FROM books ORDER BY id').collect { it as Map } } ==
                [[id: 1, title: 'Solaris'], [id: 2, title: 'Kindred']]
        run.placesHolding('S3cret', *Files.walk(project.resolve('results')).filter { Files.isRegularFile(it) }.toList()) == []
        report(project.resolve('results')).source == pg.url(src)
    }

    private static List<Map> rows(String url) {
        Sql sql = Sql.newInstance(url, 'sa', '')
        try {
            sql.rows('SELECT id, label FROM items ORDER BY id').collect { it as Map }
        } finally {
            sql.close()
        }
    }
}
