package dev.migrate.integration

import dev.migrate.cli.Main
import dev.migrate.command.ApplyVersions
import dev.migrate.command.Migrate
import dev.migrate.engine.ProgressListener
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.MigrateProcess
import dev.migrate.support.TestServer
import dev.migrate.versions.FolderState
import dev.migrate.versions.MigrationsFolder
import dev.migrate.versions.SqlScript
import dev.migrate.versions.Version
import dev.migrate.plan.Settings
import groovy.sql.Sql

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.Callable
import java.util.concurrent.Executors

/**
 * A migrations folder applied to a target: schema versions in SQL and Groovy, a data version that moves and
 * reshapes rows from the source, a repeatable view; each recorded once in the history, a second up finds nothing,
 * a changed file is caught, a failure stops up until it is repaired, and two ups at once apply each version once.
 */
class VersionedFolderSpec extends DatabaseSpecification {

    Path dir = Files.createTempDirectory('migrations')
    Path results = Files.createTempDirectory('migrations-results')

    private Map database(String kind, String prefix) {
        if (kind == 'H2') {
            Path file = Files.createTempDirectory('h2').resolve(prefix)
            return [url: "jdbc:h2:file:${file}".toString(), user: 'sa', kind: kind, connect: { -> Sql.newInstance("jdbc:h2:file:${file}".toString(), 'sa', '') }]
        }
        TestServer server = server(kind == 'PostgreSQL' ? 'postgres' : 'mysql')
        String db = database(server, prefix)
        [url: server.url(db), user: server.user, kind: kind, connect: { -> server.connect(db) }]
    }

    private void write(String name, String text) {
        Files.writeString(dir.resolve(name), text.stripIndent())
    }

    private void folder(Map source, Map target) {
        write 'migrations.groovy', """\
            source { url '${source.url}'; user '${source.user}' }
            target { url '${target.url}'; user '${target.user}' }
            settings { parallelism 2 }
            """
        write 'V1__create_customers.sql', '''\
            -- the new schema
            CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(60) NOT NULL, email VARCHAR(120));
            CREATE INDEX customers_email ON customers (email);
            '''
        write 'V2__move_customers.groovy', '''\
            migration 'move customers', {
                table('people', to: 'customers') {
                    rename 'full_name', to: 'name'
                    column('email') { it?.trim()?.toLowerCase() }
                }
            }
            '''
        write 'V3__add_country.groovy', '''\
            target.execute 'ALTER TABLE customers ADD country VARCHAR(2)'
            target.execute "UPDATE customers SET country = 'FR' WHERE email LIKE '%.fr'"
            '''
        write 'R__customers_by_country.sql', '''\
            CREATE OR REPLACE VIEW customers_by_country AS SELECT country, COUNT(*) AS n FROM customers GROUP BY country;
            '''
    }

    private static void people(Map source) {
        Sql sql = source.connect()
        sql.execute 'CREATE TABLE people (id INT PRIMARY KEY, full_name VARCHAR(60) NOT NULL, email VARCHAR(120))'
        (1..250).each { int i -> sql.execute 'INSERT INTO people VALUES (?, ?, ?)', [i, "person ${i}".toString(), " P${i}@Example.${i % 5 == 0 ? 'fr' : 'com'} ".toString()] }
        sql.close()
    }

    private MigrationsFolder load() {
        MigrationsFolder.load(dir, Settings.DEFAULTS)
    }

