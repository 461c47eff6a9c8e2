package dev.migrate.integration

import dev.migrate.command.Migrate
import com.fasterxml.jackson.databind.ObjectMapper
import dev.migrate.engine.MigrationResult
import dev.migrate.engine.ProgressListener
import dev.migrate.engine.Start
import dev.migrate.engine.Verification
import dev.migrate.journal.RunRefused
import dev.migrate.support.ChildRun
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.Scripts
import dev.migrate.support.TestServer
import groovy.sql.Sql

import java.nio.file.Files
import java.nio.file.Path
import java.time.Instant
import java.time.ZoneId
import java.time.format.DateTimeFormatter

/**
 * A run that stopped half way (killed, here for real) leaves a table that the next run does not silently add to:
 * in INSERT mode it refuses with the choices; {@code --resume} moves what the stopped run did not commit and builds
 * the keys, {@code --restart} empties what it created and begins again, TRUNCATE_INSERT loads the table once.
 */
class UnfinishedRunSpec extends DatabaseSpecification {

    static final int ROWS = 40_000
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern('yyyy-MM-dd HH:mm:ss').withZone(ZoneId.systemDefault())

    Path results = Files.createTempDirectory('unfinished')

    private Map database(String kind, String prefix) {
        TestServer server = server(kind == 'PostgreSQL' ? 'postgres' : 'mysql')
        String db = database(server, prefix)
        [url: server.url(db), user: server.user, server: server, db: db, kind: kind]
    }

    private static Sql connect(Map db) {
        (db.server as TestServer).connect(db.db)
    }

    private static void fill(Map db, int rows, boolean key) {
        Sql sql = connect(db)
        sql.execute("CREATE TABLE items (id INT ${key ? 'PRIMARY KEY' : 'NOT NULL'}, qty INT)".toString())
        sql.withTransaction {
            (1..rows).collate(2000).each { chunk -> sql.execute('INSERT INTO items VALUES ' + chunk.collect { "(${it}, ${it})" }.join(', ')) }
        }
        sql.close()
    }

    private static long count(Map db, String what = 'COUNT(*)') {
        Sql sql = connect(db)
        try {
            sql.firstRow("SELECT ${what} AS n FROM items".toString()).n as long
        } finally {
            sql.close()
        }
    }

    private static long committedRows(Map db) {
        Sql sql = connect(db)
        try {
            (sql.firstRow("SELECT SUM(rows_written) AS n FROM migrate_journal WHERE entry LIKE 'partition%'").n ?: 0) as long
        } catch (Exception notYet) {
            0
        } finally {
            sql.close()
        }
    }

    private static Map journalTableRow(Map db) {
        Sql sql = connect(db)
        try {
            sql.firstRow("SELECT started_at, host, pid, state FROM migrate_journal WHERE entry = 'table'") as Map
        } finally {
            sql.close()
        }
    }

    private static boolean hasPrimaryKey(Map db) {
        Sql sql = connect(db)
        try {
            String schema = db.kind == 'PostgreSQL' ? "'public'" : 'DATABASE()'
            sql.firstRow("""SELECT COUNT(*) AS n FROM information_schema.table_constraints
                            WHERE table_schema = ${schema} AND table_name = 'items' AND constraint_type = 'PRIMARY KEY'""".toString()).n == 1
        } finally {
            sql.close()
        }
    }

    private static String script(Map from, Map to, String settings, String table = '') {
        """\
        migration 'unfinished', {
            source { url '${from.url}'; user '${from.user}' }
            target { url '${to.url}'; user '${to.user}' }
            settings { partitionRows 10_000; parallelism 2; ${settings} }
            ${table}
        }
        """.stripIndent()
    }

