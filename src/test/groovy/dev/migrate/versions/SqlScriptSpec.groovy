package dev.migrate.versions

import spock.lang.Specification

/**
 * A SQL version cut into statements as each database's own client would: semicolons inside strings, quoted names,
 * comments, dollar quotes and routine bodies stay where they are; no DELIMITER needed.
 */
class SqlScriptSpec extends Specification {

    def "PostgreSQL: dollar-quoted bodies, strings, quoted names and nested comments keep their semicolons"() {
        given:
        String text = '''\
            -- the schema; first
            CREATE TABLE "odd;name" (id INT, note TEXT DEFAULT 'a;b');
            /* a comment /* nested; */ still; */
            CREATE FUNCTION f() RETURNS trigger AS $body$
            BEGIN
              NEW.note := 'x;y'; RETURN NEW;
            END;
            $body$ LANGUAGE plpgsql;
            DO $$ BEGIN PERFORM 1; END $$;
            INSERT INTO "odd;name" VALUES (1, 'it''s; fine')'''.stripIndent()

        expect:
        new SqlScript('PostgreSQL').statements(text) == [
                '-- the schema; first\nCREATE TABLE "odd;name" (id INT, note TEXT DEFAULT \'a;b\')',
                '/* a comment /* nested; */ still; */\nCREATE FUNCTION f() RETURNS trigger AS $body$\nBEGIN\n  NEW.note := \'x;y\'; RETURN NEW;\nEND;\n$body$ LANGUAGE plpgsql',
                'DO $$ BEGIN PERFORM 1; END $$',
                'INSERT INTO "odd;name" VALUES (1, \'it\'\'s; fine\')']
    }

    def "MySQL: a procedure's BEGIN ... END body, with IF, loops and CASE, is one statement without DELIMITER"() {
        given:
        String text = '''\
            # totals
            CREATE TABLE `t;1` (id INT, v VARCHAR(10) DEFAULT 'a\\';b');
            CREATE PROCEDURE fill(IN n INT)
            BEGIN
              DECLARE i INT DEFAULT 0;
              WHILE i < n DO
                INSERT INTO `t;1` VALUES (i, CASE WHEN i > 1 THEN 'big' ELSE 'small' END);
                SET i = i + 1;
              END WHILE;
              IF n > 10 THEN SELECT 'many'; END IF;
              CASE n WHEN 1 THEN SELECT 'one'; ELSE SELECT 'other'; END CASE;
            END;
            CREATE TRIGGER t1 BEFORE INSERT ON `t;1` FOR EACH ROW SET NEW.v = UPPER(NEW.v);
            CALL fill(3);'''.stripIndent()

        when:
        List<String> statements = new SqlScript('MySQL').statements(text)

        then:
        statements.size() == 4
        statements[0] == "# totals\nCREATE TABLE `t;1` (id INT, v VARCHAR(10) DEFAULT 'a\\';b')"
        statements[1].startsWith('CREATE PROCEDURE fill(IN n INT)\nBEGIN')
        statements[1].endsWith("END CASE;\nEND")
        statements[2] == 'CREATE TRIGGER t1 BEFORE INSERT ON `t;1` FOR EACH ROW SET NEW.v = UPPER(NEW.v)'
        statements[3] == 'CALL fill(3)'
    }

    def "Oracle: PL/SQL ends at a line holding only /, plain statements at their semicolon"() {
        given:
        String text = '''\
            CREATE TABLE t (id NUMBER);
            CREATE OR REPLACE PROCEDURE p IS
            BEGIN
              INSERT INTO t VALUES (1);
            END p;
            /
            BEGIN
              p;
            END;
            /
            INSERT INTO t VALUES (2);'''.stripIndent()

        expect:
        new SqlScript('Oracle').statements(text) == [
                'CREATE TABLE t (id NUMBER)',
                'CREATE OR REPLACE PROCEDURE p IS\nBEGIN\n  INSERT INTO t VALUES (1);\nEND p;',
                'BEGIN\n  p;\nEND;',
                'INSERT INTO t VALUES (2)']
    }

    def "SQL Server: a file with GO lines is cut into its batches; one without, at semicolons, a procedure running to the end as sqlcmd sends it"() {
        expect:
        new SqlScript('SQL Server').statements('CREATE TABLE [a;b] (id INT);\nGO\nCREATE PROCEDURE p AS\nSELECT 1;\nSELECT 2;\ngo\n') ==
                ['CREATE TABLE [a;b] (id INT);', 'CREATE PROCEDURE p AS\nSELECT 1;\nSELECT 2;']
        new SqlScript('SQL Server').statements('CREATE TABLE t (id INT);\nINSERT INTO t VALUES (1);\nCREATE PROCEDURE p AS SET NOCOUNT ON; DELETE FROM t WHERE id = 1;') ==
                ['CREATE TABLE t (id INT)', 'INSERT INTO t VALUES (1)', 'CREATE PROCEDURE p AS SET NOCOUNT ON; DELETE FROM t WHERE id = 1;']
    }

    def "PostgreSQL's E'' strings escape with backslashes; MySQL's -- needs a space to be a comment, and /*! ... */ is code"() {
        expect:
        new SqlScript('PostgreSQL').statements("INSERT INTO t VALUES (E'don\\'t; stop', 'it''s; fine');\nSELECT 1") ==
                ["INSERT INTO t VALUES (E'don\\'t; stop', 'it''s; fine')", 'SELECT 1']
        new SqlScript('MySQL').statements('UPDATE t SET n = n--1;\n/*!40014 SET FOREIGN_KEY_CHECKS=0 */;\n-- a comment; here\nSELECT 1;') ==
                ['UPDATE t SET n = n--1', '/*!40014 SET FOREIGN_KEY_CHECKS=0 */', '-- a comment; here\nSELECT 1']
    }

    def "SQLite: a trigger's BEGIN ... END is one statement; a file of comments only has none"() {
        expect:
        new SqlScript('SQLite').statements('CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET n = 1; DELETE FROM u; END;\nSELECT 1;') ==
                ['CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET n = 1; DELETE FROM u; END', 'SELECT 1']
        new SqlScript('SQLite').statements('-- nothing here;\n/* nor; here */\n') == []
    }

    def "mysqldump's DELIMITER lines change what ends a statement, and are not sent"() {
        expect:
        new SqlScript('MySQL').statements('CREATE TABLE t (n INT);\nDELIMITER ;;\nCREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.n = NEW.n + 1; END ;;\nDELIMITER ;\nSELECT 1;') ==
                ['CREATE TABLE t (n INT)', 'CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.n = NEW.n + 1; END', 'SELECT 1']
    }

    def "pg_dump's COPY ... FROM stdin keeps its rows, semicolons and all, up to the line holding \\."() {
        expect:
        new SqlScript('PostgreSQL').statements('CREATE TABLE t (a INT, b TEXT);\nCOPY public.t (a, b) FROM stdin;\n1\tx;y\n2\t\\N\n\\.\nSELECT 1;') ==
                ['CREATE TABLE t (a INT, b TEXT)', 'COPY public.t (a, b) FROM stdin;\n1\tx;y\n2\t\\N\n\\.', 'SELECT 1']
    }

    def "pg_dump's \\restrict and \\unrestrict lines are passed over; another psql command stands alone, to be refused by name"() {
        expect:
        new SqlScript('PostgreSQL').statements('\\restrict AbC123\nSET x = 1;\n\\connect other\nSELECT 1;\n\\unrestrict AbC123\n') ==
                ['SET x = 1', '\\connect other', 'SELECT 1']
    }
}