    def "#kind: up applies every version once and in order, records each, and a second up finds nothing to do"() {
        given:
        Map source = database(kind, 'ver_src')
        Map target = database(kind, 'ver_dst')
        people(source)
        folder(source, target)

        when:
        ApplyVersions.Result first = Migrate.up(load(), null, false, results, ProgressListener.NONE)
        ApplyVersions.Result second = Migrate.up(load(), null, false, results, ProgressListener.NONE)
        FolderState state = Migrate.state(load())
        Sql sql = target.connect()
        def countries = sql.rows('SELECT country, n FROM customers_by_country').collect { [it.country, it.n as int] } as Set
        def ada = sql.firstRow('SELECT name, email, country FROM customers WHERE id = 5')
        Closure q = { String name -> kind == 'MariaDB' ? name : '"' + name + '"' }
        def history = sql.rows("SELECT ${q('installed_rank')}, ${q('version')}, ${q('description')}, ${q('type')}, ${q('script')}, ${q('rows_moved')}, ${q('success')} FROM ${q('migrate_history')} ORDER BY 1".toString())
                .collect { [it.installed_rank as int, it.version, it.description, it.type, it.script, it.rows_moved as long, it.success as boolean] }
        sql.close()

        then:
        first.succeeded()
        first.applied()*.label() == ['version 1 (create customers)', 'version 2 (move customers)', 'version 3 (add country)',
                                     "repeatable 'customers by country'"]
        first.applied()*.rows() == [0L, 250L, 0L, 0L]
        second.succeeded()
        second.applied() == []
        state.lines()*.state()*.toString() == ['applied', 'applied', 'applied', 'applied']
        state.problems() == []
        countries == [[null, 200], ['FR', 50]] as Set
        ada.name == 'person 5'
        ada.email == 'p5@example.fr'
        ada.country == 'FR'
        history == [[1, '1', 'create customers', 'SQL', 'V1__create_customers.sql', 0L, true],
                    [2, '2', 'move customers', 'GROOVY', 'V2__move_customers.groovy', 250L, true],
                    [3, '3', 'add country', 'GROOVY', 'V3__add_country.groovy', 0L, true],
                    [4, null, 'customers by country', 'SQL', 'R__customers_by_country.sql', 0L, true]]

        where:
        kind << ['H2', 'PostgreSQL', 'MariaDB']
    }

    def "#kind: a changed file fails validate, naming it; repair realigns it; a repeatable file that changed is applied again"() {
        given:
        Map source = database(kind, 'ver_src')
        Map target = database(kind, 'ver_dst')
        people(source)
        folder(source, target)
        assert Migrate.up(load(), null, false, results, ProgressListener.NONE).succeeded()

        when:
        write 'V1__create_customers.sql', '''\
            CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(80) NOT NULL, email VARCHAR(120));
            CREATE INDEX customers_email ON customers (email);
            '''
        List<String> problems = Migrate.state(load()).problems()
        MigrateProcess validate = MigrateProcess.call(['validate', dir.toString()], results)
        List<String> repaired = Migrate.repair(load())
        write 'R__customers_by_country.sql', '''\
            CREATE OR REPLACE VIEW customers_by_country AS SELECT country, COUNT(*) AS n, MAX(id) AS last_id FROM customers GROUP BY country;
            '''
        ApplyVersions.Result again = Migrate.up(load(), null, false, results, ProgressListener.NONE)

        then:
        problems.size() == 1
        problems[0] ==~ /version 1 \(create customers\): V1__create_customers.sql changed since it was applied \(checksum -?\d+ then, -?\d+ now\); put it back, or run repair if the change is deliberate/
        validate.exitCode == 1
        validate.stdout.readLines() == ["invalid: ${problems[0]}".toString(), '1 problem(s)']
        repaired.size() == 1
        repaired[0].startsWith('version 1 (create customers): checksum set to ')
        Migrate.state(load()).problems() == []
        again.applied()*.label() == ["repeatable 'customers by country'"]

        where:
        kind << ['H2', 'PostgreSQL']
    }