    def "#from into #into: a run killed half way is refused by the next INSERT run, and TRUNCATE_INSERT loads every row once, with its key"() {
        given:
        Map source = database(from, 'mig_src')
        Map target = database(into, 'mig_dst')
        fill(source, ROWS, true)
        // the last partition crawls, so that the run is surely in the middle of it when it is killed
        Path slow = Scripts.write('unfinished.groovy', script(source, target, '', "table('items') { column('qty') { if (it > 30_000) sleep(50); it } }"))
        ChildRun first = ChildRun.start(slow, results)

        when:
        // the partitions before the slow rows commit (the partitions' size follows the source's own estimate)
        first.waitFor('the fast partitions committed', 180) { committedRows(target) >= 20_000 }
        first.kill()
        long committed = committedRows(target)

        then:
        count(target) == committed

        when:
        Map journal = journalTableRow(target)
        Migrate.run(Scripts.load('unfinished.groovy', script(source, target, '')), ProgressListener.NONE, results)

        then:
        RunRefused e = thrown()
        journal.state == 'loading'
        e.message == "table items was left unfinished by run 'unfinished' (started ${LOCAL.format(Instant.parse(journal.started_at))}" +
                " on ${journal.host}, pid ${first.pid()}), which committed ${String.format('%,d', committed)} rows into it and stopped before building its keys and" +
                " indexes; loading it again in INSERT mode would add those rows twice: run again with --resume to go on where it" +
                " stopped, or with --restart to remove what it wrote and begin again"
        count(target) == committed

        when:
        def result = Migrate.run(Scripts.load('unfinished.groovy', script(source, target, 'mode TRUNCATE_INSERT')), ProgressListener.NONE, results)

        then:
        result.succeeded()
        count(target) == ROWS
        count(target, 'COUNT(DISTINCT id)') == ROWS
        count(target, 'SUM(qty)') == (long) ROWS * (ROWS + 1) / 2
        hasPrimaryKey(target)
        journalTableRow(target).state == 'done'

        where:
        from         | into
        'PostgreSQL' | 'PostgreSQL'
        'MariaDB'    | 'PostgreSQL'
        'PostgreSQL' | 'MariaDB'
    }

    def "a run stopped by SIGTERM writes its summary and report, naming the tables that finished, and leaves nothing the next run adds to twice"() {
        given:
        Map source = database('PostgreSQL', 'mig_src')
        Map target = database('PostgreSQL', 'mig_dst')
        fill(source, ROWS, true)
        Sql sql = connect(source)
        sql.execute 'CREATE TABLE small (id INT PRIMARY KEY)'
        sql.execute 'INSERT INTO small VALUES (1), (2)'
        sql.close()
        Path slow = Scripts.write('stopped.groovy', script(source, target, '',
                "tables 'small', 'items'\n            table('items') { column('qty') { if (it > 30_000) sleep(50); it } }"))
        Path reports = Files.createTempDirectory('stopped')
        ChildRun run = ChildRun.start(slow, reports)

        when:
        run.waitFor('the fast partitions of items committed', 180) { committedRows(target) >= 20_002 }
        run.process.destroy()
        int code = run.waitForExit(60)
        def json = new ObjectMapper().readValue(Files.list(reports).filter { it.toString().endsWith('.json') }.findFirst().get().toFile(), Map)

        then:
        code == 143
        run.printed().readLines().contains('failed: interrupted before it finished: the tables above finished, the others did not,' +
                ' and what their open partitions wrote was rolled back')
        run.printed().readLines().last() == "to go on where it stopped: bin/migrate run ${slow} --resume  (or --restart to begin again)".toString()
        json.status == 'failed'
        json.tables*.table == ['small']
        json.error.startsWith('interrupted before it finished')

        when:
        Migrate.run(Scripts.load('stopped.groovy', script(source, target, '', "tables 'items'")), ProgressListener.NONE, results)

        then:
        RunRefused e = thrown()
        e.message.startsWith("table items was left unfinished by run 'unfinished'")
        count(target) == committedRows(target) - 2
    }

    def "into #into: a table without a key that a finished run loaded is not loaded a second time in INSERT mode"() {
        given:
        Map source = database('PostgreSQL', 'mig_src')
        Map target = database(into, 'mig_dst')
        fill(source, 100, false)
        def plan = Scripts.load('nokey.groovy', script(source, target, ''))

        when:
        def first = Migrate.run(plan, ProgressListener.NONE, results)
        Map journal = journalTableRow(target)
        Migrate.run(plan, ProgressListener.NONE, results)

        then:
        first.succeeded()
        RunRefused e = thrown()
        e.message == "table items already holds the rows of run 'unfinished' (started ${LOCAL.format(Instant.parse(journal.started_at))}" +
                " on ${journal.host}, pid ${ProcessHandle.current().pid()}), which finished, and has no primary key or unique index to refuse" +
                " them a second time: use settings { mode TRUNCATE_INSERT } to replace them, mode MERGE with a key" +
                " (table('...') { key 'column' }), or empty it yourself"
        count(target) == 100

        where:
        into << ['PostgreSQL', 'MariaDB']
    }

