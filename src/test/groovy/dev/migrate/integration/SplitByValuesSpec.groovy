package dev.migrate.integration

import dev.migrate.command.Migrate
import dev.migrate.engine.MigrationResult
import dev.migrate.engine.ProgressListener
import dev.migrate.engine.Start
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.Scripts
import dev.migrate.support.TestServer
import groovy.sql.Sql

import java.nio.file.Files
import java.nio.file.Path

/**
 * Tables whose key is not one integer column are split too: by ranges of their key's (or an index's) leading column
 * cut from a sample of its values, or on PostgreSQL by ranges of pages; every row lands once, duplicates and NULLs
 * included, and a resumed run splits the table as the run it goes on with did.
 */
class SplitByValuesSpec extends DatabaseSpecification {

    static final int ROWS = 6_000

    Path results = Files.createTempDirectory('split')

    private Map database(String kind, String prefix) {
        TestServer server = server(kind)
        String db = database(server, prefix)
        [url: server.url(db), user: server.user, server: server, db: db, kind: kind]
    }

    private static <T> T using(Map db, Closure<T> work) {
        Sql sql = (db.server as TestServer).connect(db.db)
        try {
            work(sql)
        } finally {
            sql.close()
        }
    }

    private static String script(Map from, Map to, String settings = '', String table = '') {
        """\
        migration 'split', {
            source { url '${from.url}'; user '${from.user}' }
            target { url '${to.url}'; user '${to.user}' }
            settings { partitionRows 1_000; parallelism 2; ${settings} }
            ${table}
        }
        """.stripIndent()
    }

    private MigrationResult run(Map source, Map target, String settings = '', String table = '', Start start = Start.FRESH) {
        Migrate.run(Scripts.load('split.groovy', script(source, target, settings, table)), ProgressListener.NONE, results, start)
    }

    /** Every row of {@code items}, with how many times it is there, in one order for both databases. */
    private static List<List<Object>> rows(Map db) {
        using(db) { Sql sql ->
            sql.rows('SELECT k, n, label, COUNT(*) AS copies FROM items GROUP BY k, n, label ORDER BY n, label, copies')
                    .collect { [it.k?.toString(), it.n as long, it.label, it.copies as long] }
        }
    }

    private static String splitRecorded(Map db) {
        using(db) { Sql sql ->
            def row = sql.firstRow("SELECT key_range, split_bounds FROM migrate_journal WHERE entry = 'split of items'")
            (row.split_bounds ?: row.key_range) as String
        }
    }

    def "PostgreSQL: a table keyed by #what is split by sampled ranges of the key, and every row lands once"() {
        given:
        Map source = database('postgres', 'split_src')
        Map target = database('postgres', 'split_dst')
        using(source) { Sql sql ->
            // no statistics: nothing tells that the values lie scattered over the pages
            sql.execute("""CREATE TABLE items (k ${type}, n INT NOT NULL, label VARCHAR(40), PRIMARY KEY (${key}))
                           WITH (autovacuum_enabled = false)""".toString())
            sql.execute("INSERT INTO items SELECT ${value}, i, md5(i::text) FROM generate_series(1, ${ROWS}) i".toString())
        }
        List<List<Object>> expected = rows(source)

        when:
        MigrationResult result = run(source, target)

        then:
        result.succeeded()
        result.tables()[0].partitions() >= 4
        result.tables()[0].rowsWritten() == ROWS
        rows(target) == expected
        expected.size() == ROWS
        splitRecorded(target).startsWith("values text 0 ${keyColumn}\n")

        where:
        what                     | type           | key      | keyColumn | value
        'a uuid'                 | 'uuid'         | 'k'      | 'k'       | 'gen_random_uuid()'
        'a varchar'              | 'varchar(40)'  | 'k'      | 'k'       | "'key ' || md5(i::text)"
        'two columns, text first' | 'varchar(10)' | 'k, n'   | 'k'       | "'g' || (i % 7)"
    }

    def "PostgreSQL: a table whose uuid key lies scattered over its pages (by its statistics) is split by pages, and every row lands once"() {
        given:
        Map source = database('postgres', 'split_src')
        Map target = database('postgres', 'split_dst')
        using(source) { Sql sql ->
            sql.execute('CREATE TABLE items (k uuid PRIMARY KEY, n INT NOT NULL, label VARCHAR(40))')
            sql.execute("INSERT INTO items SELECT gen_random_uuid(), i, md5(i::text) FROM generate_series(1, ${ROWS}) i".toString())
            sql.execute('ANALYZE items')
        }
        List<List<Object>> expected = rows(source)

        when:
        MigrationResult result = run(source, target)

        then:
        result.succeeded()
        result.tables()[0].partitions() >= 4
        rows(target) == expected
        expected.size() == ROWS
        splitRecorded(target).startsWith('values page 0 ctid\n')
    }