    def "#kind: a version that fails is recorded as failed, up refuses to go on naming it and the choices, and repair lets it be fixed and applied"() {
        given:
        Map source = database(kind, 'ver_src')
        Map target = database(kind, 'ver_dst')
        people(source)
        folder(source, target)
        write 'V4__broken.sql', '''\
            CREATE TABLE audit (id INT PRIMARY KEY);
            INSERT INTO no_such_table VALUES (1);
            '''

        when:
        ApplyVersions.Result failed = Migrate.up(load(), null, false, results, ProgressListener.NONE)
        Migrate.up(load(), null, false, results, ProgressListener.NONE)

        then:
        !failed.succeeded()
        failed.applied()*.success() == [true, true, true, false]
        failed.error().startsWith('version 4 (broken) failed: V4__broken.sql, statement 2 of 2 (INSERT INTO no_such_table VALUES (1)): ')
        Exception refused = thrown()
        refused.message ==~ /version 4 \(broken\) failed on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d; nothing more is applied until it is dealt with: `up --resume` goes on with a data version where it stopped, `repair` forgets the failure \(after you put right by hand what it did\)/
        // where DDL is transactional the failed version left nothing behind
        target.connect().withCloseable { Sql sql ->
            sql.firstRow("SELECT COUNT(*) AS n FROM information_schema.tables WHERE LOWER(table_name) = 'audit'" + (kind == 'MariaDB' ? ' AND table_schema = DATABASE()' : '')).n as int
        } == auditLeft

        when:
        Migrate.repair(load())
        if (auditLeft) {
            target.connect().withCloseable { Sql sql -> sql.execute 'DROP TABLE audit' }
        }
        write 'V4__broken.sql', 'CREATE TABLE audit (id INT PRIMARY KEY);\n'
        ApplyVersions.Result fixed = Migrate.up(load(), null, false, results, ProgressListener.NONE)

        then:
        fixed.succeeded()
        // the repeatable view waited for the versions before it
        fixed.applied()*.label() == ['version 4 (broken)', "repeatable 'customers by country'"]

        where:
        kind         | auditLeft
        'PostgreSQL' | 0
        'MariaDB'    | 1
    }

    def "#kind: down runs the undo files of the newest versions, newest first, removes their history, and up applies them again"() {
        given:
        Map source = database(kind, 'ver_src')
        Map target = database(kind, 'ver_dst')
        people(source)
        folder(source, target)
        Files.delete(dir.resolve('R__customers_by_country.sql'))
        write 'U3__add_country.sql', 'ALTER TABLE customers DROP COLUMN country;\n'
        write 'U2__move_customers.sql', 'DELETE FROM customers;\n'
        assert Migrate.up(load(), null, false, results, ProgressListener.NONE).succeeded()

        when:
        ApplyVersions.Result down = Migrate.down(load(), null, 2, results, ProgressListener.NONE)
        FolderState after = Migrate.state(load())
        int left = target.connect().withCloseable { Sql sql -> sql.firstRow('SELECT COUNT(*) AS n FROM customers').n as int }
        ApplyVersions.Result up = Migrate.up(load(), null, false, results, ProgressListener.NONE)
        int back = target.connect().withCloseable { Sql sql -> sql.firstRow("SELECT COUNT(*) AS n FROM customers WHERE country = 'FR'").n as int }

        then:
        down.succeeded()
        down.applied()*.label() == ['version 3 (add country)', 'version 2 (move customers)']
        after.lines().collect { [it.version(), it.state().toString()] } == [['1', 'applied'], ['2', 'pending'], ['3', 'pending']]
        left == 0
        up.applied()*.label() == ['version 2 (move customers)', 'version 3 (add country)']
        back == 50

        where:
        kind << ['H2', 'PostgreSQL', 'MariaDB']
    }

    def "down undoes nothing when a version it would undo has no undo file, and says which"() {
        given:
        Map source = database('H2', 'ver_src')
        Map target = database('H2', 'ver_dst')
        people(source)
        folder(source, target)
        write 'U3__add_country.sql', 'DROP VIEW customers_by_country;\nALTER TABLE customers DROP COLUMN country;\n'
        assert Migrate.up(load(), null, false, results, ProgressListener.NONE).succeeded()

        when:
        Migrate.down(load(), Version.parse('1'), 1, results, ProgressListener.NONE)

        then:
        Exception e = thrown()
        e.message == 'version 2 (move customers) has no undo file (U2__move_customers.sql or .groovy); nothing was undone'
        Migrate.state(load()).lines()*.state()*.toString() == ['applied', 'applied', 'applied', 'applied']
    }

