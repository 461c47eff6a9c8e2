package dev.migrate.integration

import dev.migrate.serve.ConsoleHome
import dev.migrate.serve.ConsoleServer
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.TestServer
import groovy.json.JsonOutput
import groovy.json.JsonSlurper

import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files
import java.nio.file.Path

/**
 * The console's API over real HTTP: every call needs the token; saved connections keep their passwords sealed in
 * the home folder and never give them back; bad input gets 400 naming the field; a test of a saved connection
 * reaches the real database.
 */
class ConsoleApiSpec extends DatabaseSpecification {

    static final String PASSWORD = 'Sup3r-s3cret-pw'

    Path home = Files.createTempDirectory('console-home')
    ConsoleHome state
    ConsoleServer server
    int port
    HttpClient http = HttpClient.newHttpClient()

    def setup() {
        state = ConsoleHome.open(home)
        state.token('the-token')
        server = new ConsoleServer(state)
        port = server.start('127.0.0.1', 0)
    }

    def cleanup() {
        server?.close()
    }

    private Map call(String method, String path, Object body = null, String token = 'the-token') {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:${port}${path}"))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body instanceof String ? body : JsonOutput.toJson(body)))
                .header('Content-Type', 'application/json')
        if (token != null) {
            request.header('Authorization', "Bearer ${token}")
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString())
        [status: response.statusCode(), body: response.body() ? new JsonSlurper().parseText(response.body()) : null, text: response.body()]
    }

    def "without the token, or with a wrong one, every call gets 401 and nothing else"() {
        expect:
        call('GET', '/api/connections', null, null).status == 401
        call('GET', '/api/connections', null, 'wrong').status == 401
        call('POST', '/api/connections', [name: 'x', url: 'jdbc:h2:mem:x'], 'wrong').status == 401
        call('GET', '/api/no-such-thing', null, null).status == 401
        !call('GET', '/api/connections', null, 'wrong').text.contains('Exception')
    }

    def "a saved connection is tested against its database, shown without its password, and the password is nowhere in the home folder"() {
        given:
        TestServer pg = server('postgres')
        String db = database(pg, 'console')

        when:
        Map saved = call('POST', '/api/connections', [name: 'shop', url: pg.url(db), user: pg.user, password: PASSWORD,
                                                      properties: [ApplicationName: 'console', sslpassword: PASSWORD]])
        Map listed = call('GET', '/api/connections')
        Map tested = call('POST', '/api/connections/shop/test')
        Map kept = call('PUT', '/api/connections/shop', [url: pg.url(db), user: pg.user, properties: [ApplicationName: 'renamed', sslpassword: '********']])
        List<Path> files = Files.walk(home).withCloseable { it.filter { Files.isRegularFile(it) }.toList() }

        then:
        saved.status == 201
        saved.body == [name: 'shop', url: pg.url(db), user: pg.user, password: true, properties: [ApplicationName: 'console', sslpassword: '********']]
        listed.body*.name == ['shop']
        !listed.text.contains(PASSWORD)
        tested.body.ok == true
        tested.body.database.startsWith('PostgreSQL ')
        kept.body.get('properties') == [ApplicationName: 'renamed', sslpassword: '********']
        kept.body.password == true
        files*.fileName*.toString().containsAll(['console.key', 'console.mv.db'])
        files.every { !new String(Files.readAllBytes(it), 'ISO-8859-1').contains(PASSWORD) }
        Files.getPosixFilePermissions(home.resolve('console.key'))*.toString().sort() == ['OWNER_READ', 'OWNER_WRITE']
    }

    def "bad input gets 400 with one line naming the field, and nothing is saved: #why"() {
        when:
        Map answer = call('POST', '/api/connections', body)

        then:
        answer.status == 400
        answer.body == [error: error]
        call('GET', '/api/connections').body == []

        where:
        why              | body                                                  || error
        'no url'         | [name: 'a']                                           || 'url: missing'
        'a number name'  | [name: 5, url: 'jdbc:h2:mem:a']                       || 'name: a text, not integer'
        'a bad url'      | [name: 'a', url: 'http://example.com']                || "url: a JDBC URL of PostgreSQL, MySQL, MariaDB, Oracle, SQL Server, H2 or SQLite, not 'http://example.com'"
        'an odd name'    | [name: 'a b', url: 'jdbc:h2:mem:a']                   || "name: letters, digits, '.', '_' and '-', up to 100 of them, not 'a b'"
        'not json'       | '{"name": '                                           || 'body: not JSON (Unexpected end-of-input within/between Object entries)'
        'an extra field' | [name: 'a', url: 'jdbc:h2:mem:a', colour: 'red']     || 'colour: not a field of a connection (name, url, user, password, properties)'
    }

