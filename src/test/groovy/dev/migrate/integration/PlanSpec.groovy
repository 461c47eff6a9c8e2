package dev.migrate.integration

import dev.migrate.cli.Main
import dev.migrate.command.Migrate
import dev.migrate.diff.Category
import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.Scripts
import dev.migrate.support.TestDatabases
import dev.migrate.support.TestServer
import dev.migrate.report.PlanReport
import groovy.sql.Sql

import java.nio.file.Files
import java.nio.file.Path

/** plan on real databases: hand-made schema changes, each classified with its action. */
class PlanSpec extends DatabaseSpecification {

    def "every hand-made change between two PostgreSQL schemas is found and classified"() {
        given:
        TestServer pg = TestDatabases.postgres()
        String src = database(pg, 'mig_src')
        String dst = database(pg, 'mig_dst')
        pg.withDatabase(src) { Sql sql -> sql.execute('''
            CREATE TABLE customers (id int PRIMARY KEY, "FullName" varchar(50) NOT NULL, email varchar(200), score int,
                                    joined date, balance numeric(10,2), notes text, legacy_flag boolean, adress varchar(100));
            CREATE INDEX customers_joined_idx ON customers (joined);
            CREATE TABLE products (id int PRIMARY KEY, title text);
            CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers(id));
            CREATE VIEW big_customers AS SELECT * FROM customers WHERE balance > 1000;
            CREATE SEQUENCE invoice_numbers;
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
            CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();
            ''') }
        pg.withDatabase(dst) { Sql sql -> sql.execute('''
            CREATE TABLE customers (id int PRIMARY KEY, full_name varchar(80) NOT NULL, email varchar(100), score bigint,
                                    joined timestamp, balance numeric(10,1), notes varchar(500), address varchar(100),
                                    status text NOT NULL, created timestamptz DEFAULT now(), region text, code int NOT NULL DEFAULT 0);
            CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL);
            ''') }
        def plan = Scripts.load('plan.groovy', """\
            migration 'plan', {
                source { url '${pg.url(src)}'; user 'postgres' }
                target { url '${pg.url(dst)}'; user 'postgres' }
                tables ALL
                table('customers') { ignore 'legacy_flag' }
            }
            """.stripIndent())

        when:
        def result = Migrate.plan(plan)

        then:
        result.differences().collect { [it.table(), it.column(), it.category(), it.what()] } == [
                ['customers', 'email', Category.BREAKING, 'type VARCHAR(200) -> VARCHAR(100): shorter text: values longer than 100 would not fit'],
                ['customers', 'score', Category.TRANSFORMABLE, 'type INTEGER -> BIGINT'],
                ['customers', 'joined', Category.TRANSFORMABLE, 'type DATE -> TIMESTAMP(6)'],
                ['customers', 'balance', Category.BREAKING, 'type DECIMAL(10,2) -> DECIMAL(10,1): precision lost: 2 decimals into 1'],
                ['customers', 'notes', Category.BREAKING, 'type TEXT -> VARCHAR(500): shorter text: values longer than 500 would not fit'],
                ['customers', 'FullName', Category.TRANSFORMABLE, 'renamed to full_name (confidence 1.00)'],
                ['customers', 'full_name', Category.TRANSFORMABLE, 'type VARCHAR(50) -> VARCHAR(80)'],
                ['customers', 'adress', Category.BREAKING, 'no target column; probably renamed to address (confidence 0.86)'],
                ['customers', 'status', Category.BREAKING, 'only in the target, NOT NULL without a default'],
                ['customers', 'created', Category.SAFE, 'only in the target'],
                ['customers', 'region', Category.SAFE, 'only in the target'],
                ['customers', 'code', Category.SAFE, 'only in the target'],
                ['customers', null, Category.SAFE, 'index (joined) only in the source'],
                ['orders', 'customer_id', Category.TRANSFORMABLE, 'NULL allowed in the source, NOT NULL in the target'],
                ['orders', null, Category.SAFE, 'foreign key (customer_id) -> customers only in the source'],
                ['products', null, Category.SAFE, 'missing in the target']]
        result.differences().find { it.column() == 'adress' }.action() == "confirm with rename 'adress', to: 'address', or ignore 'adress'"
        result.differences().find { it.column() == 'status' }.action() == "give its value: column('status') { value, row -> ... }"
        result.differences().find { it.column() == 'created' }.action() == 'gets its default now()'
        // PostgreSQL gets a created table's primary key after the load, as pg_dump does
        result.ddl() == ['CREATE TABLE "public"."products" (\n    "id" integer NOT NULL,\n    "title" text\n)',
                         'ALTER TABLE "public"."products" ADD PRIMARY KEY ("id")']
        [result.count(Category.SAFE), result.count(Category.TRANSFORMABLE), result.count(Category.BREAKING)] == [6, 5, 5]
        result.notMigrated() == ['routine touch', 'sequence invoice_numbers', 'trigger orders_touch on orders', 'view big_customers']
    }