    def "baseline marks a database that has its schema already: up applies only the versions after it"() {
        given:
        Map source = database('PostgreSQL', 'ver_src')
        Map target = database('PostgreSQL', 'ver_dst')
        people(source)
        folder(source, target)
        target.connect().withCloseable { Sql sql -> sql.execute 'CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(60) NOT NULL, email VARCHAR(120))' }

        when:
        String said = Migrate.baseline(load(), Version.parse('1'))
        ApplyVersions.Result up = Migrate.up(load(), null, false, results, ProgressListener.NONE)
        Migrate.baseline(load(), Version.parse('1'))

        then:
        said == 'baseline: "public"."migrate_history" marks the target as at version 1; up applies the versions after it'
        up.applied()*.label() == ['version 2 (move customers)', 'version 3 (add country)', "repeatable 'customers by country'"]
        Migrate.state(load()).lines().collect { [it.version(), it.state().toString()] } ==
                [['1', 'baseline'], ['2', 'applied'], ['3', 'applied'], [null, 'applied']]
        Exception again = thrown()
        again.message == '"public"."migrate_history" already holds 4 entr(ies): a baseline marks a database whose history is empty'
    }

    def "new writes the folder's next version from the source and the target as they are, without connections, and up applies it"() {
        given:
        Map source = database('H2', 'ver_src')
        Map target = database('H2', 'ver_dst')
        people(source)
        folder(source, target)
        assert Migrate.up(load(), null, false, results, ProgressListener.NONE).succeeded()

        when:
        def written = Migrate.newVersion(load(), 'copy people')
        String text = Files.readString(written.file())
        ApplyVersions.Result up = Migrate.up(load(), null, false, results, ProgressListener.NONE)
        Migrate.newVersion(load(), 'no/slashes')

        then:
        written.file() == dir.resolve('V4__copy_people.groovy')
        text.startsWith('// Written by migrate new. Every table moves; read each TODO and decide, then apply it:\n')
        text.contains("migration 'copy people', {\n")
        text.toLowerCase().contains("table('people')")
        !text.contains('source {') && !text.contains('target {')
        up.applied()*.label() == ['version 4 (copy people)']
        up.applied()*.rows() == [250L]
        IllegalArgumentException e = thrown()
        e.message == "a version's description is words (letters, digits, spaces, - and _), not 'no/slashes'"
    }

    def "#kind: the versioned example applies, validates, undoes and applies again with its target on a server"() {
        given:
        Map target = database(kind, 'ver_dst')
        Path copy = Files.createTempDirectory('examples').resolve('dsl-examples/versioned')
        Files.createDirectories(copy)
        Files.list(Path.of('dsl-examples/versioned')).each { Files.copy(it, copy.resolve(it.fileName)) }
        String config = Files.readString(copy.resolve('migrations.groovy'))
        String h2Target = 'target {\n    url "jdbc:h2:file:${work}/shop"\n    user \'sa\'\n}'
        assert config.contains(h2Target)
        Files.writeString(copy.resolve('migrations.groovy'), config.replace(h2Target, "target {\n    url '${target.url}'\n    user '${target.user}'\n}"))
        def folder = { -> MigrationsFolder.load(copy, Settings.DEFAULTS) }

        when:
        def first = Migrate.up(folder(), null, false, results, ProgressListener.NONE)
        def problems = Migrate.state(folder()).problems()
        def down = Migrate.down(folder(), null, 1, results, ProgressListener.NONE)
        def again = Migrate.up(folder(), null, false, results, ProgressListener.NONE)
        def second = Migrate.up(folder(), null, false, results, ProgressListener.NONE)
        def customers = target.connect().withCloseable { Sql sql ->
            sql.rows('SELECT id, username, email, country FROM customers ORDER BY id').collect { [it.id as long, it.username, it.email, it.country] }
        }
        def active = target.connect().withCloseable { Sql sql -> sql.rows('SELECT id FROM active_customers ORDER BY id').collect { it.id as long } }

        then:
        first.applied()*.label() == ['version 1 (create schema)', 'version 2 (move customers)', 'version 3 (add country)',
                                     "repeatable 'active customers'"]
        problems == []
        down.applied()*.label() == ['version 3 (add country)']
        again.applied()*.label() == ['version 3 (add country)']
        second.applied() == []
        customers == [[1L, 'ada', 'ada@example.com', 'US'], [2L, 'brian', 'brian@example.fr', 'FR'],
                      [3L, 'chloé', null, null], [4L, 'dmitri 🚀', 'dmitri@example.fr', 'FR']]
        active == [1L, 2L, 4L]

        where:
        kind << ['PostgreSQL', 'MariaDB']
    }

