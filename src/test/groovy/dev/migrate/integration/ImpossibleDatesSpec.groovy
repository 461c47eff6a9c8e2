package dev.migrate.integration

import dev.migrate.engine.TableResult
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.Scripts
import dev.migrate.support.TestDatabases
import dev.migrate.support.TestServer
import groovy.sql.Sql

import java.nio.file.Files
import java.sql.DriverManager
import java.time.OffsetDateTime

/** A date, time or timestamp that names no real moment is a rejected value with its reason, never the nearest one that exists. */
class ImpossibleDatesSpec extends DatabaseSpecification {

    static final String GOOD_DAY = '2024-02-29'
    static final String GOOD_AT = '2024-02-29 23:59:59'
    static final String GOOD_CLOCK = '23:59:59'
    static final String GOOD_STAMP = '2024-02-29 10:00:00+02:00'

    static final List<List> ROWS = [
            [1, GOOD_DAY, GOOD_AT, GOOD_CLOCK, GOOD_STAMP],
            [2, '2024-02-30', GOOD_AT, GOOD_CLOCK, GOOD_STAMP],
            [3, '2023-02-29', GOOD_AT, GOOD_CLOCK, GOOD_STAMP],
            [4, '2024-04-31', GOOD_AT, GOOD_CLOCK, GOOD_STAMP],
            [5, '2024-13-01', GOOD_AT, GOOD_CLOCK, GOOD_STAMP],
            [6, GOOD_DAY, GOOD_AT, '25:00', GOOD_STAMP],
            [7, GOOD_DAY, '2024-01-01 24:00:01', GOOD_CLOCK, GOOD_STAMP],
            [8, GOOD_DAY, '2024-01-01 24:00', GOOD_CLOCK, GOOD_STAMP],
            [9, '2000-02-29', '2024-01-05T10:15:00.123456', '07:08', '2024-07-01T10:00:00Z'],
            [10, GOOD_DAY, GOOD_AT, GOOD_CLOCK, '2024-02-30 10:00:00+00:00'],
    ]

    def "SQLite text dates that name no real day go to the reject file with the reason, into #kind; every good row lands"() {
        given:
        def file = Files.createTempFile('dates', '.db')
        cleanups << { Files.deleteIfExists(file) }
        def sqlite = DriverManager.getConnection("jdbc:sqlite:${file}")
        sqlite.createStatement().execute('CREATE TABLE events (id INTEGER PRIMARY KEY, dated DATE, happened DATETIME, clock TEXT, stamped TEXT)')
        def insert = sqlite.prepareStatement('INSERT INTO events VALUES (?, ?, ?, ?, ?)')
        ROWS.each { row -> row.eachWithIndex { v, i -> insert.setObject(i + 1, v) }; insert.executeUpdate() }
        sqlite.close()
        String url
        String user
        if (kind == 'H2') {
            url = "jdbc:h2:mem:dates_${UUID.randomUUID()}"
            user = 'sa'
        } else {
            TestServer pg = TestDatabases.postgres()
            String db = database(pg, 'mig_dates')
            url = pg.url(db)
            user = pg.user
        }
        Sql target = Sql.newInstance(url, user, '')
        cleanups << { target.close() }
        target.execute 'CREATE TABLE events (id INT PRIMARY KEY, dated DATE, happened TIMESTAMP, clock TIME, stamped TIMESTAMP WITH TIME ZONE)'

        when:
        def result = Scripts.run('dates.groovy', """\
            migration 'dates', {
                source { url 'jdbc:sqlite:${file}' }
                target { url '${url}'; user '${user}' }
                settings { maxRejects 20; batchSize 3 }
            }
            """.stripIndent(), Files.createTempDirectory('dates'))

        then:
        result.succeeded()
        TableResult events = result.tables()[0]
        [events.rowsRead(), events.rowsWritten(), events.rejected()] == [10L, 2L, 8L]
        Scripts.rejects(events).collect { [it.row.id, it.column.toLowerCase(), it.reason] } == [
                [2, 'dated', "cannot store '2024-02-30' (String) as a date (Invalid date 'FEBRUARY 30') (${types.dated})"],
                [3, 'dated', "cannot store '2023-02-29' (String) as a date (Invalid date 'February 29' as '2023' is not a leap year) (${types.dated})"],
                [4, 'dated', "cannot store '2024-04-31' (String) as a date (Invalid date 'APRIL 31') (${types.dated})"],
                [5, 'dated', "cannot store '2024-13-01' (String) as a date (Invalid value for MonthOfYear (valid values 1 - 12): 13) (${types.dated})"],
                [6, 'clock', "cannot store '25:00' (String) as a time (Invalid value for HourOfDay (valid values 0 - 23): 25) (${types.clock})"],
                [7, 'happened', "cannot store '2024-01-01 24:00:01' (String) as a timestamp (Invalid value for HourOfDay (valid values 0 - 23): 24) (${types.happened})"],
                [8, 'happened', "cannot store '2024-01-01 24:00' (String) as a timestamp (Invalid value for HourOfDay (valid values 0 - 23): 24) (${types.happened})"],
                [10, 'stamped', "cannot store '2024-02-30 10:00:00+00:00' (String) as a timestamp with time zone (Invalid date 'FEBRUARY 30') (${types.stamped})"],
        ].collect { it.collect { v -> v instanceof GString ? v.toString() : v } }
        read(target) == [
                [1, '2024-02-29', '2024-02-29T23:59:59', '23:59:59', OffsetDateTime.parse('2024-02-29T10:00:00+02:00').toInstant()],
                [9, '2000-02-29', '2024-01-05T10:15:00.123456', '07:08', OffsetDateTime.parse('2024-07-01T10:00:00Z').toInstant()],
        ]

        where:
        kind         | types
        'H2'         | [dated: 'DATE(10)', happened: 'TIMESTAMP(26,6)', clock: 'TIME(8)', stamped: 'TIMESTAMP WITH TIME ZONE(32,6)']
        'PostgreSQL' | [dated: 'date(13)', happened: 'timestamp(29,6)', clock: 'time(15,6)', stamped: 'timestamptz(35,6)']
    }