    def "plan prints the report, writes it and the DDL, and exits 3 while breaking differences remain"() {
        given:
        TestServer pg = TestDatabases.postgres()
        String src = database(pg, 'mig_src')
        String dst = database(pg, 'mig_dst')
        pg.withDatabase(src) { Sql sql -> sql.execute('CREATE TABLE t (id int PRIMARY KEY, name varchar(20)); CREATE TABLE u (id int PRIMARY KEY)') }
        pg.withDatabase(dst) { Sql sql -> sql.execute('CREATE TABLE t (id int PRIMARY KEY, name varchar(10))') }
        def results = java.nio.file.Files.createTempDirectory('plan')
        def ddl = results.resolve('ddl.sql')
        def script = Scripts.write('plan-cli.groovy', """\
            migration 'plan-cli', {
                source { url '${pg.url(src)}'; user 'postgres' }
                target { url '${pg.url(dst)}'; user 'postgres' }
            }
            """.stripIndent())
        def out = new ByteArrayOutputStream()
        def original = System.out
        System.out = new PrintStream(out, true, 'UTF-8')

        when:
        int code = dev.migrate.cli.Main.execute('plan', script.toString(), '--sql', ddl.toString(), '--results', results.toString())
        System.out = original

        then:
        code == 3
        out.toString('UTF-8').contains('''\
            |t
            |  BREAKING      name: type VARCHAR(20) -> VARCHAR(10): shorter text: values longer than 10 would not fit
            |      -> decide with column('name') { ... } or ignore 'name'
            |'''.stripMargin())
        out.toString('UTF-8').contains('1 safe, 0 transformable, 1 breaking\n')
        java.nio.file.Files.readString(ddl) == "-- DDL of migration plan-cli into ${pg.url(dst)}\n\nCREATE TABLE \"public\".\"u\" (\n    \"id\" integer NOT NULL\n);\n\nALTER TABLE \"public\".\"u\" ADD PRIMARY KEY (\"id\");\n"
        java.nio.file.Files.list(results).toList()*.fileName*.toString().findAll { it.startsWith('plan-cli-plan-') }.collect { it.substring(it.lastIndexOf('.')) }.sort() == ['.json', '.txt']
        pg.withDatabase(dst) { Sql sql -> sql.firstRow("SELECT to_regclass('u') AS r").r } == null

        cleanup:
        System.out = original
    }

    def "a PascalCase source moves into a snake_case target: tables and columns paired by their folded names"() {
        given:
        TestServer pg = TestDatabases.postgres()
        String src = database(pg, 'mig_src')
        String dst = database(pg, 'mig_dst')
        pg.withDatabase(src) { Sql sql -> sql.execute('''
            CREATE TABLE "Album" ("AlbumId" int PRIMARY KEY, "Title" varchar(160) NOT NULL, "ArtistId" int NOT NULL);
            CREATE TABLE "TrackGenre" ("TrackGenreId" int PRIMARY KEY, "AlbumId" int REFERENCES "Album"("AlbumId"));
            INSERT INTO "Album" VALUES (1, 'For Those About To Rock', 1), (2, 'Balls to the Wall', 2);
            INSERT INTO "TrackGenre" VALUES (10, 1), (11, 2), (12, NULL);
            ''') }
        pg.withDatabase(dst) { Sql sql -> sql.execute('''
            CREATE TABLE album (album_id int PRIMARY KEY, title varchar(200) NOT NULL, artist_id int NOT NULL);
            CREATE TABLE track_genre (track_genre_id int PRIMARY KEY, album_id int REFERENCES album(album_id));
            ''') }

        when:
        def result = Scripts.run('pascal.groovy', """\
            migration 'pascal', {
                source { url '${pg.url(src)}'; user 'postgres' }
                target { url '${pg.url(dst)}'; user 'postgres' }
            }
            """.stripIndent())

        then:
        result.succeeded()
        result.tables()*.table() == ['album', 'track_genre']
        pg.withDatabase(dst) { Sql sql -> sql.rows('SELECT * FROM album ORDER BY album_id').collect { it as Map } } == [
                [album_id: 1, title: 'For Those About To Rock', artist_id: 1], [album_id: 2, title: 'Balls to the Wall', artist_id: 2]]
        pg.withDatabase(dst) { Sql sql -> sql.rows('SELECT * FROM track_genre ORDER BY track_genre_id').collect { it as Map } } == [
                [track_genre_id: 10, album_id: 1], [track_genre_id: 11, album_id: 2], [track_genre_id: 12, album_id: null]]
    }