    def "PostgreSQL: up --sql writes what up runs and runs nothing; the file run by hand leaves the target as up leaves another"() {
        given:
        Map byHand = database('PostgreSQL', 'ver_sql')
        Map byUp = database('PostgreSQL', 'ver_up')
        write 'migrations.groovy', "target { url '${byHand.url}'; user '${byHand.user}' }\n"
        write 'V1__create_customers.sql', '''\
            CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(60) NOT NULL);
            CREATE FUNCTION shout(t TEXT) RETURNS TEXT AS $$ BEGIN RETURN upper(t) || '!'; END; $$ LANGUAGE plpgsql;
            '''
        write 'V2__add_people.groovy', '''\
            ['ada', 'brian'].eachWithIndex { String n, int i -> target.executeUpdate 'INSERT INTO customers VALUES (?, ?)', [i + 1, n] }
            target.execute "INSERT INTO customers VALUES (3, 'it''s chloé')"
            '''
        write 'R__loud.sql', 'CREATE OR REPLACE VIEW loud AS SELECT id, shout(name) AS name FROM customers;\n'
        Path file = results.resolve('up.sql')

        when:
        MigrateProcess offline = MigrateProcess.call(['up', dir.toString(), '--sql', file.toString()], results)
        boolean touched = byHand.connect().withCloseable { Sql sql -> sql.firstRow("SELECT COUNT(*) AS n FROM pg_tables WHERE schemaname = 'public'").n as int } > 0
        String text = Files.readString(file)
        byHand.connect().withCloseable { Sql sql -> new SqlScript('PostgreSQL').statements(text).each { sql.execute(it) } }
        write 'migrations.groovy', "target { url '${byUp.url}'; user '${byUp.user}' }\n"
        assert Migrate.up(load(), null, false, results, ProgressListener.NONE).succeeded()
        Closure state = { Map db ->
            db.connect().withCloseable { Sql sql ->
                [sql.rows('SELECT id, name FROM loud ORDER BY id').collect { [it.id, it.name] },
                 sql.rows('SELECT installed_rank, version, description, type, script, checksum, success FROM migrate_history ORDER BY 1')
                         .collect { it.values() as List }]
            }
        }

        then:
        offline.exitCode == 0
        offline.stdout.trim() == "wrote ${file}: what up would run for 3 version(s); nothing was run".toString()
        !touched
        text.contains("INSERT INTO customers VALUES (1, 'ada');\nINSERT INTO customers VALUES (2, 'brian');\nINSERT INTO customers VALUES (3, 'it''s chloé');")
        state(byHand) == state(byUp)
        state(byUp)[0] == [[1, 'ADA!'], [2, 'BRIAN!'], [3, "IT'S CHLOÉ!"]]
    }

