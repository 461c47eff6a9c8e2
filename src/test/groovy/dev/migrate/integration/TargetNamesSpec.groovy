package dev.migrate.integration

import dev.migrate.command.Migrate
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.Scripts
import dev.migrate.support.TestDatabases
import dev.migrate.support.TestServer
import groovy.sql.Sql

import java.nio.file.Path

/** Names the target cannot hold, or would change, are found before any DDL: plan and run name each with the script's fix. */
class TargetNamesSpec extends DatabaseSpecification {

    static final String LONG_TABLE = 'customers_' + 'x' * 60
    static final String LONG_COLUMN = 'total_' + 'y' * 59

    private static String mariaScript(TestServer pg, String src, TestServer maria, String dst) {
        """\
        migration 'names', {
            source { url '${pg.url(src)}'; user '${pg.user}' }
            target { url '${maria.url(dst)}'; user '${maria.user}' }
            table('customers', to: '${LONG_TABLE}')
            table('orders') { rename 'total', to: '${LONG_COLUMN}' }
            query 'order_moods', 'SELECT id, "mood😀" AS "feeling😀" FROM orders'
        }
        """.stripIndent()
    }

    private String postgresIntoMaria(TestServer pg, TestServer maria, String dst) {
        String src = database(pg, 'mig_src')
        pg.withDatabase(src) { Sql sql -> sql.execute('''
            CREATE TABLE customers (id int PRIMARY KEY, name text);
            CREATE TABLE orders (id int PRIMARY KEY, "mood😀" text, "note " text, total numeric(10,2));
            INSERT INTO customers VALUES (1, 'Ada');
            INSERT INTO orders VALUES (1, 'happy', 'n', 1.50);
            ''') }
        mariaScript(pg, src, maria, dst)
    }

    /** The database's tables, but the run's journal. */
    private static List<String> tables(TestServer server, String db) {
        server.withDatabase(db) { Sql sql ->
            sql.rows(server.kind == 'postgres' ? "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public'"
                    : 'SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE()')*.t - 'migrate_journal'
        }
    }

    def "plan into MariaDB lists every name it cannot hold as breaking, with the script's fix, and exits 3"() {
        given:
        TestServer pg = TestDatabases.postgres()
        TestServer maria = TestDatabases.mysql()
        String dst = database(maria, 'mig_dst')
        Path script = Scripts.write('names-plan.groovy', postgresIntoMaria(pg, maria, dst))
        Path results = Scripts.tempDir('names')

        when:
        def plan = Scripts.execute('plan', script.toString(), '--results', results.toString())

        then:
        plan.code == 3
        plan.out.contains("""\
            |${LONG_TABLE}
            |  SAFE          missing in the target
            |      -> created with 2 columns and its primary key; its indexes and foreign keys after the load
            |  BREAKING      name of 70 characters; MySQL holds at most 64
            |      -> give the table a name MySQL can hold: table('customers', to: '${LONG_TABLE.substring(0, 64)}')
            |""".stripMargin())
        plan.out.contains("""\
            |orders
            |  SAFE          missing in the target
            |      -> created with 4 columns and its primary key; its indexes and foreign keys after the load
            |  BREAKING      mood😀: name with 😀 (U+1F600), outside the Basic Multilingual Plane, which MySQL does not allow
            |      -> give the column a name MySQL can hold: rename 'mood😀', to: 'mood'
            |  BREAKING      note : name ending in a space, which MySQL does not allow
            |      -> give the column a name MySQL can hold: rename 'note ', to: 'note'
            |  BREAKING      ${LONG_COLUMN}: name of 65 characters; MySQL holds at most 64
            |      -> give the column a name MySQL can hold: rename 'total', to: '${LONG_COLUMN.substring(0, 64)}'
            |""".stripMargin())
        plan.out.contains("""\
            |order_moods
            |  SAFE          missing in the target
            |      -> created with 2 columns; its indexes and foreign keys after the load
            |  BREAKING      feeling😀: name with 😀 (U+1F600), outside the Basic Multilingual Plane, which MySQL does not allow
            |      -> give the column a name MySQL can hold: rename 'feeling😀', to: 'feeling'
            |""".stripMargin())
        plan.out.contains('3 safe, 0 transformable, 5 breaking\n')
        tables(maria, dst) == []
    }