    def "a table a failed run created gets its primary key, indexes and foreign keys when a later run loads it"() {
        given:
        Map source = database('PostgreSQL', 'mig_src')
        Map target = database('PostgreSQL', 'mig_dst')
        fill(source, 1_000, true)
        Sql sql = connect(source)
        sql.execute 'CREATE INDEX items_qty ON items (qty)'
        sql.close()

        when:
        def failed = Migrate.run(Scripts.load('unfinished.groovy', script(source, target, '',
                "table('items') { column('qty') { if (it == 500) throw new IllegalStateException('not yet'); it } }")), ProgressListener.NONE, results)

        then:
        !failed.succeeded()
        count(target) == 0
        !hasPrimaryKey(target)

        when:
        def fixed = Migrate.run(Scripts.load('unfinished.groovy', script(source, target, '')), ProgressListener.NONE, results)

        then:
        fixed.succeeded()
        count(target) == 1_000
        hasPrimaryKey(target)
        connect(target).with { Sql s -> try { s.rows("SELECT indexname FROM pg_indexes WHERE tablename = 'items' ORDER BY 1")*.indexname } finally { s.close() } } ==
                ['items_pkey', 'items_qty']
    }

    private static MigrationResult resumeOrRestart(Map source, Map target, String settings, Start start, Path results, String table = '') {
        Migrate.run(Scripts.load('unfinished.groovy', script(source, target, settings, table)), ProgressListener.NONE, results, start)
    }

    /** Starts a run whose last rows crawl, and kills it (kill -9) once the partitions before them committed; returns their rows. */
    private long killedHalfWay(Map source, Map target, String settings = '') {
        Path slow = Scripts.write('unfinished.groovy', script(source, target, settings, "table('items') { column('qty') { if (it > 30_000) sleep(50); it } }"))
        ChildRun first = ChildRun.start(slow, results)
        first.waitFor('the fast partitions committed', 180) { committedRows(target) >= 20_000 }
        first.kill()
        committedRows(target)
    }

    def "#from into #into: a run killed half way goes on with --resume, which moves only what it did not commit: every row once, with its key"() {
        given:
        Map source = database(from, 'mig_src')
        Map target = database(into, 'mig_dst')
        fill(source, ROWS, true)
        long committed = killedHalfWay(source, target)
        Map journal = journalTableRow(target)

        when:
        def result = resumeOrRestart(source, target, '', Start.RESUME, results)

        then:
        result.succeeded()
        result.resumed() == "run 'unfinished' (started ${LOCAL.format(Instant.parse(journal.started_at))} on ${journal.host}, pid ${journal.pid})".toString()
        result.tables()*.rowsWritten == [ROWS as long]
        result.tables()*.resumed == [committed]
        committed >= 20_000 && committed < ROWS
        count(target) == ROWS
        count(target, 'COUNT(DISTINCT id)') == ROWS
        count(target, 'SUM(qty)') == (long) ROWS * (ROWS + 1) / 2
        hasPrimaryKey(target)
        journalTableRow(target).state == 'done'
        // the resumed run's partitions are recorded under the run it went on with
        committedRows(target) == ROWS
        verified(source, target)

        where:
        from         | into
        'PostgreSQL' | 'PostgreSQL'
        'MariaDB'    | 'PostgreSQL'
        'PostgreSQL' | 'MariaDB'
    }