    def "#kind: a data version that fails is resumed by up --resume, every row once, and recorded as applied"() {
        given:
        Map source = database(kind, 'ver_src')
        Map target = database(kind, 'ver_dst')
        people(source)
        folder(source, target)
        Files.delete(dir.resolve('R__customers_by_country.sql'))
        // person 200's e-mail stops the move half way
        source.connect().withCloseable { Sql sql -> sql.execute "UPDATE people SET email = 'stop' WHERE id = 200" }
        write 'V2__move_customers.groovy', '''\
            migration 'move customers', {
                settings { partitionRows 50 }
                table('people', to: 'customers') {
                    rename 'full_name', to: 'name'
                    column('email') { if (it == 'stop') { throw new IllegalStateException('not yet') }; it?.trim()?.toLowerCase() }
                }
            }
            '''

        when:
        ApplyVersions.Result failed = Migrate.up(load(), null, false, results, ProgressListener.NONE)
        source.connect().withCloseable { Sql sql -> sql.execute "UPDATE people SET email = 'p200@example.com' WHERE id = 200" }
        ApplyVersions.Result resumed = Migrate.up(load(), null, true, results, ProgressListener.NONE)
        Map counts = target.connect().withCloseable { Sql sql ->
            [rows: sql.firstRow('SELECT COUNT(*) AS n FROM customers').n as int, distinct: sql.firstRow('SELECT COUNT(DISTINCT id) AS n FROM customers').n as int]
        }

        then:
        failed.applied()*.label() == ['version 1 (create customers)', 'version 2 (move customers)']
        failed.applied()*.success() == [true, false]
        failed.error().startsWith('version 2 (move customers) failed: V2__move_customers.groovy: the data move did not finish')
        resumed.succeeded()
        resumed.applied()*.label() == ['version 2 (move customers)', 'version 3 (add country)']
        counts == [rows: 250, distinct: 250]
        Migrate.state(load()).lines().collect { [it.version(), it.state().toString()] } == [['1', 'applied'], ['2', 'applied'], ['3', 'applied']]

        where:
        kind << ['PostgreSQL', 'MariaDB']
    }

    def "a version older than the newest applied, never applied, fails validate and stops up, naming it"() {
        given:
        Map source = database('H2', 'ver_src')
        Map target = database('H2', 'ver_dst')
        people(source)
        folder(source, target)
        assert Migrate.up(load(), null, false, results, ProgressListener.NONE).succeeded()
        write 'V2_5__late.sql', 'CREATE TABLE late (id INT);\n'

        when:
        List<String> problems = Migrate.state(load()).problems()
        Migrate.up(load(), null, false, results, ProgressListener.NONE)

        then:
        problems == ['version 2.5 (late): V2_5__late.sql is older than the newest version applied (3) and was never applied']
        Exception e = thrown()
        e.message == 'the target does not match the folder, so nothing is applied: ' + problems[0]
    }

    def "#kind: a dump as a SQL version — pg_dump's COPY ... FROM stdin, mysqldump's DELIMITER around a trigger — is applied as its client would"() {
        given:
        Map target = database(kind, 'ver_dst')
        write 'migrations.groovy', "target { url '${target.url}'; user '${target.user}' }\n"
        write 'V1__dump.sql', dump

        when:
        ApplyVersions.Result up = Migrate.up(load(), null, false, results, ProgressListener.NONE)
        def rows = target.connect().withCloseable { Sql sql -> sql.rows('SELECT a, b FROM t ORDER BY a').collect { [it.a, it.b] } }

        then:
        up.succeeded()
        rows == expected

        where:
        kind         | dump                                                                                                    | expected
        'PostgreSQL' | '\\restrict k3y\nCREATE TABLE t (a INT PRIMARY KEY, b TEXT);\n--\n-- Data for Name: t; Type: TABLE DATA; Schema: public\n--\n\nCOPY public.t (a, b) FROM stdin;\n1\tx;y\n2\t\\N\n\\.\n\\unrestrict k3y\n' | [[1, 'x;y'], [2, null]]
        'MariaDB'    | 'CREATE TABLE t (a INT PRIMARY KEY, b TEXT);\nDELIMITER ;;\nCREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.b = UPPER(NEW.b); END ;;\nDELIMITER ;\nINSERT INTO t VALUES (1, \'x;y\');\n' | [[1, 'X;Y']]
    }

