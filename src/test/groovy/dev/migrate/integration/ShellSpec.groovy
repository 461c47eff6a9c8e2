package dev.migrate.integration

import dev.migrate.support.MigrateProcess
import groovy.sql.Sql
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * {@code bin/migrate shell}: Groovy's shell with the DSL and the script's databases. Driven as a user drives it:
 * statements on standard input, and typed at a pseudo-terminal.
 */
class ShellSpec extends Specification {

    Path dir = Files.createTempDirectory('shell')

    private String h2(String name) {
        "jdbc:h2:file:${dir.resolve(name)}".toString()
    }

    private Path script() {
        Sql.withInstance(h2('legacy'), 'sa', '') { Sql sql ->
            sql.execute 'CREATE TABLE customers (id INT PRIMARY KEY, full_name VARCHAR(40) NOT NULL, email VARCHAR(80), age VARCHAR(10))'
            sql.execute "INSERT INTO customers VALUES (1, 'Ada', '  Ada@Example.COM ', '36'), (2, 'Brian', NULL, 'n/a'), (3, 'Chloé', 'c@example.fr', '41')"
        }
        Path script = dir.resolve('shop.groovy')
        Files.writeString(script, """\
            migration 'shop', {
                source { url '${h2('legacy')}'; user 'sa' }
                target { url '${h2('shop')}'; user 'sa' }
                settings { maxRejects 10 }
                table('customers') {
                    rename 'full_name', to: 'name'
                    column('email') { it?.trim()?.toLowerCase() }
                    column('age') { Integer.valueOf(it) }
                }
            }
            """.stripIndent())
        script
    }

    def "on standard input: tables, describe and preview show the migration before a row moves, then run and verify move and check it"() {
        given:
        Path script = script()

        when:
        MigrateProcess shell = MigrateProcess.start(['shell', script.toString(), '--results', dir.resolve('results').toString()], [:], '''\
            tables()
            describe 'customers'
            preview 'customers', 3
            result = run()
            println "moved ${result.tables()[0].rowsWritten()} of ${result.tables()[0].rowsRead()}"
            target.firstRow('SELECT COUNT(*) AS n FROM "customers"').n
            '''.stripIndent())

        then:
        shell.exitCode == 0
        List<String> lines = shell.stdout.readLines()
        lines[0..2] == ['table      rows (estimate)  columns', '-----------------------------------', 'CUSTOMERS                ?        4']
        lines[5..8]*.split(/\s{2,}/)*.toList() == [
                ['ID', 'INTEGER(32)', 'ID', 'integer', 'as it is'],
                ['FULL_NAME', 'CHARACTER VARYING(40)', 'name', 'varchar(40)', 'renamed'],
                ['EMAIL', 'CHARACTER VARYING(80)', 'EMAIL', 'varchar(80)', 'transformed (shop.groovy:7)'],
                ['AGE', 'CHARACTER VARYING(10)', 'AGE', 'varchar(10)', 'transformed (shop.groovy:8)']]
        lines[9..20] == [
                'row 1:', '  id     1', "  name   'Ada'  (from full_name)", "  email  '  Ada@Example.COM ' -> 'ada@example.com'", "  age    '36'",
                "row 2: id=2, full_name='Brian', email=NULL, age='n/a'",
                '  rejected: table customers, column AGE (row ID=2): the transform at (shop.groovy, line 8) failed: NumberFormatException: For input string: "n/a"',
                'row 3:', '  id     3', "  name   'Chloé'  (from full_name)", "  email  'c@example.fr'", "  age    '41'"]
        lines.contains('moved 2 of 3')
        lines.last() == '2'
    }

    def "on standard input: a statement that fails says why on standard error, the others still run, and the exit code is 1"() {
        when:
        MigrateProcess shell = MigrateProcess.start(['shell'], [:], '''\
            println 'before'
            describe 'customers'
            nosuchword()
            x = [1, 2,
                 3]
            println x.sum()
            '''.stripIndent())

        then:
        shell.exitCode == 1
        shell.stdout.readLines() == ['before', '6']
        List<String> errors = shell.stderr.readLines().findAll { it.startsWith('error: ') }
        errors.size() == 2
        errors[0] == "error: no migration yet: open the shell with a script (bin/migrate shell shop.groovy), or declare one: migration 'shop', { source { url '...' }; target { url '...' }; tables 'customers' }"
        errors[1] ==~ /error: No signature of method: nosuchword for class: Script\d+ is applicable for argument types: \(\) values: \[\]/
    }

