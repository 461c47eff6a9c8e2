package dev.migrate.integration

import dev.migrate.support.DatabaseSpecification
import dev.migrate.support.Scripts
import dev.migrate.support.TestServer
import groovy.sql.Sql
import spock.lang.Timeout

/**
 * PostgreSQL builds the keys and indexes of the tables a run created several tables at once, then the foreign keys
 * one at a time. A build that fails still ends the run, with its statement and reason, and its exit code.
 */
class ConcurrentIndexBuildsSpec extends DatabaseSpecification {

    static final String SOURCE = '''
        CREATE TABLE accounts (id int PRIMARY KEY, email varchar(40) NOT NULL);
        CREATE UNIQUE INDEX accounts_email ON accounts (email);
        CREATE TABLE notes (id int PRIMARY KEY, account_id int NOT NULL REFERENCES accounts (id), body text);
        CREATE INDEX notes_body ON notes (body);
        CREATE TABLE tags (id int PRIMARY KEY, name varchar(20) NOT NULL);
        CREATE INDEX tags_name ON tags (name);
        CREATE TABLE labels (id int PRIMARY KEY, tag_id int REFERENCES tags (id));
        INSERT INTO accounts SELECT g, 'a' || g || '@x.org' FROM generate_series(1, 50) g;
        INSERT INTO notes SELECT g, 1 + g % 50, 'note ' || g FROM generate_series(1, 200) g;
        INSERT INTO tags SELECT g, 'tag ' || g FROM generate_series(1, 30) g;
        INSERT INTO labels SELECT g, 1 + g % 30 FROM generate_series(1, 60) g;
        '''

    private String script(TestServer pg, String src, String dst, String accounts) {
        Scripts.write('indexes.groovy', """\
            migration 'indexes', {
                source { url '${pg.url(src)}'; user '${pg.user}' }
                target { url '${pg.url(dst)}'; user '${pg.user}' }
                settings { parallelism 3 }
                tables 'accounts', 'notes', 'tags', 'labels'
                ${accounts}
            }
            """.stripIndent()).toString()
    }

    private static List<String> built(TestServer pg, String db) {
        pg.withDatabase(db) { Sql sql ->
            sql.rows('''SELECT conrelid::regclass::text || ' ' || pg_get_constraintdef(oid) AS c FROM pg_constraint
                        WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> 'migrate_journal' ORDER BY 1''')*.c +
                    sql.rows('''SELECT tablename || ' ' || replace(indexdef, indexname, 'i') AS c FROM pg_indexes
                                WHERE schemaname = 'public' AND tablename <> 'migrate_journal' AND indexname NOT LIKE '%pkey' ORDER BY 1''')*.c
        }
    }

    @Timeout(300)
    def "every key, index and foreign key of the created tables is built, the foreign keys after the keys they reference"() {
        given:
        TestServer pg = server('postgres')
        String src = database(pg, 'idx_src')
        String dst = database(pg, 'idx_dst')
        pg.withDatabase(src) { Sql sql -> sql.execute(SOURCE) }

        when:
        def run = Scripts.execute('run', script(pg, src, dst, ''), '--results', Scripts.tempDir('indexes-results').toString())

        then:
        run.code == 0
        built(pg, dst) == [
                'accounts PRIMARY KEY (id)',
                'labels FOREIGN KEY (tag_id) REFERENCES tags(id)',
                'labels PRIMARY KEY (id)',
                'notes FOREIGN KEY (account_id) REFERENCES accounts(id)',
                'notes PRIMARY KEY (id)',
                'tags PRIMARY KEY (id)',
                'accounts CREATE UNIQUE INDEX i ON public.accounts USING btree (email)',
                'notes CREATE INDEX i ON public.notes USING btree (body)',
                'tags CREATE INDEX i ON public.tags USING btree (name)']
    }

    @Timeout(300)
    def "an index that cannot be built ends the run with its statement and reason, exit code 1, and no foreign key built"() {
        given: 'a script that gives every account the same e-mail, which the unique index then refuses'
        TestServer pg = server('postgres')
        String src = database(pg, 'idx_src')
        String dst = database(pg, 'idx_dst')
        pg.withDatabase(src) { Sql sql -> sql.execute(SOURCE) }

        when:
        def run = Scripts.execute('run', script(pg, src, dst, "table('accounts') { column('email') { 'same@x.org' } }"),
                '--results', Scripts.tempDir('indexes-results').toString())

        then:
        run.code == 1
        run.out.readLines().findAll { it.startsWith('failed: ') } == [
                'failed: the rows are in, but building the keys and indexes failed: schema change failed: CREATE UNIQUE INDEX "accounts_email"'
                        + ' ON "public"."accounts" ("email"): ERROR: could not create unique index "accounts_email"']
        built(pg, dst).findAll { it.contains('FOREIGN KEY') || it.startsWith('accounts CREATE') } == []
        pg.withDatabase(dst) { Sql sql -> sql.firstRow('SELECT count(*) AS n FROM accounts').n } == 50
    }
}