    def "run into MariaDB refuses every name it cannot hold with exit 3 and creates no table"() {
        given:
        TestServer pg = TestDatabases.postgres()
        TestServer maria = TestDatabases.mysql()
        String dst = database(maria, 'mig_dst')
        Path script = Scripts.write('names-run.groovy', postgresIntoMaria(pg, maria, dst))

        when:
        def run = Scripts.execute('run', script.toString(), '--results', Scripts.tempDir('names').toString())

        then:
        run.code == 3
        run.err.contains("table ${LONG_TABLE}: name of 70 characters; MySQL holds at most 64 -> give the table a name MySQL can hold:"
                + " table('customers', to: '${LONG_TABLE.substring(0, 64)}')")
        run.err.contains("table orders, column mood😀: name with 😀 (U+1F600), outside the Basic Multilingual Plane, which MySQL does not allow"
                + " -> give the column a name MySQL can hold: rename 'mood😀', to: 'mood'")
        tables(maria, dst) == []
    }

    def "once the script renames them, the same tables move into MariaDB"() {
        given:
        TestServer pg = TestDatabases.postgres()
        TestServer maria = TestDatabases.mysql()
        String dst = database(maria, 'mig_dst')
        String fixed = postgresIntoMaria(pg, maria, dst)
                .replace("to: '${LONG_TABLE}'", "to: 'customers_x'")
                .replace("rename 'total', to: '${LONG_COLUMN}'", "rename 'total', to: 'total_y'; rename 'mood😀', to: 'mood'; rename 'note ', to: 'note'")
                .replace('AS "feeling😀"', 'AS feeling')

        when:
        def result = Scripts.run('names-fixed.groovy', fixed)

        then:
        result.succeeded()
        tables(maria, dst).sort() == ['customers_x', 'order_moods', 'orders']
        maria.withDatabase(dst) { Sql sql -> sql.rows('SELECT * FROM orders').collect { it as Map } } == [[id: 1, mood: 'happy', note: 'n', total_y: 1.50]]
    }

    def "the columns CREATE_AND_ALTER adds, the columns a script computes and the tables into blocks fill are checked too"() {
        given:
        TestServer pg = TestDatabases.postgres()
        TestServer maria = TestDatabases.mysql()
        String src = database(pg, 'mig_src')
        String dst = database(maria, 'mig_dst')
        pg.withDatabase(src) { Sql sql -> sql.execute('''
            CREATE TABLE t (id int PRIMARY KEY, "extra😀" text);
            CREATE TABLE people (id int PRIMARY KEY, street text, city text);
            ''') }
        maria.withDatabase(dst) { Sql sql -> sql.execute('CREATE TABLE t (id int PRIMARY KEY)') }
        String computed = 'computed_' + 'z' * 60
        String people = 'people_' + 'p' * 60
        def plan = Scripts.load('alter-names.groovy', """\
            migration 'alter-names', {
                source { url '${pg.url(src)}'; user '${pg.user}' }
                target { url '${maria.url(dst)}'; user '${maria.user}' }
                settings { schema CREATE_AND_ALTER }
                table('t') { column('${computed}') { 1 } }
                table('people') {
                    into('${people}') { columns 'id', 'street' }
                    into('cities') { columns 'id', 'city' }
                }
            }
            """.stripIndent())

        when:
        def differences = Migrate.plan(plan).differences().findAll { it.action().contains('MySQL can hold') }

        then:
        differences.collect { [it.table(), it.column(), it.what(), it.action()] } == [
                [people, null, 'name of 67 characters; MySQL holds at most 64',
                 "give the table a name MySQL can hold: into('${people.substring(0, 64)}') { ... }"],
                ['t', 'extra😀', 'name with 😀 (U+1F600), outside the Basic Multilingual Plane, which MySQL does not allow',
                 "give the column a name MySQL can hold: rename 'extra😀', to: 'extra'"],
                ['t', computed, 'name of 69 characters; MySQL holds at most 64',
                 "give the column a name MySQL can hold: column('${computed.substring(0, 64)}') { ... }"]]
        tables(maria, dst) == ['t']
    }

