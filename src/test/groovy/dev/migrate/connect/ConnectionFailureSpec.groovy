package dev.migrate.connect

import dev.migrate.cli.Main
import dev.migrate.dialect.Role
import dev.migrate.plan.Endpoint
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.Scripts
import dev.migrate.support.TestDatabases
import dev.migrate.support.TestServer
import groovy.sql.Sql

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.CompletableFuture

/**
 * A database that cannot be reached or will not let the tool in: one line that says what happened in plain words,
 * exit 1, no stack trace, and never a password.
 */
class ConnectionFailureSpec extends DatabaseSpecification {

    PrintStream originalOut = System.out
    PrintStream originalErr = System.err
    ByteArrayOutputStream out = new ByteArrayOutputStream()
    ByteArrayOutputStream err = new ByteArrayOutputStream()
    Path results = Files.createTempDirectory('results')
    Path files = Files.createTempDirectory('files')
    String dbId = UUID.randomUUID().toString().substring(0, 8)

    def setup() {
        System.out = new PrintStream(out, true, 'UTF-8')
        System.err = new PrintStream(err, true, 'UTF-8')
    }

    def cleanup() {
        System.out = originalOut
        System.err = originalErr
    }

    /** Runs a script whose source is {@code source} (a block body) and returns its exit code. */
    private int run(String source, String target = "url 'jdbc:h2:mem:target_${dbId}'") {
        def file = Scripts.write("connect_${dbId}.groovy", """\
            migration 'connect', {
                source { ${source} }
                target { ${target} }
            }
            """.stripIndent())
        Main.execute(file.toString(), '--results', results.toString())
    }

    private String stderr() {
        err.toString('UTF-8')
    }

    private String everything() {
        out.toString('UTF-8') + err.toString('UTF-8') + Files.walk(results).filter(Files.&isRegularFile).collect { Files.readString(it) }.join('\n')
    }

    def "a PostgreSQL server that cannot be reached is named with the reason: #what"() {
        when:
        int code = run("url '${url}'; user 'postgres'")

        then:
        code == 1
        stderr() == "error: cannot connect to the source ${url}: ${reason}\n"

        where:
        what            | url                                         || reason
        'a closed port' | 'jdbc:postgresql://127.0.0.1:9/x'           || 'cannot reach 127.0.0.1:9: connection refused (is the server running, and on that port?)'
        'an unknown host' | 'jdbc:postgresql://nosuchhost.invalid/x'  || 'unknown host nosuchhost.invalid'
    }

    def "a MySQL or MariaDB server that cannot be reached is named with the reason: #what"() {
        when:
        int code = run("url '${url}'; user 'root'")

        then:
        code == 1
        stderr() == "error: cannot connect to the source ${url}: ${reason}\n"

        where:
        what              | url                                     || reason
        'a closed port'   | 'jdbc:mysql://127.0.0.1:9/x'            || 'cannot reach 127.0.0.1:9: connection refused (is the server running, and on that port?)'
        'a closed MariaDB port' | 'jdbc:mariadb://127.0.0.1:3307/x'  || 'cannot reach 127.0.0.1:3307: connection refused (is the server running, and on that port?)'
        'an unknown host' | 'jdbc:mariadb://nosuchhost.invalid/x'   || 'unknown host nosuchhost.invalid'
    }

    def "a closed port is named as the address that cannot be reached, as the target too, in every server's URL shape: #url"() {
        when:
        TestServer pg = TestDatabases.postgres()
        int code = run("url '${pg.url('postgres')}'; user '${pg.user}'", "url '${url}'; user 'someone'")

        then:
        code == 1
        stderr() == "error: cannot connect to the target ${url}: cannot reach ${address}: connection refused (is the server running, and on that port?)\n"

        where:
        url                                                     || address
        'jdbc:postgresql://127.0.0.1:9/x'                       || '127.0.0.1:9'
        'jdbc:mariadb://127.0.0.1:3307/x'                       || '127.0.0.1:3307'
        'jdbc:sqlserver://127.0.0.1:9;databaseName=x;encrypt=false' || '127.0.0.1:9'
        'jdbc:oracle:thin:@127.0.0.1:9:XE'                      || '127.0.0.1:9'
        'jdbc:oracle:thin:@//127.0.0.1:9/XEPDB1'                || '127.0.0.1:9'
    }

    def "a server URL without a port is named with the port its driver tries: #url"() {
        expect:
        ConnectionDiagnosis.server(url) == address

        where:
        url                                            || address
        'jdbc:postgresql://db.example/shop'            || 'db.example:5432'
        'jdbc:mysql://db.example/shop'                 || 'db.example:3306'
        'jdbc:mariadb://db.example/shop'               || 'db.example:3306'
        'jdbc:sqlserver://db.example;databaseName=x'   || 'db.example:1433'
        'jdbc:sqlserver://db.example\\SQLEXPRESS;databaseName=x' || 'db.example\\SQLEXPRESS'
        'jdbc:oracle:thin:@db.example:1521:XE'         || 'db.example:1521'
        'jdbc:oracle:thin:@//db.example/XEPDB1'        || 'db.example:1521'
        'jdbc:postgresql://u:pw@db.example:6543/shop'  || 'db.example:6543'
        'jdbc:h2:mem:x'                                || null
    }

    def "a port where another kind of server listens is named as not answering as PostgreSQL"() {
        given:
        String mysqlServer = TestDatabases.mysql().baseUrl - 'jdbc:mysql://'
        String url = "jdbc:postgresql://${mysqlServer}/x"

        when:
        int code = run("url '${url}'; user 'postgres'")

        then:
        code == 1
        stderr() == "error: cannot connect to the source ${url}: ${mysqlServer} did not answer as a PostgreSQL server\n"
    }