    def "a migration declared in the shell is the one its words work on, and it runs"() {
        given:
        script()

        when:
        MigrateProcess shell = MigrateProcess.start(['shell', '--results', dir.resolve('results').toString()], [:], """\
            migration 'typed', {
                source { url '${h2('legacy')}'; user 'sa' }
                target { url '${h2('copy')}'; user 'sa' }
                tables 'customers'
            }
            r = run()
            println r.succeeded()
            v = verify()
            println v.equal()
            """.stripIndent())

        then:
        shell.exitCode == 0
        shell.stdout.readLines()[0] == "migration 'typed': ${h2('legacy')} -> ${h2('copy')}".toString()
        shell.stdout.readLines().containsAll(['true', 'every table is equal'])
        Sql copy = Sql.newInstance(h2('copy'), 'sa', '')
        copy.firstRow('SELECT COUNT(*) AS n FROM customers').n == 3
        cleanup:
        copy?.close()
    }

    def "at a terminal: the banner, :help, completion of the migrate words, and history kept in ~/.migrate"() {
        given:
        Path script = script()
        Path home = Files.createTempDirectory('home')
        String java = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
        String command = "${java} -cp ${System.getProperty('java.class.path')} -Dlogback.configurationFile=${Path.of('config/logback.xml').toAbsolutePath()}" +
                " -Duser.home=${home}" +
                " dev.migrate.cli.Main shell ${script}"
        // script(1) gives the shell a pseudo-terminal; what is typed comes on its input
        ProcessBuilder builder = new ProcessBuilder('script', '-qec', command, '/dev/null').directory(dir.toFile())
        builder.environment().put('HOME', home.toString())
        builder.environment().put('TERM', 'xterm')
        Process process = builder.redirectErrorStream(true).start()
        process.outputStream.withCloseable { it.write(":help\ndesc\t 'customers'\n/exit\n".getBytes('UTF-8')) }
        String out = ''
        Thread reader = Thread.start { out = process.inputStream.getText('UTF-8') }

        when:
        boolean ended = process.waitFor(120, TimeUnit.SECONDS)
        reader.join(10_000)
        String shown = out.replaceAll(/\u001B\[[0-9;?]*[A-Za-z]/, '').replace('\r', '')

        then:
        ended
        process.exitValue() == 0
        shown.contains("migrate shell (Groovy ${GroovySystem.version}): :help lists the migrate words, /exit leaves; migration 'shop' is loaded")
        shown.contains("  preview 'customers', 10    the first rows read and transformed as a run would, source beside target, rejected rows with why")
        // "desc" and a tab became describe
        shown.contains("migrate> describe  'customers'")
        shown.readLines().any { it ==~ /FULL_NAME\s+CHARACTER VARYING\(40\)\s+name\s+.*renamed/ }
        Files.readAllLines(home.resolve('.migrate/shell_history')).collect { it.replaceFirst(/^\d+:/, '') } == [':help', "describe  'customers'", '/exit']
    }

    def "on a migrations folder, the shell opens its source and target"() {
        given:
        script()
        Path folder = Files.createDirectories(dir.resolve('migrations'))
        Files.writeString(folder.resolve('migrations.groovy'), "source { url '${h2('legacy')}'; user 'sa' }\ntarget { url '${h2('shop')}'; user 'sa' }\n")

        when:
        MigrateProcess shell = MigrateProcess.start(['shell', folder.toString()], [:], """\
            println source.firstRow('SELECT COUNT(*) AS n FROM customers').n
            target.execute 'CREATE TABLE notes (id INT)'
            println target.firstRow("SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_name = 'NOTES'").n
            source.execute 'DELETE FROM customers'
            """.stripIndent())

        then:
        shell.exitCode == 1
        // execute's value (false: no result set) is an expression's, shown as groovysh shows it
        shell.stdout.readLines() == ['3', 'false', '1']
        shell.stderr.readLines().findAll { it.startsWith('error: ') } == [
                'error: the source is read-only in hooks: DELETE is refused (a hook reads the source with SELECT, WITH, SHOW, EXPLAIN, DESCRIBE, VALUES, TABLE or PRAGMA)']
    }
}