    def "run refuses to move a row while a breaking difference has no decision, and moves once the script decides"() {
        given:
        TestServer pg = TestDatabases.postgres()
        String src = database(pg, 'mig_src')
        String dst = database(pg, 'mig_dst')
        pg.withDatabase(src) { Sql sql -> sql.execute("CREATE TABLE t (id int PRIMARY KEY, name varchar(20), price numeric(8,3)); INSERT INTO t VALUES (1, 'short', 1.250)") }
        pg.withDatabase(dst) { Sql sql -> sql.execute('CREATE TABLE t (id int PRIMARY KEY, name varchar(10), price numeric(8,2))') }
        def script = { String decisions -> """\
            migration 'decide', {
                source { url '${pg.url(src)}'; user 'postgres' }
                target { url '${pg.url(dst)}'; user 'postgres' }
                table('t') { ${decisions} }
            }
            """.stripIndent() }

        when:
        Scripts.run('undecided.groovy', script(''))

        then:
        dev.migrate.engine.SchemaMismatch e = thrown()
        e.problems() == [
                "table t, column name: type VARCHAR(20) -> VARCHAR(10): shorter text: values longer than 10 would not fit -> decide with column('name') { ... } or ignore 'name'",
                "table t, column price: type DECIMAL(8,3) -> DECIMAL(8,2): precision lost: 3 decimals into 2 -> decide with column('price') { ... } or ignore 'price'"]
        pg.withDatabase(dst) { Sql sql -> sql.firstRow('SELECT COUNT(*) AS n FROM t').n } == 0

        when:
        def decided = Scripts.run('decided.groovy', script("column('name') { it }; column('price') { it.setScale(2, java.math.RoundingMode.HALF_UP) }"))

        then:
        decided.succeeded()
        pg.withDatabase(dst) { Sql sql -> sql.rows('SELECT * FROM t').collect { it as Map } } == [[id: 1, name: 'short', price: 1.25]]
    }

    def "plan stops on the script mistakes run stops on, and what schema CREATE_AND_ALTER adds is no breaking difference to plan either"() {
        given:
        TestServer pg = TestDatabases.postgres()
        String src = database(pg, 'mig_src')
        String dst = database(pg, 'mig_dst')
        pg.withDatabase(src) { Sql sql -> sql.execute("CREATE TABLE t (id int PRIMARY KEY, email varchar(20), extra int); INSERT INTO t VALUES (1, 'a@b', 5)") }
        pg.withDatabase(dst) { Sql sql -> sql.execute('CREATE TABLE t (id int PRIMARY KEY, mail varchar(20))') }
        def script = { String settings, String decisions -> """\
            migration 'same', {
                source { url '${pg.url(src)}'; user 'postgres' }
                target { url '${pg.url(dst)}'; user 'postgres' }
                settings { ${settings} }
                table('t') { ${decisions} }
            }
            """.stripIndent() }

        when:
        Migrate.plan(Scripts.load('misspelt.groovy', script('', "rename 'emial', to: 'mail'")))

        then:
        dev.migrate.plan.ScriptError e = thrown()
        e.message == "(misspelt.groovy, line 5) table('t'): cannot rename 'emial': no such column in the source (did you mean email?)"

        when:
        def altered = Migrate.plan(Scripts.load('altered.groovy', script('schema CREATE_AND_ALTER', "rename 'email', to: 'mail'")))
        def run = Scripts.run('altered.groovy', script('schema CREATE_AND_ALTER', "rename 'email', to: 'mail'"))

        then:
        altered.breaking().isEmpty()
        altered.ddl() == ['ALTER TABLE "public"."t" ADD "extra" integer']
        run.succeeded()
        pg.withDatabase(dst) { Sql sql -> sql.rows('SELECT * FROM t').collect { it as Map } } == [[id: 1, mail: 'a@b', extra: 5]]
    }

    def "a point the script must decide that is no difference of the schemas (two columns into one) stops plan with exit 3 as it stops run"() {
        given:
        TestServer pg = TestDatabases.postgres()
        String src = database(pg, 'mig_src')
        String dst = database(pg, 'mig_dst')
        pg.withDatabase(src) { Sql sql -> sql.execute('CREATE TABLE t (id int PRIMARY KEY, a int, b int); INSERT INTO t VALUES (1, 2, 3)') }
        pg.withDatabase(dst) { Sql sql -> sql.execute('CREATE TABLE t (id int PRIMARY KEY, b int)') }
        Path script = Scripts.write('twice.groovy', """\
            migration 'twice', {
                source { url '${pg.url(src)}'; user 'postgres' }
                target { url '${pg.url(dst)}'; user 'postgres' }
                table('t') { rename 'a', to: 'b' }
            }
            """.stripIndent())
        Path results = Files.createTempDirectory('plan')

        when:
        def planned = Migrate.plan(Scripts.load('twice.groovy', script.toFile().text))
        int planCode = Main.execute('plan', script.toString(), '--results', results.toString())
        int runCode = Main.execute('run', script.toString(), '--results', results.toString())

        then:
        planned.breaking().isEmpty()
        planned.undecided() == ['table t: columns a and b both go to target column b; rename or ignore one of them']
        PlanReport.render(planned).contains('A run would stop until the script decides: table t: columns a and b both go to target column b;'
                + ' rename or ignore one of them\n\n0 safe, 0 transformable, 0 breaking, 1 more undecided\n')
        planCode == 3
        runCode == 3
        pg.withDatabase(dst) { Sql sql -> sql.firstRow('SELECT COUNT(*) AS n FROM t').n } == 0
    }
}