    def "index and foreign key names the run makes for long table names fit MariaDB and work"() {
        given:
        TestServer pg = TestDatabases.postgres()
        TestServer maria = TestDatabases.mysql()
        String src = database(pg, 'mig_src')
        String dst = database(maria, 'mig_dst')
        String first = 'a' * 60
        String second = 'b' * 60
        pg.withDatabase(src) { Sql sql -> sql.execute("""
            CREATE TABLE parent (id int PRIMARY KEY);
            CREATE TABLE ${first} (id int PRIMARY KEY, parent_id int CONSTRAINT fk_parent REFERENCES parent (id), mood varchar(20));
            CREATE TABLE ${second} (id int PRIMARY KEY, parent_id int CONSTRAINT fk_parent REFERENCES parent (id));
            CREATE INDEX "by_mood😀" ON ${first} (mood);
            INSERT INTO parent VALUES (1);
            INSERT INTO ${first} VALUES (1, 1, 'calm');
            INSERT INTO ${second} VALUES (1, 1);
            """.toString()) }

        when:
        def result = Scripts.run('made-names.groovy', """\
            migration 'made-names', {
                source { url '${pg.url(src)}'; user '${pg.user}' }
                target { url '${maria.url(dst)}'; user '${maria.user}' }
            }
            """.stripIndent())

        then:
        result.succeeded()
        maria.withDatabase(dst) { Sql sql ->
            sql.rows('''SELECT table_name AS t, constraint_name AS c FROM information_schema.referential_constraints
                        WHERE constraint_schema = DATABASE() ORDER BY table_name''').collect { [it.t, it.c] }
        } == [[first, 'fk_parent'], [second, 'b' * 56 + '_d94db65']]
        maria.withDatabase(dst) { Sql sql ->
            sql.rows("SELECT DISTINCT index_name AS i FROM information_schema.statistics WHERE table_schema = DATABASE() AND column_name = 'mood'")*.i
        } == ['by_mood_d7c1782']

        when: 'the foreign keys hold'
        maria.withDatabase(dst) { Sql sql -> sql.execute("INSERT INTO ${second} VALUES (2, 99)".toString()) }

        then:
        thrown(java.sql.SQLException)
    }

    def "index and foreign key names the run makes for long multibyte table names fit PostgreSQL in bytes and work"() {
        given:
        TestServer maria = TestDatabases.mysql()
        TestServer pg = TestDatabases.postgres()
        String src = database(maria, 'mig_src')
        String dst = database(pg, 'mig_dst')
        String table = 'é' * 30
        maria.withDatabase(src) { Sql sql ->
            sql.execute('CREATE TABLE parent (id int PRIMARY KEY)')
            sql.execute("""CREATE TABLE `${table}` (id int PRIMARY KEY, a int, b int, code varchar(10), INDEX by_code (code),
                           CONSTRAINT `${table}_fk_a` FOREIGN KEY (a) REFERENCES parent (id),
                           CONSTRAINT `${table}_fk_b` FOREIGN KEY (b) REFERENCES parent (id))""".toString())
            sql.execute('CREATE TABLE other (id int PRIMARY KEY, code varchar(10), INDEX by_code (code))')
            sql.execute('INSERT INTO parent VALUES (1)')
            sql.execute("INSERT INTO `${table}` VALUES (1, 1, 1, 'x')".toString())
            sql.execute("INSERT INTO other VALUES (1, 'x')")
        }

        when:
        def result = Scripts.run('made-bytes.groovy', """\
            migration 'made-bytes', {
                source { url '${maria.url(src)}'; user '${maria.user}' }
                target { url '${pg.url(dst)}'; user '${pg.user}' }
            }
            """.stripIndent())

        then:
        result.succeeded()
        def names = pg.withDatabase(dst) { Sql sql ->
            sql.rows("""SELECT conname AS n FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace
                        UNION ALL SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%pkey'""")*.n
        }
        names.sort() == ['by_code', 'é' * 27 + '_3481366', 'é' * 27 + '_3481367', 'é' * 27 + '_4d6ec76']
        names.every { it.getBytes('UTF-8').length <= 63 }

        when: 'the foreign keys hold'
        pg.withDatabase(dst) { Sql sql -> sql.execute("INSERT INTO \"${table}\" VALUES (2, 99, 1, 'y')".toString()) }

        then:
        thrown(java.sql.SQLException)
    }

