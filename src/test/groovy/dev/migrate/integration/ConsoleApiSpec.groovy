package dev.migrate.integration

import dev.migrate.plan.Configuration
import dev.migrate.plan.Identifiers
import dev.migrate.plan.Settings
import dev.migrate.serve.ConsoleHome
import dev.migrate.serve.ConsoleServer
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.MigrateProcess
import dev.migrate.support.TestServer
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import groovy.sql.Sql

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
        'a number name'  | [name: 5, url: 'jdbc:h2:mem:a']                       || 'name: a text, not a number'
        'a bad url'      | [name: 'a', url: 'http://example.com']                || "url: a JDBC URL of PostgreSQL, MySQL, MariaDB, Oracle, SQL Server, H2 or SQLite, not 'http://example.com'"
        'an odd name'    | [name: 'a b', url: 'jdbc:h2:mem:a']                   || "name: letters, digits, '.', '_' and '-', up to 100 of them, not 'a b'"
        'not json'       | '{"name": '                                           || 'body: not JSON (Unexpected end-of-input within/between Object entries)'
        'an extra field' | [name: 'a', url: 'jdbc:h2:mem:a', colour: 'red']     || 'colour: not a field of a connection (name, url, user, password, properties)'
    }

    def "settings are kept in the home folder and checked; an unknown connection is 404"() {
        expect:
        call('GET', '/api/settings').body == [batchSize: 5000, maxRuns: 2, missedRuns: 'once', parallelism: Settings.DEFAULTS.parallelism()]
        call('POST', '/api/settings', [parallelism: 8, missedRuns: 'skip']).body == [batchSize: 5000, maxRuns: 2, missedRuns: 'skip', parallelism: 8]
        call('POST', '/api/settings', [parallelism: 0]).body == [error: 'parallelism: a whole number of 1 or more, not 0']
        call('POST', '/api/settings', [missedRuns: 'twice']).body == [error: 'missedRuns: once or skip, not twice']
        call('POST', '/api/settings', [speed: 3]).body == [error: 'speed: no such setting; the settings are batchSize, maxRuns, missedRuns, parallelism']
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

    def "a saved script runs over its configuration, then the console's saved settings, then the request's"() {
        given: 'a configuration that folds names to snake case and sets the batch size, as migrate.conf next to the script would'
        server.close()
        server = new ConsoleServer(state, { Path script ->
            script == null ? Configuration.DEFAULTS
                    : Configuration.of(Settings.DEFAULTS.toBuilder().identifiers(Identifiers.SNAKE_CASE).batchSize(777).parallelism(3).build())
        })
        port = server.start('127.0.0.1', 0)
        String from = "jdbc:h2:mem:console_conf_src_${UUID.randomUUID().toString().replace('-', '')};DB_CLOSE_DELAY=-1"
        String into = "jdbc:h2:mem:console_conf_dst_${UUID.randomUUID().toString().replace('-', '')};DB_CLOSE_DELAY=-1"
        Sql source = Sql.newInstance(from, 'sa', '')
        Sql target = Sql.newInstance(into, 'sa', '')
        source.execute 'CREATE TABLE "OrderLines" ("LineId" INT PRIMARY KEY, "UnitPrice" DECIMAL(8, 2))'
        source.execute 'INSERT INTO "OrderLines" VALUES (1, 2.50), (2, 4.00)'
        Files.createDirectories(home.resolve('scripts'))
        Files.writeString(home.resolve('scripts/copy.groovy'), """\
            migration 'copy', {
                source { url '${from}'; user 'sa' }
                target { url '${into}'; user 'sa' }
            }
            """.stripIndent())
        call('POST', '/api/settings', [parallelism: 2])

        when:
        Map started = call('POST', '/api/migrate', [script: 'copy.groovy', batchSize: 50])
        Map run = null
        for (int i = 0; i < 600 && run?.status != 'done' && run?.status != 'failed'; i++) {
            Thread.sleep(100)
            run = call('GET', "/api/runs/${started.body.id}").body
        }
        Map report = new JsonSlurper().parse(Path.of(run.report as String).toFile()) as Map

        then:
        run.status == 'done'
        target.rows('SELECT "line_id", "unit_price" FROM "order_lines" ORDER BY 1').collect { [it.line_id, it.unit_price] } == [[1, 2.50], [2, 4.00]]
        report.settings.batchSize == 50
        report.settings.parallelism == 2
        report.settings.identifiers == 'SNAKE_CASE'

        cleanup:
        source?.close()
        target?.close()
    }

    def "a migration with bad input gets 400 naming the field: #why"() {
        given:
        call('POST', '/api/connections', [name: 'h2', url: memory('console_x'), user: 'sa'])

        expect:
        call('POST', '/api/migrate', body).body.error.startsWith(error)
        call('GET', '/api/history').body == []

        where:
        why                   | body                                                                         || error
        'an unknown source'   | [source: 'nope', destination: 'h2', query: 'SELECT 1', target_table: 't']    || 'source: no connection named nope'
        'an empty query'      | [source: 'h2', destination: 'h2', query: ' ', target_table: 't']             || 'query: empty'
        'no target table'     | [source: 'h2', destination: 'h2', query: 'SELECT 1']                         || 'target_table: missing'
        'a script elsewhere'  | [script: '../../etc/passwd']                                                 || 'script: a script under '
        'a query that fails'  | [source: 'h2', destination: 'h2', query: 'SELECT nothing', target_table: 't'] || 'query: does not run in the source: Column "NOTHING" not found'
        'a number batch'      | [source: 'h2', destination: 'h2', query: 'SELECT 1', target_table: 't', batchSize: 'x'] || 'batchSize: a whole number of 1 or more, not a text'
        'query and script'    | [script: 'a.groovy', query: 'SELECT 1']                                     || 'query: a migration is either a script or a query'
    }

    /** An in-memory H2 database that stays while this JVM runs: a source must exist before a run opens it. */
    private static String memory(String prefix) {
        String url = "jdbc:h2:mem:${prefix}_${UUID.randomUUID()};DB_CLOSE_DELAY=-1"
        groovy.sql.Sql.newInstance(url, 'sa', '').close()
        url
    }

    private Map waitForRun(String id, int seconds = 60) {
        Map run = null
        for (int i = 0; i < seconds * 10 && !(run?.status in ['done', 'failed', 'cancelled', 'skipped']); i++) {
            Thread.sleep(100)
            run = call('GET', "/api/runs/${id}").body
        }
        run
    }

    private List<Map> waitForHistory(int count, int seconds = 60) {
        List<Map> runs = []
        for (int i = 0; i < seconds * 10 && runs.size() < count; i++) {
            Thread.sleep(100)
            runs = call('GET', '/api/history').body
        }
        runs
    }

    /** Stops the server, waits {@code down} ms, and starts another over the same home. */
    private void restart(long down = 0) {
        server.close()
        Thread.sleep(down)
        server = new ConsoleServer(ConsoleHome.open(home))
        port = server.start('127.0.0.1', 0)
    }

    def "a running migration is cancelled: its open partition rolls back, it ends cancelled, and the history says who cancelled it"() {
        given:
        TestServer pg = server('postgres')
        TestServer maria = server('mysql')
        String from = database(pg, 'console_src')
        String into = database(maria, 'console_dst')
        call('POST', '/api/connections', [name: 'pg', url: pg.url(from), user: pg.user])
        call('POST', '/api/connections', [name: 'maria', url: maria.url(into), user: maria.user])

        when:
        Map started = call('POST', '/api/migrate', [source: 'pg', destination: 'maria', target_table: 'big',
                                                    query: 'SELECT g AS id, md5(g::text) AS v FROM generate_series(1, 20000000) g'])
        Map running = null
        for (int i = 0; i < 600 && !(running?.tables?.big?.written > 0); i++) {
            Thread.sleep(100)
            running = call('GET', "/api/runs/${started.body.id}").body
        }
        Map cancel = call('POST', "/api/runs/${started.body.id}/cancel")
        Map ended = waitForRun(started.body.id)
        long rows = maria.connect(into).withCloseable { sql -> sql.firstRow('SELECT COUNT(*) AS n FROM big').n as long }

        then:
        running.status == 'running'
        cancel.status == 202
        cancel.body.status == 'cancelling'
        ended.status == 'cancelled'
        ended.error == 'table big: cancelled (cancelled by api from 127.0.0.1); its open partitions rolled back, those that had committed stay' +
                ' (--resume goes on from them)'
        rows == 0
        call('POST', "/api/runs/${started.body.id}/cancel").status == 409
        call('GET', '/api/history?status=cancelled').body*.id == [started.body.id]
        call('GET', '/api/history?status=done').body == []
    }

    def "with maxRuns 1 a second run waits its turn; cancelled while it waits, it never starts"() {
        given:
        call('POST', '/api/settings', [maxRuns: 1])
        restart()
        TestServer pg = server('postgres')
        String from = database(pg, 'console_src')
        String into = database(pg, 'console_dst')
        call('POST', '/api/connections', [name: 'a', url: pg.url(from), user: pg.user])
        call('POST', '/api/connections', [name: 'b', url: pg.url(into), user: pg.user])

        when:
        String first = call('POST', '/api/migrate', [source: 'a', destination: 'b', target_table: 'slow',
                                                     query: 'SELECT g AS id, pg_sleep(0.001) IS NULL AS slept FROM generate_series(1, 100000) g']).body.id
        String second = call('POST', '/api/migrate', [source: 'a', destination: 'b', target_table: 'quick', query: 'SELECT 1 AS id']).body.id
        Thread.sleep(500)
        Map load = call('GET', '/api/status').body
        Map waiting = call('GET', "/api/runs/${second}").body
        List<String> active = call('GET', '/api/runs').body*.id
        call('POST', "/api/runs/${second}/cancel")
        call('POST', "/api/runs/${first}/cancel")
        Map firstEnded = waitForRun(first)
        Map secondEnded = waitForRun(second)

        then:
        load == [maxRuns: 1, running: 1, queued: 1]
        waiting.status == 'queued'
        active == [first, second]
        firstEnded.status == 'cancelled'
        secondEnded.status == 'cancelled'
        secondEnded.error == 'cancelled before it started (cancelled by api from 127.0.0.1)'
        pg.connect(into).withCloseable { sql -> sql.firstRow("SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_name = 'quick'").n } == 0
        call('GET', '/api/history?status=cancelled').body*.id as Set == [first, second] as Set
    }

    def "a run's progress streams as server-sent events, ending with how it ended"() {
        given:
        TestServer pg = server('postgres')
        String from = database(pg, 'console_src')
        String into = database(pg, 'console_dst')
        call('POST', '/api/connections', [name: 'a', url: pg.url(from), user: pg.user])
        call('POST', '/api/connections', [name: 'b', url: pg.url(into), user: pg.user])
        String id = call('POST', '/api/migrate', [source: 'a', destination: 'b', target_table: 'numbers',
                                                  query: 'SELECT g AS id FROM generate_series(1, 300000) g']).body.id

        when:
        HttpResponse<java.util.stream.Stream<String>> stream = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:${port}/api/runs/${id}/events"))
                .header('Authorization', 'Bearer the-token').header('Accept', 'text/event-stream').build(), HttpResponse.BodyHandlers.ofLines())
        List<String> lines = stream.body().withCloseable { it.toList() }
        List<String> events = lines.findAll { it.startsWith('event: ') }.collect { it.substring(7) }
        Map last = new JsonSlurper().parseText(lines.findAll { it.startsWith('data: ') }.last().substring(6)) as Map

        then:
        stream.statusCode() == 200
        stream.headers().firstValue('Content-Type').get().startsWith('text/event-stream')
        events.last() == 'end'
        events.count('end') == 1
        events.findAll { it != 'end' }.every { it == 'progress' }
        last.status == 'done'
        last.rowsWritten == 300000
        last.tables == [numbers: [expected: last.tables.numbers.expected, written: 300000]]
        call('GET', '/api/runs/nope/events').status == 200
    }

    def "a schedule at a time runs then; schedules are checked, listed and deleted"() {
        given:
        call('POST', '/api/connections', [name: 'h2', url: memory('sched'), user: 'sa'])
        String soon = java.time.LocalDateTime.now().plusSeconds(2).withNano(0).toString()

        when:
        Map saved = call('POST', '/api/schedule', [source: 'h2', destination: 'h2', query: 'SELECT 1 AS id', target_table: 'one', schedule_time: soon])
        Map nightly = call('POST', '/api/schedule', [source: 'h2', destination: 'h2', query: 'SELECT 1 AS id', target_table: 'two', cron: '30 2 * * 1-5'])
        List<Map> listed = call('GET', '/api/schedule').body
        List<Map> ran = waitForHistory(1)

        then:
        saved.status == 201
        saved.body.schedule_time == java.time.LocalDateTime.parse(soon).atZone(java.time.ZoneId.systemDefault()).toInstant().toString()
        nightly.body.cron == '0 30 2 ? * 2-6'
        java.time.Instant.parse(nightly.body.next_run as String).atZone(java.time.ZoneId.systemDefault()).toLocalTime() == java.time.LocalTime.of(2, 30)
        listed*.id == [saved.body.id, nightly.body.id]
        listed*.created_by == ['api from 127.0.0.1', 'api from 127.0.0.1']
        ran.size() == 1
        ran[0].status == 'done'
        ran[0].trigger == 'schedule'
        ran[0].startedBy == "schedule ${saved.body.id}".toString()
        ran[0].targetTable == 'one'
        ran[0].note == null
        call('GET', '/api/schedule').body*.id == [nightly.body.id]
        call('DELETE', "/api/schedule/${nightly.body.id}").status == 204
        call('DELETE', "/api/schedule/${nightly.body.id}").status == 404
        call('GET', '/api/schedule').body == []
    }

    def "a schedule with bad input gets 400 naming the field, and nothing is saved: #why"() {
        given:
        call('POST', '/api/connections', [name: 'h2', url: 'jdbc:h2:mem:sched_bad', user: 'sa'])

        expect:
        call('POST', '/api/schedule', [source: 'h2', destination: 'h2', query: 'SELECT 1', target_table: 't'] + when).body == [error: error]
        call('GET', '/api/schedule').body == []

        where:
        why              | when                                            || error
        'no time'        | [:]                                             || 'schedule_time: missing (or cron)'
        'both'           | [cron: '0 2 * * *', schedule_time: '2099-01-01T00:00:00'] || 'cron: a schedule is either a schedule_time or a cron, not both'
        'a bad cron'     | [cron: 'every night']                          || "cron: 'every night' is not a cron expression (Illegal characters for this position: 'EVE')"
        'a bad time'     | [schedule_time: 'tomorrow']                     || "schedule_time: an ISO-8601 date and time such as 2026-11-21T02:00:00, not 'tomorrow'"
        'a past time'    | [schedule_time: '2001-01-01T00:00:00']          || 'schedule_time: 2001-01-01T00:00:00 has passed'
        'a number cron'  | [cron: 5]                                       || 'cron: a text, not a number'
        'day and week'   | [cron: '0 2 1 * 1']                             || "cron: '0 2 1 * 1' sets both a day of the month and a day of the week, which Quartz cannot"
        'unknown source' | [source: 'nope', cron: '0 2 * * *']             || 'source: no connection named nope'
    }

    def "a schedule survives a restart; one that fell due while the server was down runs once at start, and the history says so"() {
        given:
        call('POST', '/api/connections', [name: 'h2', url: memory('missed'), user: 'sa'])
        String soon = java.time.LocalDateTime.now().plusSeconds(2).withNano(0).toString()
        Map saved = call('POST', '/api/schedule', [source: 'h2', destination: 'h2', query: 'SELECT 7 AS id', target_table: 'missed', schedule_time: soon])
        Map later = call('POST', '/api/schedule', [source: 'h2', destination: 'h2', query: 'SELECT 8 AS id', target_table: 'later', cron: '0 0 3 * * ?'])

        when: 'the server is down when it falls due'
        restart(4000)
        List<Map> ran = waitForHistory(1)

        then:
        ran.size() == 1
        ran[0].status == 'done'
        ran[0].startedBy == "schedule ${saved.body.id}".toString()
        ran[0].note ==~ /missed at \S+ while the server was down; ran once when it started/
        ran[0].rowsWritten == 1
        call('GET', '/api/schedule').body*.id == [later.body.id]
    }

    def "with missedRuns skip, a run missed while the server was down is recorded as skipped and does not run"() {
        given:
        call('POST', '/api/settings', [missedRuns: 'skip'])
        restart()
        call('POST', '/api/connections', [name: 'h2', url: memory('skip'), user: 'sa'])
        String soon = java.time.LocalDateTime.now().plusSeconds(2).withNano(0).toString()
        Map saved = call('POST', '/api/schedule', [source: 'h2', destination: 'h2', query: 'SELECT 7 AS id', target_table: 'skipped', schedule_time: soon])

        when:
        restart(4000)
        List<Map> ran = waitForHistory(1)

        then:
        ran.size() == 1
        ran[0].status == 'skipped'
        ran[0].rowsWritten == 0
        ran[0].note ==~ /missed at \S+ while the server was down; skipped, as the setting missedRuns is skip/
        call('GET', '/api/history?status=skipped').body*.id == [ran[0].id]
    }

    def "maxRuns is read when the server starts: a changed one takes effect at the next start"() {
        when:
        Map before = call('GET', '/api/status').body
        call('POST', '/api/settings', [maxRuns: 5])
        Map unchanged = call('GET', '/api/status').body
        restart()

        then:
        before == [maxRuns: 2, running: 0, queued: 0]
        unchanged.maxRuns == 2
        call('GET', '/api/status').body.maxRuns == 5
    }

    def "bin/migrate run --home, in a process of its own while the server runs, lands in the server's history"() {
        given:
        Path work = Files.createTempDirectory('cli-run')
        Path script = work.resolve('copy.groovy')
        String source = "jdbc:h2:file:${work.resolve('src')}"
        groovy.sql.Sql.newInstance(source, 'sa', '').withCloseable { sql ->
            sql.execute 'CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))'
            sql.execute "INSERT INTO t VALUES (1, 'a'), (2, 'b')"
        }
        script.text = """
            migration 'cli-copy', {
                source { url '${source}'; user 'sa' }
                target { url 'jdbc:h2:file:${work.resolve('dst')}'; user 'sa' }
            }
        """.stripIndent()

        when:
        MigrateProcess cli = MigrateProcess.start(['run', script.toString(), '--home', home.toString(), '--results', work.resolve('results').toString()])
        List<Map> runs = call('GET', '/api/history').body

        then:
        cli.exitCode == 0
        runs.size() == 1
        runs[0].trigger == 'cli'
        runs[0].startedBy == "${System.getProperty('user.name')}@${InetAddress.localHost.hostName}".toString()
        runs[0].status == 'done'
        runs[0].rowsRead == 2
        runs[0].rowsWritten == 2
        runs[0].script == script.toString()
        runs[0].source == source
        runs[0].destination == "jdbc:h2:file:${work.resolve('dst')}".toString()
        call('GET', "/api/runs/${runs[0].id}/report").body.migration == 'cli-copy'
    }

    def "the OpenAPI description names every call the server answers, and nothing else"() {
        when:
        Map doc = call('GET', '/api/openapi.json').body
        Set<List<String>> described = doc.paths.collectMany { String path, Map ops -> ops.keySet().findAll { it != 'parameters' }.collect { [it.toUpperCase(), path] } } as Set
        Set<List<String>> served = server.routes().findAll { it.path().startsWith('/api/') }.collect { [it.method(), it.path()] } as Set

        then:
        doc.openapi == '3.0.3'
        described == served
    }

    def "the pages need a login: the form sets an HttpOnly SameSite session cookie, and calls from the pages need its CSRF token"() {
        given:
        HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
        def get = { String path, String cookie = null ->
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:${port}${path}"))
            if (cookie) {
                b.header('Cookie', cookie)
            }
            plain.send(b.build(), HttpResponse.BodyHandlers.ofString())
        }
        def post = { String path, String form, String cookie, Map headers = [:] ->
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:${port}${path}"))
                    .POST(HttpRequest.BodyPublishers.ofString(form)).header('Cookie', cookie)
                    .header('Content-Type', path.startsWith('/api/') ? 'application/json' : 'application/x-www-form-urlencoded')
            headers.each { k, v -> b.header(k, v) }
            plain.send(b.build(), HttpResponse.BodyHandlers.ofString())
        }
        def cookieOf = { HttpResponse r, String name -> r.headers().allValues('Set-Cookie').find { it.startsWith(name + '=') } }

        when:
        HttpResponse anonymous = get('/')
        HttpResponse login = get('/login')
        String loginCookie = cookieOf(login, 'migrate_login').split(';')[0]
        String formCsrf = (login.body() =~ /name="csrf" value="([^"]+)"/)[0][1]
        HttpResponse wrong = post('/login', "token=nope&csrf=${formCsrf}", loginCookie)
        HttpResponse forged = post('/login', 'token=the-token&csrf=forged', loginCookie)
        HttpResponse right = post('/login', "token=the-token&csrf=${formCsrf}", loginCookie)
        String session = cookieOf(right, 'migrate_session')
        String sessionCookie = session.split(';')[0]
        HttpResponse page = get('/connections', sessionCookie)
        String csrf = (page.body() =~ /name="csrf-token" content="([^"]+)"/)[0][1]
        HttpResponse noCsrf = post('/api/connections', '{"name":"a","url":"jdbc:h2:mem:a"}', sessionCookie)
        HttpResponse withCsrf = post('/api/connections', '{"name":"a","url":"jdbc:h2:mem:a"}', sessionCookie, ['X-CSRF-Token': csrf])
        HttpResponse out = post('/logout', "csrf=${csrf}", sessionCookie)

        then:
        anonymous.statusCode() == 303
        anonymous.headers().firstValue('Location').get() == '/login'
        login.statusCode() == 200
        cookieOf(login, 'migrate_login').contains('HttpOnly')
        wrong.statusCode() == 401
        wrong.body().contains('Wrong access token.')
        forged.statusCode() == 403
        right.statusCode() == 303
        right.headers().firstValue('Location').get() == '/'
        session.contains('; HttpOnly') && session.contains('; SameSite=Strict')
        page.statusCode() == 200
        page.headers().firstValue('Content-Security-Policy').get().contains("script-src 'self'")
        noCsrf.statusCode() == 403
        !noCsrf.body().contains('Exception')
        withCsrf.statusCode() == 201
        out.statusCode() == 303
        get('/connections', sessionCookie).statusCode() == 303
        get('/api/connections', sessionCookie).statusCode() == 401
        get('/assets/nope.js').statusCode() == 404
        get('/assets/console.css').statusCode() == 200
    }
}