    def "PostgreSQL: a table without a key or index is split by pages, and each of its duplicate rows lands once"() {
        given:
        Map source = database('postgres', 'split_src')
        Map target = database('postgres', 'split_dst')
        using(source) { Sql sql ->
            sql.execute('CREATE TABLE items (k INT, n INT NOT NULL, label VARCHAR(40))')
            // every row three times over, and some NULLs
            sql.execute("""INSERT INTO items SELECT CASE WHEN i % 10 = 0 THEN NULL ELSE i END, i, md5(i::text)
                           FROM generate_series(1, ${ROWS.intdiv(3)}) i, generate_series(1, 3) copy""".toString())
            sql.execute('ANALYZE items')
        }
        List<List<Object>> expected = rows(source)

        when:
        MigrationResult result = run(source, target)

        then:
        result.succeeded()
        result.tables()[0].partitions() >= 4
        result.tables()[0].rowsWritten() == ROWS
        rows(target) == expected
        expected.every { it[3] == 3L }
        splitRecorded(target).startsWith('values page 0 ctid\n')
    }

    def "MariaDB: a table keyed by #what is split by ranges of the key read every k-th through its index, and every row lands once in #into"() {
        given:
        Map source = database('mysql', 'split_src')
        Map target = database(into == 'MariaDB' ? 'mysql' : 'postgres', 'split_dst')
        using(source) { Sql sql ->
            sql.execute("CREATE TABLE items (k ${type}, n INT NOT NULL, label VARCHAR(40), PRIMARY KEY (${key}))".toString())
            sql.execute("INSERT INTO items SELECT ${value}, seq, MD5(seq) FROM seq_1_to_${ROWS}".toString())
        }
        List<List<Object>> expected = rows(source)

        when:
        MigrationResult result = run(source, target)

        then:
        result.succeeded()
        result.tables()[0].partitions() >= 4
        result.tables()[0].rowsWritten() == ROWS
        rows(target) == expected
        splitRecorded(target).startsWith("values text 0 k\n")

        where:
        what                      | type          | key    | value                      | into
        'a uuid in char(36)'      | 'char(36)'    | 'k'    | 'UUID()'                   | 'PostgreSQL'
        'a uuid in char(36)'      | 'char(36)'    | 'k'    | 'UUID()'                   | 'MariaDB'
        'a varchar'               | 'varchar(40)' | 'k'    | "CONCAT('Key ', MD5(seq))" | 'MariaDB'
        'two columns, text first' | 'varchar(10)' | 'k, n' | "CONCAT('g', seq % 7)"     | 'MariaDB'

    }

    def "MariaDB: a table without a key is split on its nullable indexed column, and its NULLs and duplicate rows land once each"() {
        given:
        Map source = database('mysql', 'split_src')
        Map target = database('mysql', 'split_dst')
        using(source) { Sql sql ->
            sql.execute('CREATE TABLE items (k VARCHAR(20), n INT NOT NULL, label VARCHAR(40), INDEX items_k (k))')
            sql.execute("""INSERT INTO items SELECT IF(s.seq % 10 = 0, NULL, CONCAT('v', s.seq % 500)), s.seq, MD5(s.seq)
                           FROM seq_1_to_${ROWS.intdiv(2)} s, seq_1_to_2 copy""".toString())
        }
        List<List<Object>> expected = rows(source)

        when:
        MigrationResult result = run(source, target)

        then:
        result.succeeded()
        result.tables()[0].partitions() >= 4
        result.tables()[0].rowsWritten() == ROWS
        rows(target) == expected
        expected.count { it[0] == null } == ROWS.intdiv(20)
        expected.every { it[3] == 2L }
        splitRecorded(target).startsWith('values text 1 k\n')
    }