    def "a SQLite table with a unique column moves into SQLite: the index SQLite named for itself is created under a name it allows"() {
        given:
        Path dir = Scripts.tempDir('sqlite-names')
        String src = "jdbc:sqlite:${dir.resolve('src.db')}"
        String dst = "jdbc:sqlite:${dir.resolve('dst.db')}"
        Sql.withInstance(src) { Sql sql ->
            sql.execute('CREATE TABLE t (id integer PRIMARY KEY, email text UNIQUE)')
            sql.execute("INSERT INTO t VALUES (1, 'a@example.org')")
        }

        when:
        def result = Scripts.run('sqlite-names.groovy', """\
            migration 'sqlite-names', {
                source { url '${src}' }
                target { url '${dst}' }
            }
            """.stripIndent())

        then:
        result.succeeded()
        List<String> indexes = []
        Sql.withInstance(dst) { Sql sql -> indexes = sql.rows("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")*.name }
        indexes == ['autoindex_t_1_b49a277']
    }

    static final String ACCENTED = 'é' * 32

    def "plan into PostgreSQL refuses a 64-byte name of 32 letters from MariaDB rather than let it be cut"() {
        given:
        TestServer maria = TestDatabases.mysql()
        TestServer pg = TestDatabases.postgres()
        String src = database(maria, 'mig_src')
        String dst = database(pg, 'mig_dst')
        maria.withDatabase(src) { Sql sql -> sql.execute("CREATE TABLE `${ACCENTED}` (id int PRIMARY KEY, `${'ü' * 32}` int)".toString()) }
        Path script = Scripts.write('accents.groovy', """\
            migration 'accents', {
                source { url '${maria.url(src)}'; user '${maria.user}' }
                target { url '${pg.url(dst)}'; user '${pg.user}' }
            }
            """.stripIndent())

        when:
        def plan = Scripts.execute('plan', script.toString(), '--results', Scripts.tempDir('names').toString())

        then:
        plan.code == 3
        plan.out.contains("""\
            |${ACCENTED}
            |  SAFE          missing in the target
            |      -> created with 2 columns and its primary key; its indexes and foreign keys after the load
            |  BREAKING      name of 64 bytes in UTF-8; PostgreSQL holds at most 63 and would cut it without an error
            |      -> give the table a name PostgreSQL can hold: table('${ACCENTED}', to: '${'é' * 31}')
            |  BREAKING      ${'ü' * 32}: name of 64 bytes in UTF-8; PostgreSQL holds at most 63 and would cut it without an error
            |      -> give the column a name PostgreSQL can hold: rename '${'ü' * 32}', to: '${'ü' * 31}'
            |""".stripMargin())
        tables(pg, dst) == []
    }

    def "run into PostgreSQL refuses a 64-byte name with exit 3 and creates no cut table"() {
        given:
        TestServer maria = TestDatabases.mysql()
        TestServer pg = TestDatabases.postgres()
        String src = database(maria, 'mig_src')
        String dst = database(pg, 'mig_dst')
        maria.withDatabase(src) { Sql sql -> sql.execute("CREATE TABLE `${ACCENTED}` (id int PRIMARY KEY)".toString()) }
        Path script = Scripts.write('accents-run.groovy', """\
            migration 'accents', {
                source { url '${maria.url(src)}'; user '${maria.user}' }
                target { url '${pg.url(dst)}'; user '${pg.user}' }
            }
            """.stripIndent())

        when:
        def run = Scripts.execute('run', script.toString(), '--results', Scripts.tempDir('names').toString())

        then:
        run.code == 3
        run.err.contains("table ${ACCENTED}: name of 64 bytes in UTF-8; PostgreSQL holds at most 63 and would cut it without an error")
        tables(pg, dst) == []
    }
}
