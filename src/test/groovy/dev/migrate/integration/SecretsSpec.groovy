package dev.migrate.integration

import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.MigrateProcess
import dev.migrate.support.Scripts
import dev.migrate.support.TestServer
import groovy.sql.Sql

import java.nio.file.Files
import java.nio.file.Path

/** Passwords reach no output and no file, whatever fails: the tool run as a user runs it, every stream and file searched. */
class SecretsSpec extends DatabaseSpecification {

    /** An H2 database in a file, protected by a password, that another process can open. */
    private static String h2File(String name, String password) {
        String url = "jdbc:h2:file:${Files.createTempDirectory('h2')}/${name}"
        Sql.newInstance(url, 'sa', password).close()
        url
    }

    /** A MariaDB user with a password, allowed into {@code database}, dropped after the feature. */
    private String mysqlUser(TestServer my, String database, String password) {
        String user = "mig_${UUID.randomUUID().toString().substring(0, 8)}"
        my.withDatabase(database) { Sql sql ->
            ['%', 'localhost', '127.0.0.1'].each { host ->
                sql.execute("CREATE USER '${user}'@'${host}' IDENTIFIED BY '${password}'".toString())
                sql.execute("GRANT ALL ON ${database}.* TO '${user}'@'${host}'".toString())
            }
        }
        cleanups << {
            my.withDatabase(database) { Sql sql -> ['%', 'localhost', '127.0.0.1'].each { sql.execute("DROP USER IF EXISTS '${user}'@'${it}'".toString()) } }
        }
        user
    }

    def "a hook's failing SQL keeps its password literal out of the log and the error: #kind"() {
        given:
        String source = h2File('source', 'S3cret-source-pw')
        String target = kind == 'h2' ? h2File('target', '') : server(kind).url(database(server(kind), 'mig_hook'))
        def script = Scripts.write("hook-${kind}.groovy", """\
            migration 'hook', {
                source { url '${source}'; user 'sa'; password 'S3cret-source-pw' }
                target { url '${target}'; user '${kind == 'h2' ? 'sa' : server(kind).user}' }
                before { target.execute "${statement}" }
            }
            """.stripIndent())

        when:
        Path folder = MigrateProcess.folder()
        def run = MigrateProcess.call([script.toString(), '--results', folder.resolve('results').toString()], folder)

        then:
        run.exitCode == 1
        run.stderr == "error: before hook (hook-${kind}.groovy, line 4) failed: ${error}\n"
        run.placesHolding('Hunter2') == []
        run.placesHolding('S3cret-source-pw') == []

        where:
        kind       | statement                                              || error
        'h2'       | "CREATE USER mig_x PASSWORD 'Hunter2-literal' BOGUS"    || 'Syntax error'
        'postgres' | 'ALTER USER mig_nobody PASSWORD Hunter2literal'         || 'ERROR: syntax error'
        'mysql'    | 'CREATE USER mig_x IDENTIFIED BY Hunter2literal'        || 'You have an error in your SQL syntax; check the manual that corresponds to your MariaDB server version for the right syntax to use at line 1'
    }

    def "a scaffold from URLs that hold credentials writes none of them, and its script runs with them from the environment"() {
        given:
        TestServer pg = server('postgres')
        TestServer my = server('mysql')
        String src = database(pg, 'mig_src')
        String dst = database(my, 'mig_dst')
        String user = mysqlUser(my, dst, 'S3cret-my-pw')
        pg.withDatabase(src) { Sql sql ->
            sql.execute("CREATE TABLE books (id int PRIMARY KEY, title varchar(100)); INSERT INTO books VALUES (1, 'Solaris'), (2, 'Kindred')")
        }
        my.withDatabase(dst) { Sql sql -> sql.execute('CREATE TABLE books (id int PRIMARY KEY, title varchar(100))') }
        String sourceUrl = "${pg.url(src)}?user=${pg.user}&password=S3cret-pg-pw&ApplicationName=scaffold"
        String targetUrl = my.url(dst).replace('jdbc:mysql://', "jdbc:mysql://${user}:S3cret-my-pw@")

        when:
        Path folder = MigrateProcess.folder()
        Path books = folder.resolve('books.groovy')
        def scaffold = MigrateProcess.call(['scaffold', '--source', sourceUrl, '--target', targetUrl, '--name', 'books', '--out', books.toString()], folder)
        String script = Files.readString(books)

        then:
        scaffold.exitCode == 0
        script.contains("""\
            |    source {
            |        url '${pg.url(src)}?ApplicationName=scaffold'
            |        user env('MIGRATE_SOURCE_USER', '${pg.user}')
            |        password env('MIGRATE_SOURCE_PASSWORD')
            |    }
            |    target {
            |        url '${my.url(dst)}'
            |        user env('MIGRATE_TARGET_USER', '${user}')
            |        password env('MIGRATE_TARGET_PASSWORD')
            |    }
            |""".stripMargin())
        scaffold.placesHolding('S3cret') == []

        when:
        def run = MigrateProcess.start([books.toString()], [MIGRATE_SOURCE_PASSWORD: 'S3cret-pg-pw', MIGRATE_TARGET_PASSWORD: 'S3cret-my-pw'])

        then:
        run.exitCode == 0
        my.withDatabase(dst) { Sql sql -> sql.rows('SELECT id, title FROM books ORDER BY id').collect { it as Map } } ==
                [[id: 1, title: 'Solaris'], [id: 2, title: 'Kindred']]
        run.placesHolding('S3cret') == []
    }