    def "#kind: a resumed run splits the table as the failed run did, moves only what it did not commit, and every row lands once"() {
        given:
        Map source = database(kind, 'split_src')
        Map target = database(kind, 'split_dst')
        using(source) { Sql sql ->
            sql.execute('CREATE TABLE items (k VARCHAR(40) PRIMARY KEY, n INT NOT NULL, label VARCHAR(40))')
            sql.execute("INSERT INTO items SELECT ${value}, ${n}, ${label} FROM ${series}".toString())
        }
        List<List<Object>> expected = rows(source)
        // the keys run in the order of n: the last rows fail, the first partitions commit
        String failing = "table('items') { column('n') { if (it > ${ROWS - 500}) throw new IllegalStateException('not yet'); it } }"

        when:
        MigrationResult failed = run(source, target, 'parallelism 1', failing)
        String split = splitRecorded(target)
        long committed = using(target) { Sql sql -> sql.firstRow('SELECT COUNT(*) AS c FROM items').c as long }
        // pieces half as large would be cut elsewhere: the resumed run keeps the split it recorded
        MigrationResult resumed = run(source, target, 'partitionRows 500', '', Start.RESUME)

        then:
        !failed.succeeded()
        committed > 0
        committed < ROWS
        resumed.succeeded()
        resumed.tables()[0].resumed() == committed
        splitRecorded(target) == split
        split.startsWith('values text 0 k\n')
        rows(target) == expected

        where:
        kind       | value                                          | n     | label             | series
        'postgres' | "'key ' || lpad(i::text, 6, '0')"              | 'i'   | 'md5(i::text)'    | "generate_series(1, ${ROWS}) i"
        'mysql'    | "CONCAT('key ', LPAD(seq, 6, '0'))"            | 'seq' | 'MD5(seq)'        | "seq_1_to_${ROWS}"
    }

    def "a journal an earlier version made gets the column for the cuts, and the split goes there"() {
        given:
        Map source = database('postgres', 'split_src')
        Map target = database('postgres', 'split_dst')
        using(source) { Sql sql ->
            sql.execute('CREATE TABLE items (k VARCHAR(40) PRIMARY KEY, n INT NOT NULL, label VARCHAR(40)) WITH (autovacuum_enabled = false)')
            sql.execute("INSERT INTO items SELECT 'key ' || lpad(i::text, 6, '0'), i, md5(i::text) FROM generate_series(1, ${ROWS}) i".toString())
        }
        using(target) { Sql sql ->
            sql.execute("""CREATE TABLE migrate_journal (table_name VARCHAR(250) NOT NULL, entry VARCHAR(200) NOT NULL, run_id VARCHAR(100),
                           migration VARCHAR(200), state VARCHAR(40), created INTEGER, key_range VARCHAR(200), rows_written BIGINT,
                           started_at VARCHAR(40), finished_at VARCHAR(40), host VARCHAR(200), pid BIGINT, updated_at VARCHAR(40),
                           PRIMARY KEY (table_name, entry))""")
        }
        List<List<Object>> expected = rows(source)

        when:
        MigrationResult result = run(source, target)
        Map split = using(target) { Sql sql -> sql.firstRow("SELECT key_range, split_bounds FROM migrate_journal WHERE entry = 'split of items'") as Map }

        then:
        result.succeeded()
        rows(target) == expected
        split.key_range == 'values text 0 k'
        (split.split_bounds as String).readLines().size() == result.tables()[0].partitions()
        (split.split_bounds as String).readLines().tail().every { it ==~ /key \d{6}/ }
    }

    def "plan says, per table, why a table moves in one piece"() {
        given:
        Map source = database('mysql', 'split_src')
        Map target = database('mysql', 'split_dst')
        using(source) { Sql sql ->
            sql.execute('CREATE TABLE loose (a INT, b VARCHAR(10))')
            sql.execute("INSERT INTO loose SELECT seq, 'x' FROM seq_1_to_${ROWS}".toString())
            sql.execute('CREATE TABLE small (id VARCHAR(10) PRIMARY KEY)')
            sql.execute("INSERT INTO small VALUES ('a'), ('b')")
            sql.execute('CREATE TABLE keyed (id VARCHAR(10) PRIMARY KEY, n INT)')
            sql.execute("INSERT INTO keyed SELECT CONCAT('k', seq), seq FROM seq_1_to_${ROWS}".toString())
            sql.execute('ANALYZE TABLE loose, small, keyed')
        }
        Path file = Scripts.write('split-plan.groovy', script(source, target, '', "tables 'keyed', 'loose', 'small'\n    query 'totals', 'SELECT COUNT(*) AS n FROM keyed'"))

        when:
        Map run = Scripts.execute('plan', file.toString())
        String out = run.out as String
        List<String> lines = out.readLines()
        int at = lines.indexOf('Moved in one piece (one worker each):')

        then:
        at >= 0
        lines.subList(at + 1, at + 4) == [
                '  loose: no key or index to split it by',
                "  totals: a query's rows move in one piece",
                '  small: no more than partitionRows (1,000) rows nor 256 MB']
        lines[at + 4] == ''
    }
}