    def "settings are kept in the home folder and checked; an unknown connection is 404"() {
        expect:
        call('GET', '/api/settings').body == [batchSize: 10000, maxRuns: 2, parallelism: 4]
        call('POST', '/api/settings', [parallelism: 8]).body == [batchSize: 10000, maxRuns: 2, parallelism: 8]
        call('POST', '/api/settings', [parallelism: 0]).body == [error: 'parallelism: a whole number of 1 or more, not 0']
        call('POST', '/api/settings', [speed: 3]).body == [error: 'speed: no such setting; the settings are ' + ConsoleServer.SETTINGS.keySet().join(', ')]
        ConsoleHome.open(home).setting('parallelism').get() == '8'
        call('GET', '/api/connections/nope').status == 404
        call('POST', '/api/connections/nope/test').body == [error: 'no connection named nope']
    }

    def "a query of one saved connection fills a table of another: PostgreSQL into MariaDB, row by row, and the run is in the history"() {
        given:
        TestServer pg = server('postgres')
        TestServer maria = server('mysql')
        String from = database(pg, 'console_src')
        String into = database(maria, 'console_dst')
        pg.connect(from).withCloseable { sql ->
            sql.execute 'CREATE TABLE people (id INT PRIMARY KEY, name TEXT NOT NULL, joined DATE)'
            sql.execute "INSERT INTO people SELECT g, 'person ' || g, DATE '2024-01-01' + g FROM generate_series(1, 500) g"
        }
        call('POST', '/api/connections', [name: 'pg', url: pg.url(from), user: pg.user, password: PASSWORD])
        call('POST', '/api/connections', [name: 'maria', url: maria.url(into), user: maria.user])

        when:
        Map started = call('POST', '/api/migrate', [source: 'pg', destination: 'maria', query: 'SELECT id, name, joined FROM people WHERE id <= 100',
                                                    target_table: 'copied'])
        Map run = null
        for (int i = 0; i < 600 && run?.status != 'done' && run?.status != 'failed'; i++) {
            Thread.sleep(100)
            run = call('GET', "/api/runs/${started.body.id}").body
        }
        List copied = maria.connect(into).withCloseable { sql -> sql.rows('SELECT id, name, joined FROM copied ORDER BY id').collect { [it.id, it.name, it.joined.toString()] } }
        Map history = call('GET', '/api/history')

        then:
        started.status == 202
        run.status == 'done'
        run.rowsRead == 100
        run.rowsWritten == 100
        run.error == null
        copied == (1..100).collect { [it, "person ${it}".toString(), java.time.LocalDate.of(2024, 1, 1).plusDays(it).toString()] }
        history.body*.id == [started.body.id]
        history.body[0].targetTable == 'copied'
        !history.text.contains(PASSWORD)
        Files.exists(Path.of(history.body[0].report as String))
    }

    def "a migration with bad input gets 400 naming the field: #why"() {
        given:
        call('POST', '/api/connections', [name: 'h2', url: 'jdbc:h2:mem:console_x', user: 'sa'])

        expect:
        call('POST', '/api/migrate', body).body.error.startsWith(error)
        call('GET', '/api/history').body == []

        where:
        why                   | body                                                                         || error
        'an unknown source'   | [source: 'nope', destination: 'h2', query: 'SELECT 1', target_table: 't']    || 'source: no connection named nope'
        'an empty query'      | [source: 'h2', destination: 'h2', query: ' ', target_table: 't']             || 'query: empty'
        'no target table'     | [source: 'h2', destination: 'h2', query: 'SELECT 1']                         || 'target_table: missing'
        'a script elsewhere'  | [script: '../../etc/passwd']                                                 || 'script: a script under '
    }
}