    def "a Groovy schema step runs when the folder's source is gone: the source is opened only for code that reads it"() {
        given:
        Map target = database('H2', 'ver_dst')
        write 'migrations.groovy', """\
            source { url 'jdbc:h2:file:${dir.resolve('decommissioned')}'; user 'sa' }
            target { url '${target.url}'; user 'sa' }
            """
        write 'V1__notes.groovy', "target.execute 'CREATE TABLE notes (id INT PRIMARY KEY)'\n"
        write 'V2__from_source.groovy', "target.execute 'INSERT INTO notes VALUES (' + source.firstRow('SELECT 1 AS n').n + ')'\n"

        when:
        ApplyVersions.Result up = Migrate.up(load(), null, false, results, ProgressListener.NONE)

        then:
        up.applied()*.label() == ['version 1 (notes)', 'version 2 (from source)']
        up.applied()*.success() == [true, false]
        up.error().startsWith('version 2 (from source) failed: ')
        up.error().contains('does not exist')
    }

    def "PostgreSQL: two ups at once apply each version once: one waits for the other's lock and then finds nothing to do"() {
        given:
        Map source = database('PostgreSQL', 'ver_src')
        Map target = database('PostgreSQL', 'ver_dst')
        people(source)
        folder(source, target)
        write 'V2_5__slow.sql', 'SELECT pg_sleep(1);\n'

        when:
        def pool = Executors.newFixedThreadPool(2)
        List<ApplyVersions.Result> both = pool.invokeAll((1..2).collect { { -> Migrate.up(load(), null, false, results, ProgressListener.NONE) } as Callable })*.get()
        pool.shutdown()
        def history = target.connect().withCloseable { Sql sql -> sql.rows('SELECT version FROM migrate_history ORDER BY installed_rank')*.version }

        then:
        both*.succeeded() == [true, true]
        both*.applied()*.size().sort() == [0, 5]
        history == ['1', '2', '2.5', '3', null]
    }

    def "bin/migrate up, info and validate: what a user sees, and a misnamed file stops them with its name"() {
        given:
        Map source = database('H2', 'ver_src')
        Map target = database('H2', 'ver_dst')
        people(source)
        folder(source, target)

        when:
        MigrateProcess up = MigrateProcess.call(['up', dir.toString(), '--results', results.toString()], results)
        MigrateProcess info = MigrateProcess.call(['info', dir.toString()], results)
        MigrateProcess infoJson = MigrateProcess.call(['info', dir.toString(), '--json', '-'], results)
        MigrateProcess validJson = MigrateProcess.call(['validate', dir.toString(), '--json', '-'], results)
        write 'V5_oops.sql', 'SELECT 1;\n'
        MigrateProcess misnamed = MigrateProcess.call(['up', dir.toString()], results)

        then:
        up.exitCode == 0
        up.stdout.readLines().findAll { it.startsWith('applied') }*.replaceAll(/ in \d+\.\d s/, '') == [
                'applied version 1 (create customers)', 'applied version 2 (move customers), 250 rows', 'applied version 3 (add country)',
                "applied repeatable 'customers by country'"]
        up.stdout.readLines().last() == '4 version(s) applied'
        info.exitCode == 0
        info.stdout.readLines()[1].split(/\s{2,}/) as List == ['version', 'description', 'type', 'installed on', 'state', 'ms', 'rows']
        info.stdout.readLines()[3..6].collect { it.split(/\s{2,}/)[0, 1, 2, 4] } == [
                ['1', 'create customers', 'SQL', 'applied'], ['2', 'move customers', 'GROOVY', 'applied'],
                ['3', 'add country', 'GROOVY', 'applied'], ['R', 'customers by country', 'SQL', 'applied']]
        new groovy.json.JsonSlurper().parseText(infoJson.stdout).collect { [it.version, it.state, it.rows] } ==
                [['1', 'applied', 0], ['2', 'applied', 250], ['3', 'applied', 0], [null, 'applied', 0]]
        new groovy.json.JsonSlurper().parseText(validJson.stdout) == [valid: true, problems: []]
        misnamed.exitCode == 2
        misnamed.stderr.trim() == 'error: (V5_oops.sql) a version file is named V<version>__<description>.sql or .groovy (U<version>__ for its undo,' +
                ' R__<description> for a repeatable one), with two underscores'
    }
}