    def "a password option alone asks for the password, on stderr, and the password is written nowhere"() {
        given:
        String source = h2File('source', 'S3cret-first')
        String target = h2File('target', 'S3cret-second')

        when:
        def run = MigrateProcess.start(['scaffold', '--source', source, '--source-user', 'sa', '--source-password', '--target', target,
                                        '--target-user', 'sa', '--target-password'], [:], 'S3cret-first\nS3cret-second\n')

        then:
        run.exitCode == 0
        run.stderr == 'source password: target password: '
        run.stdout.startsWith('// Written by migrate scaffold.')
        run.stdout.contains("""\
            |    source {
            |        url '${source}'
            |        user env('MIGRATE_SOURCE_USER', 'sa')
            |        password env('MIGRATE_SOURCE_PASSWORD')
            |    }
            |""".stripMargin())
        run.placesHolding('S3cret') == []
    }

    /** A MariaDB source whose URL holds its user's password, with a table of two rows, and an empty PostgreSQL target. */
    private Map<String, String> credentialsInUrls() {
        TestServer my = server('mysql')
        TestServer pg = server('postgres')
        String src = database(my, 'mig_src')
        String dst = database(pg, 'mig_dst')
        String user = mysqlUser(my, src, 'S3cret-my-pw')
        my.withDatabase(src) { Sql sql ->
            sql.execute('CREATE TABLE books (id int PRIMARY KEY, title varchar(100))')
            sql.execute("INSERT INTO books VALUES (1, 'Solaris'), (2, 'Kindred')")
        }
        [source: my.url(src).replace('jdbc:mysql://', "jdbc:mysql://${user}:S3cret-my-pw@"),
         target: "${pg.url(dst)}?user=${pg.user}&password=S3cret-pg-pw".toString()]
    }

    def "credentials in URLs reach no log line, report, plan or DDL file"() {
        given:
        def urls = credentialsInUrls()
        def script = Scripts.write('urls.groovy', """\
            migration 'urls', {
                source { url '${urls.source}'; property 'trustCertificateKeyStorePassword', 'S3cret-store-pw' }
                target { url '${urls.target}' }
            }
            """.stripIndent())
        Path folder = MigrateProcess.folder()

        when:
        def plan = MigrateProcess.call(['plan', script.toString(), '--results', folder.resolve('results').toString(),
                                        '--sql', folder.resolve('ddl.sql').toString()], folder)
        def run = MigrateProcess.call([script.toString(), '--results', folder.resolve('results').toString()], folder)

        then:
        plan.exitCode == 0
        plan.stdout.startsWith("Plan urls: ${urls.source.replace('S3cret-my-pw', '***')} -> ${urls.target.replace('S3cret-pg-pw', '***')}\n")
        run.exitCode == 0
        Files.list(folder.resolve('results')).count() == 3
        plan.placesHolding('S3cret') == []
        run.placesHolding('S3cret') == []
    }

    def "credentials reach no log line even with the pool's debug logging on"() {
        given:
        def urls = credentialsInUrls()
        def script = Scripts.write('pool.groovy', """\
            migration 'pool', {
                source { url '${urls.source}'; property 'trustCertificateKeyStorePassword', 'S3cret-store-pw' }
                target { url '${urls.target}'; property 'sslpassword', 'S3cret-ssl-pw' }
            }
            """.stripIndent())
        Path logging = Files.createTempFile('logback', '.xml')
        Files.writeString(logging, Files.readString(Path.of('config/logback.xml'))
                .replaceFirst('<logger name="com.zaxxer.hikari" level="[A-Z]+"/>', '<logger name="com.zaxxer.hikari" level="DEBUG"/>'))

        when:
        def run = MigrateProcess.start([script.toString()], [:], '', logging)

        then:
        run.exitCode == 0
        run.stderr.contains('jdbcUrl')
        run.placesHolding('S3cret') == []
    }

    def "the pool's stack traces reach the terminal only with --debug, and then without a password"() {
        given:
        TestServer pg = server('postgres')
        String url = pg.url(database(pg, 'mig_kill'))
        def script = Scripts.write('killed.groovy', """\
            migration 'killed', {
                source { url '${url}?password=S3cret-pg-pw'; user '${pg.user}' }
                target { url '${url}'; user '${pg.user}'; password 'S3cret-pg-pw' }
                before { target.execute 'SELECT pg_terminate_backend(pg_backend_pid())' }
            }
            """.stripIndent())
        Path folder = MigrateProcess.folder()

        when:
        def quiet = MigrateProcess.call([script.toString()], folder)
        def debug = MigrateProcess.call([script.toString(), '--debug'], folder)

        then:
        quiet.exitCode == 1
        quiet.stderr == 'error: before hook (killed.groovy, line 4) failed: FATAL: terminating connection due to administrator command\n'
        debug.exitCode == 1
        debug.stderr.contains('WARN  migrate-target - Connection org.postgresql.jdbc.PgConnection@')
        debug.stderr.contains('\tat org.postgresql.')
        quiet.placesHolding('S3cret') == []
        debug.placesHolding('S3cret') == []
    }
}
