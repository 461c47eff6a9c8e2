package dev.migrate.command

import dev.migrate.cli.Main
import dev.migrate.support.MigrateProcess
import dev.migrate.support.Scripts
import groovy.sql.Sql
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/**
 * Which tables a script moves: all of them when it names none; only the ones it names when it names some; its
 * queries alone when it has nothing else. {@code plan} and {@code run} say which, and why, in one line.
 */
class TableSelectionSpec extends Specification {

    PrintStream originalOut = System.out
    ByteArrayOutputStream out = new ByteArrayOutputStream()
    Path results = Files.createTempDirectory('results')
    String id = UUID.randomUUID().toString().substring(0, 8)
    Sql source = Sql.newInstance("jdbc:h2:mem:sel_src_${id}", 'sa', '')
    Sql target = Sql.newInstance("jdbc:h2:mem:sel_dst_${id}", 'sa', '')

    def setup() {
        System.out = new PrintStream(out, true, 'UTF-8')
        source.execute 'CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(20))'
        source.execute 'CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT REFERENCES customers(id))'
        source.execute 'CREATE TABLE audit_log (id INT PRIMARY KEY, line VARCHAR(20))'
        source.execute "INSERT INTO customers VALUES (1, 'ada')"
    }

    def cleanup() {
        System.out = originalOut
        source.close()
        target.close()
    }

    private Path script(String body) {
        Scripts.write("selection_${id}.groovy", """\
            migration 'selection', {
                source { url 'jdbc:h2:mem:sel_src_${id}'; user 'sa' }
                target { url 'jdbc:h2:mem:sel_dst_${id}'; user 'sa' }
            ${body}
            }
            """.stripIndent())
    }

    def "plan says which tables a run moves and why, in its second line: #what"() {
        when:
        int code = Main.execute('plan', script(body).toString(), '--results', results.toString())

        then:
        code == 0
        out.toString('UTF-8').readLines()[1] == line

        where:
        what                       | body                                                                     || line
        'no table named'           | ''                                                                       || '3 tables: every table of the source, since the script names none'
        'tables'                   | "    tables 'customers', 'orders'"                                       || '2 tables: the ones `tables` lists'
        'tables and a query'       | "    tables 'customers'\n    query 'names', 'SELECT id, name FROM customers'" || '2 tables: the ones `tables` lists, and the script\'s query'
        'a table block alone'      | "    table('customers') { rename 'name', to: 'full_name' }"            || "1 table: the ones the script's table() blocks name; no other table of the source is copied"
        'a block and two queries'  | "    table('customers') { }\n    query 'a', 'SELECT id FROM orders'\n    query 'b', 'SELECT id FROM audit_log'" || "3 tables: the ones the script's table() blocks name, and the script's 2 queries; no other table of the source is copied"
        'exclude with a block'     | "    exclude 'audit_log'\n    table('customers') { }"                     || '2 tables: every table of the source but those `exclude` names'
        'tables ALL with a block'  | "    tables ALL\n    table('customers') { }"                              || '3 tables: every table of the source, as `tables ALL` says'
        'a query alone'            | "    query 'names', 'SELECT id, name FROM customers'"                    || "1 table: the script's query; no table of the source is copied, since the script names none"
        'two queries alone'        | "    query 'a', 'SELECT id FROM customers'\n    query 'b', 'SELECT id FROM orders'" || "2 tables: the script's queries; no table of the source is copied, since the script names none"
        'no table, SNAKE_CASE'     | "    settings { identifiers SNAKE_CASE }"                                || '3 tables: every table of the source, since the script names none'
        'a block, SNAKE_CASE'      | "    settings { identifiers SNAKE_CASE }\n    table('customers') { }"     || "1 table: the ones the script's table() blocks name; no other table of the source is copied"
    }

    def "a run with only a query block moves the query and no table of the source, and says so first"() {
        given:
        Path folder = MigrateProcess.folder()
        Path file = folder.resolve('query.groovy')
        Path db = folder.resolve('source.db')
        Sql.withInstance("jdbc:sqlite:${db}") { Sql sql ->
            sql.execute 'CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)'
            sql.execute 'CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER)'
            sql.execute "INSERT INTO customers VALUES (1, 'ada'), (2, 'bob')"
        }
        Files.writeString(file, """\
            migration 'selection', {
                source { url 'jdbc:sqlite:${db}' }
                target { url 'jdbc:h2:file:${folder.resolve('target')}'; user 'sa' }
                query 'names', 'SELECT id, name FROM customers'
            }
            """.stripIndent())

        when:
        MigrateProcess run = MigrateProcess.start(['run', file.toString()], [:], '', Path.of('config/logback.xml'), folder)

        then:
        run.exitCode == 0
        run.stderr.readLines()[0] ==~ /\d\d:\d\d:\d\d INFO  1 table: the script's query; no table of the source is copied, since the script names none/
        Sql.withInstance("jdbc:h2:file:${folder.resolve('target')}", 'sa', '') { Sql sql ->
            List<String> tables = sql.rows("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")*.TABLE_NAME
            assert tables*.toLowerCase().sort() == ['migrate_journal', 'names']
            String names = tables.find { it.equalsIgnoreCase('names') }
            assert sql.rows("SELECT * FROM \"${names}\" ORDER BY 1".toString()).collect { [it[0], (it[1] as java.sql.Clob).characterStream.text] } == [[1, 'ada'], [2, 'bob']]
        }
    }
}