    def "MariaDB dates stored under ALLOW_INVALID_DATES, and TIME values beyond the day, are rejected with the reason, not read as another day nor failing the table"() {
        given:
        TestServer my = TestDatabases.mysql()
        TestServer pg = TestDatabases.postgres()
        String src = database(my, 'mig_src')
        String dst = database(pg, 'mig_dst')
        my.withDatabase(src) { Sql sql ->
            sql.execute "SET SESSION sql_mode = 'ALLOW_INVALID_DATES'"
            sql.execute 'CREATE TABLE visits (id INT PRIMARY KEY, day DATE, seen DATETIME, took TIME)'
            sql.execute """INSERT INTO visits VALUES (1, '2024-02-29', '2024-02-29 10:00:00', '10:00'), (2, '2024-02-30', '2024-03-01 10:00:00', '10:00'),
                           (3, '2024-03-01', '2023-02-29 08:00:00', '10:00'), (4, '2024-04-30', '2024-04-30 23:59:59', '23:59:59'),
                           (5, '2024-05-01', '2024-05-01 00:00:00', '838:59:59'), (6, '2024-05-02', '2024-05-02 00:00:00', '-01:00:00')"""
        }
        pg.withDatabase(dst) { Sql sql -> sql.execute 'CREATE TABLE visits (id int PRIMARY KEY, day date, seen timestamp, took time)' }
        def script = { String settings -> """\
            migration 'invalid-dates', {
                source { url '${my.url(src)}'; user '${my.user}' }
                target { url '${pg.url(dst)}'; user '${pg.user}' }
                settings { ${settings} }
            }
            """.stripIndent() }

        when:
        def failed = Scripts.run('invalid-dates.groovy', script('parallelism 1'), Files.createTempDirectory('dates'))

        then:
        failed.tables()[0].status() == TableResult.Status.FAILED
        failed.tables()[0].error() == "table visits, column day (row id=2): the source holds the impossible date '2024-02-30' (Invalid date 'FEBRUARY 30')"

        when:
        def result = Scripts.run('invalid-dates.groovy', script('maxRejects 5; parallelism 1'), Files.createTempDirectory('dates'))

        then:
        result.succeeded()
        Scripts.rejects(result.tables()[0]).collect { [it.row.id, it.column, it.reason, it.row.day] } == [
                [2, 'day', "the source holds the impossible date '2024-02-30' (Invalid date 'FEBRUARY 30')", '2024-02-30'],
                [3, 'seen', "the source holds the impossible date '2023-02-29 08:00:00' (Invalid date 'February 29' as '2023' is not a leap year)", '2024-03-01'],
                [5, 'took', "the source holds the time '838:59:59', which is no time of day", '2024-05-01'],
                [6, 'took', "the source holds the time '-1:00:00', which is no time of day", '2024-05-02'],
        ]
        pg.withDatabase(dst) { Sql sql -> sql.rows("SELECT id, day::text AS day, seen::text AS seen, took::text AS took FROM visits ORDER BY id").collect { [it.id, it.day, it.seen, it.took] } } ==
                [[1, '2024-02-29', '2024-02-29 10:00:00', '10:00:00'], [4, '2024-04-30', '2024-04-30 23:59:59', '23:59:59']]
    }

    private static List<List> read(Sql target) {
        List<List> rows = []
        target.query('SELECT id, dated, happened, clock, stamped FROM events ORDER BY id') { rs ->
            while (rs.next()) {
                rows << [rs.getInt(1), rs.getObject(2, java.time.LocalDate).toString(), rs.getObject(3, java.time.LocalDateTime).toString(),
                         rs.getObject(4, java.time.LocalTime).toString(), rs.getObject(5, OffsetDateTime).toInstant()]
            }
        }
        rows
    }
}