    def "a database that does not exist is named, on PostgreSQL and on MariaDB: #kind"() {
        given:
        TestServer server = server(kind)
        String url = server.url("mig_missing_${dbId}")
        String address = server.baseUrl.replaceFirst('jdbc:[a-z]+://', '')

        when:
        int code = run("url '${url}'; user '${server.user}'")

        then:
        code == 1
        stderr() == "error: cannot connect to the source ${url}: database mig_missing_${dbId} does not exist on ${address}\n"

        where:
        kind << ['postgres', 'mysql']
    }

    def "a PostgreSQL role that may not log in is refused by name, and its password is shown nowhere"() {
        given:
        TestServer pg = TestDatabases.postgres()
        String role = "mig_role_${dbId}"
        String url = pg.url('postgres')
        pg.withDatabase('postgres') { Sql sql -> sql.execute("CREATE ROLE ${role} NOLOGIN PASSWORD 'Right-S3cret-${dbId}'".toString()) }
        cleanups << { pg.withDatabase('postgres') { Sql sql -> sql.execute("DROP ROLE IF EXISTS ${role}".toString()) } }

        when:
        int code = run("url '${url}'; user '${role}'; password 'Wr0ng-S3cret-${dbId}'")

        then:
        code == 1
        stderr() == "error: cannot connect to the source ${url}: the database refused user ${role}: role \"${role}\" is not permitted to log in\n"
        !everything().contains("S3cret-${dbId}")
    }

    def "a MariaDB user with a wrong password is refused by name, and the password is shown nowhere"() {
        given:
        TestServer my = TestDatabases.mysql()
        String user = "mig_pw_${dbId}"
        String url = my.url('mysql')
        my.withDatabase('mysql') { Sql sql ->
            ['%', 'localhost', '127.0.0.1'].each { host -> sql.execute("CREATE USER '${user}'@'${host}' IDENTIFIED BY 'Right-S3cret-${dbId}'".toString()) }
        }
        cleanups << {
            my.withDatabase('mysql') { Sql sql -> ['%', 'localhost', '127.0.0.1'].each { host -> sql.execute("DROP USER IF EXISTS '${user}'@'${host}'".toString()) } }
        }

        when:
        int code = run("url '${url}'; user '${user}'; password 'Wr0ng-S3cret-${dbId}'")

        then:
        code == 1
        stderr() ==~ /error: cannot connect to the source \Q${url}\E: the database refused user ${user}: Access denied for user '${user}'@'[^']+' \(using password: YES\)\n/
        !everything().contains("S3cret-${dbId}")
    }

    def "an embedded source that does not exist is named, and nothing is created in its place: #what"() {
        given:
        String path = files.resolve(name).toString()

        when:
        int code = run("url '${prefix}${path}'")

        then:
        code == 1
        stderr() == "error: cannot connect to the source ${prefix}${path}: ${reason.replace('PATH', path)}\n"
        Files.list(files).toList().isEmpty()

        where:
        what                          | prefix         | name                    || reason
        'an H2 file'                  | 'jdbc:h2:'     | 'missing'               || 'database PATH does not exist'
        'a SQLite file'               | 'jdbc:sqlite:' | 'missing.sqlite'        || 'database file PATH does not exist'
        'a SQLite file in no folder'  | 'jdbc:sqlite:' | 'no/folder/shop.sqlite' || 'database file PATH does not exist'
    }

    def "an embedded source that is not a database is named"() {
        given:
        Path notes = Files.writeString(files.resolve('notes.txt'), 'not a database')

        when:
        int code = run("url 'jdbc:sqlite:${notes}'")

        then:
        code == 1
        stderr() == "error: cannot connect to the source jdbc:sqlite:${notes}: ${notes} is not a SQLite database\n"
    }

    def "an embedded target that cannot be created is named, without H2's own stack trace"() {
        given:
        Path source = files.resolve('source.sqlite')
        Sql.newInstance("jdbc:sqlite:${source}").withCloseable { it.execute('CREATE TABLE t (id INTEGER PRIMARY KEY)') }
        Path file = Files.writeString(files.resolve('file'), 'a file, not a folder')

        when:
        int code = run("url 'jdbc:sqlite:${source}'", "url 'jdbc:h2:${file}/target'")

        then:
        code == 1
        stderr() == "error: cannot connect to the target jdbc:h2:${file}/target: ${file}: not a folder\n"
    }

    def "a server that accepts the connection and then says nothing is given up after 10 s, and the message says so"() {
        given:
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName('127.0.0.1'))
        List<Socket> held = Collections.synchronizedList([])
        Thread.startDaemon('silent-server') {
            while (!silent.closed) {
                try {
                    held << silent.accept()
                } catch (SocketException ignored) {
                    // closed at cleanup
                }
            }
        }
        cleanups << { silent.close(); held.each { it.close() } }
        String address = "127.0.0.1:${silent.localPort}"

        when: 'a PostgreSQL and a MySQL URL are tried at the same time'
        def attempts = ['postgresql', 'mysql'].collect { kind ->
            CompletableFuture.supplyAsync {
                try {
                    Database.open(new Endpoint("jdbc:${kind}://${address}/x", 'someone', null, null, [:]), Role.SOURCE, 1).close()
                    'connected'
                } catch (ConnectionFailure e) {
                    e.message
                }
            }
        }*.join()

        then:
        attempts == ['postgresql', 'mysql'].collect { kind ->
            "cannot connect to the source jdbc:${kind}://${address}/x: no answer within 10 s (is ${address} the right address, and reachable from here?)".toString()
        }
    }
}