    def "#into: a run killed while it builds the keys and indexes goes on with --resume, which moves no row again and builds them"() {
        given:
        Map source = database('PostgreSQL', 'mig_src')
        Map target = database(into, 'mig_dst')
        fill(source, ROWS, true)
        connect(source).with { Sql s -> s.execute('CREATE INDEX items_qty ON items (qty)'); s.close() }
        ChildRun first = ChildRun.start(Scripts.write('unfinished.groovy', script(source, target, '')), results)
        // a reader that holds the table open lets the rows in and keeps ALTER TABLE waiting for it
        first.waitFor('the table created', 180) { tableExists(target) }
        Sql reader = connect(target)
        reader.connection.autoCommit = false
        reader.rows('SELECT id FROM items LIMIT 1')

        when:
        first.waitFor('the keys waiting to be built', 180) { keyBuildWaiting(target) }
        first.kill()
        // the server has not noticed yet that the run is gone: its statement would go on once the reader lets go
        endWaitingStatements(target)
        reader.rollback()
        reader.close()

        then:
        committedRows(target) == ROWS
        indexNames(target) == (into == 'PostgreSQL' ? [] : ['PRIMARY'])
        journalTableRow(target).state == 'loading'

        when:
        def result = resumeOrRestart(source, target, '', Start.RESUME, results)

        then:
        result.succeeded()
        result.tables()*.resumed == [ROWS as long]
        count(target) == ROWS
        indexNames(target) == (into == 'PostgreSQL' ? ['items_pkey', 'items_qty'] : ['PRIMARY', 'items_qty'])
        journalTableRow(target).state == 'done'
        journalSteps(target) == steps
        verified(source, target)

        where:
        into         | steps
        'PostgreSQL' | ['ALTER TABLE "public"."items" ADD PRIMARY KEY ("id")', 'CREATE INDEX "items_qty" ON "public"."items" ("qty")']
        'MariaDB'    | ['CREATE INDEX `items_qty` ON `items` (`qty`)']
    }

    def "#into: --restart empties the table the killed run created and loads every row once"() {
        given:
        Map source = database('PostgreSQL', 'mig_src')
        Map target = database(into, 'mig_dst')
        fill(source, ROWS, true)
        killedHalfWay(source, target)

        when:
        def result = resumeOrRestart(source, target, '', Start.RESTART, results)

        then:
        result.succeeded()
        result.resumed() == null
        result.tables()*.resumed == [0L]
        count(target) == ROWS
        count(target, 'COUNT(DISTINCT id)') == ROWS
        hasPrimaryKey(target)
        committedRows(target) == ROWS

        where:
        into << ['PostgreSQL', 'MariaDB']
    }

    def "--restart refuses a table that held rows before the killed run, and --resume with nothing unfinished says so"() {
        given:
        Map source = database('PostgreSQL', 'mig_src')
        Map target = database('PostgreSQL', 'mig_dst')
        fill(source, ROWS, true)
        Sql sql = connect(target)
        sql.execute 'CREATE TABLE items (id INT PRIMARY KEY, qty INT)'
        sql.execute 'INSERT INTO items VALUES (0, 0)'
        sql.close()
        long committed = killedHalfWay(source, target)
        Map journal = journalTableRow(target)

        when:
        resumeOrRestart(source, target, '', Start.RESTART, results)

        then:
        RunRefused e = thrown()
        e.message == "--restart cannot remove what run 'unfinished' (started ${LOCAL.format(Instant.parse(journal.started_at))} on" +
                " ${journal.host}, pid ${journal.pid}) wrote into table items: the table held rows before that run, and its rows cannot be" +
                " told from them; run with --resume to go on with it, or empty the table yourself"
        count(target) == committed + 1

        when:
        def resumed = resumeOrRestart(source, target, '', Start.RESUME, results)
        resumeOrRestart(source, target, '', Start.RESUME, results)

        then:
        resumed.succeeded()
        count(target) == ROWS + 1
        RunRefused nothing = thrown()
        nothing.message == "nothing to resume: no run of 'unfinished' left these tables unfinished in the target; run it without --resume"
    }

    def "a resumed TRUNCATE_INSERT run does not empty what the run it goes on with committed"() {
        given:
        Map source = database('PostgreSQL', 'mig_src')
        Map target = database('MariaDB', 'mig_dst')
        fill(source, ROWS, true)
        long committed = killedHalfWay(source, target, 'mode TRUNCATE_INSERT')

        when:
        def result = resumeOrRestart(source, target, 'mode TRUNCATE_INSERT', Start.RESUME, results)

        then:
        result.succeeded()
        result.tables()*.resumed == [committed]
        count(target) == ROWS
        count(target, 'COUNT(DISTINCT id)') == ROWS
        hasPrimaryKey(target)
    }

    /** What verify says of the target: every row of the source once, every column as the run writes it. */
    private static boolean verified(Map source, Map target) {
        Verification.Result result = Migrate.verify(Scripts.load('unfinished.groovy', script(source, target, '')))
        assert result.tables()*.status() == ['equal']
        result.equal()
    }

    private static boolean tableExists(Map db) {
        Sql sql = connect(db)
        try {
            String schema = db.kind == 'PostgreSQL' ? "'public'" : 'DATABASE()'
            sql.firstRow("SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = ${schema} AND table_name = 'items'".toString()).n == 1
        } finally {
            sql.close()
        }
    }

    private static boolean keyBuildWaiting(Map db) {
        Sql sql = connect(db)
        try {
            String query = db.kind == 'PostgreSQL'
                    ? "SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = '${db.db}' AND (query LIKE 'ALTER TABLE%' OR query LIKE 'CREATE INDEX%')" +
                      " AND wait_event_type = 'Lock'"
                    : "SELECT COUNT(*) AS n FROM information_schema.processlist WHERE db = '${db.db}' AND (info LIKE 'ALTER TABLE%' OR info LIKE 'CREATE INDEX%')" +
                      " AND state LIKE '%metadata lock%'"
            sql.firstRow(query.toString()).n > 0
        } finally {
            sql.close()
        }
    }

    private static void endWaitingStatements(Map db) {
        Sql sql = connect(db)
        try {
            if (db.kind == 'PostgreSQL') {
                sql.rows("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${db.db}' AND wait_event_type = 'Lock'".toString())
            } else {
                sql.rows("SELECT id FROM information_schema.processlist WHERE db = '${db.db}' AND state LIKE '%metadata lock%'".toString())
                        .each { sql.execute("KILL ${it.id}".toString()) }
            }
        } finally {
            sql.close()
        }
    }

    private static List<String> indexNames(Map db) {
        Sql sql = connect(db)
        try {
            String query = db.kind == 'PostgreSQL' ? "SELECT indexname AS n FROM pg_indexes WHERE tablename = 'items' ORDER BY 1"
                    : "SELECT DISTINCT index_name AS n FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'items' ORDER BY 1"
            (sql.rows(query)*.n as List<String>).sort()
        } finally {
            sql.close()
        }
    }

    private static List<String> journalSteps(Map db) {
        Sql sql = connect(db)
        try {
            sql.rows("SELECT entry FROM migrate_journal WHERE entry LIKE 'step %' ORDER BY entry")*.entry.collect { (it as String).substring(5) }
        } finally {
            sql.close()
        }
    }

    def "the journal goes where the script says, and a killed run resumes from it there"() {
        given:
        Map source = database('PostgreSQL', 'mig_src')
        Map target = database('PostgreSQL', 'mig_dst')
        fill(source, ROWS, true)
        connect(target).with { Sql s -> s.execute('CREATE SCHEMA ops'); s.close() }
        String settings = "journal 'ops.run_log'"
        Path slow = Scripts.write('unfinished.groovy', script(source, target, settings, "table('items') { column('qty') { if (it > 30_000) sleep(50); it } }"))
        ChildRun first = ChildRun.start(slow, results)
        first.waitFor('the fast partitions committed', 180) {
            Sql sql = connect(target)
            try {
                (sql.firstRow("SELECT SUM(rows_written) AS n FROM ops.run_log WHERE entry LIKE 'partition%'").n ?: 0) as long >= 20_000
            } catch (Exception notYet) {
                false
            } finally {
                sql.close()
            }
        }
        first.kill()

        when:
        def result = resumeOrRestart(source, target, settings, Start.RESUME, results)
        Sql sql = connect(target)
        List<String> tables = sql.rows("SELECT table_schema || '.' || table_name AS t FROM information_schema.tables WHERE table_schema IN ('public', 'ops') ORDER BY 1")*.t
        String state = sql.firstRow("SELECT state FROM ops.run_log WHERE entry = 'table'").state
        sql.close()

        then:
        result.succeeded()
        result.tables()[0].resumed() >= 20_000
        count(target) == ROWS
        tables == ['ops.run_log', 'public.items']
        state == 'done'
    }
}
