package dev.migrate.cli

import com.fasterxml.jackson.databind.ObjectMapper
import dev.migrate.support.MigrateProcess
import groovy.sql.Sql
import spock.lang.IgnoreIf
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/** What the commands print for people and for CI: --json, --quiet, NO_COLOR, and where the results folder is. */
class OutputSpec extends Specification {

    /** The script's own folder, and the folder the command is started from: another one. */
    Path scripts = Files.createTempDirectory('output-scripts')
    Path elsewhere = MigrateProcess.folder()
    Path script

    def setup() {
        String source = "jdbc:h2:file:${scripts.resolve('source')}"
        Sql.withInstance(source, 'sa', '') { Sql sql ->
            sql.execute 'CREATE TABLE items (id INT PRIMARY KEY, label VARCHAR(20))'
            sql.execute "INSERT INTO items VALUES (1, 'one'), (2, 'two'), (3, 'three')"
            sql.execute 'CREATE TABLE tags (id INT PRIMARY KEY, name VARCHAR(20))'
            sql.execute "INSERT INTO tags VALUES (1, 'red')"
        }
        script = Files.writeString(scripts.resolve('shop.groovy'), """\
            migration 'shop', {
                source { url '${source}'; user 'sa' }
                target { url 'jdbc:h2:file:${scripts.resolve('target')}'; user 'sa' }
            }
            """.stripIndent())
    }

    static Map json(String text) {
        new ObjectMapper().readValue(text, Map)
    }

    def "run --json prints the run's report on standard output and nothing else; the summary goes to standard error"() {
        when:
        MigrateProcess run = MigrateProcess.start(['run', '--json', script.toString()], [:], '', Path.of('config/logback.xml'), elsewhere)
        Map report = json(run.stdout)

        then:
        run.exitCode == 0
        report.migration == 'shop'
        report.status == 'done'
        report.error == null
        report.dryRun == false
        report.tables.collect { [it.table, it.status, it.rowsRead, it.rowsWritten, it.rejected, it.errors] } == [
                ['ITEMS', 'done', 3, 3, 0, 0], ['TAGS', 'done', 1, 1, 0, 0]]
        report.totals.subMap('rowsRead', 'rowsWritten', 'rejected', 'errors') == [rowsRead: 4, rowsWritten: 4, rejected: 0, errors: 0]

        and: 'the report written is the one printed, in results/ next to the script, not where the command started'
        List<Path> written = Files.list(scripts.resolve('results')).toList()
        written.size() == 1
        json(Files.readString(written[0])) == report
        !Files.exists(elsewhere.resolve('results'))
        run.stderr.contains('Migration shop\n')
        run.stderr.readLines().last() == "report: ${written[0]}"
    }

    def "plan --json and verify --json print their reports, the same as the ones they write"() {
        given:
        assert MigrateProcess.call(['run', script.toString(), '--quiet'], elsewhere).exitCode == 0

        when:
        MigrateProcess plan = MigrateProcess.call(['plan', script.toString(), '--json'], elsewhere)
        MigrateProcess verify = MigrateProcess.call(['verify', script.toString(), '--json'], elsewhere)
        Map planned = json(plan.stdout)
        Map verified = json(verify.stdout)

        then:
        plan.exitCode == 0
        planned.subMap('migration', 'counts', 'ddl', 'refusals', 'undecided') == [migration: 'shop', counts: [safe: 0, transformable: 0, breaking: 0],
                                                                                ddl: [], refusals: [], undecided: []]
        json(Files.readString(Files.list(scripts.resolve('results')).filter { it.fileName.toString().contains('-plan-') && it.toString().endsWith('.json') }
                .findFirst().get())) == planned
        verify.exitCode == 0
        verified.migration == 'shop'
        verified.equal == true
        verified.tables.collect { [it.table, it.result, it.sourceRows, it.targetRows, it.differingRows] } == [
                ['ITEMS', 'equal', 3, 3, 0], ['TAGS', 'equal', 1, 1, 0]]
        verify.stderr.readLines().last().startsWith("verify report: ${scripts.resolve('results').resolve('shop-verify-')}")
    }

    def "--json FILE.json writes the report to that file, and the text stays on standard output"() {
        given:
        Path file = elsewhere.resolve('out/run.json')

        when:
        MigrateProcess run = MigrateProcess.call(['run', script.toString(), '--json', file.toString()], elsewhere)

        then:
        run.exitCode == 0
        run.stdout.contains('Migration shop\n')
        json(Files.readString(file)).tables*.rowsWritten == [3, 1]
    }

    def "--quiet prints nothing when the run is done, and only the error when it is not"() {
        when:
        MigrateProcess done = MigrateProcess.start(['run', script.toString(), '--quiet'], [:], '', Path.of('config/logback.xml'), elsewhere)
        MigrateProcess wrong = MigrateProcess.start(['run', script.toString(), '--quiet', '--tables', 'nothing'], [:], '',
                Path.of('config/logback.xml'), elsewhere)

        then:
        done.exitCode == 0
        done.stdout == ''
        done.stderr == ''
        // the report of each: a run that stops writes one too
        Files.list(scripts.resolve('results')).count() == 2
        wrong.exitCode == 2
        wrong.stdout == ''
        wrong.stderr.readLines().size() == 1
        wrong.stderr.startsWith('error: ')
    }

    def "--results DIR puts the reports there"() {
        given:
        Path chosen = elsewhere.resolve('reports')

        when:
        MigrateProcess run = MigrateProcess.call(['run', script.toString(), '--results', chosen.toString()], elsewhere)

        then:
        run.exitCode == 0
        Files.list(chosen).count() == 1
        !Files.exists(scripts.resolve('results'))
    }

    /** The tool in a pseudo-terminal (script(1)): standard output and error are a terminal, as for a user. */
    String onTerminal(Map<String, String> env, List<String> args) {
        String java = Path.of(System.getProperty('java.home'), 'bin', 'java').toString()
        List<String> command = [java, '-cp', System.getProperty('java.class.path'), "-Dlogback.configurationFile=${Path.of('config/logback.xml').toAbsolutePath()}".toString(),
                                Main.name] + args
        String line = command.collect { "'" + it.replace("'", "'\\''") + "'" }.join(' ')
        ProcessBuilder builder = new ProcessBuilder('script', '-qfec', line, '/dev/null').directory(elsewhere.toFile()).redirectErrorStream(true)
                .redirectInput(new File('/dev/null'))
        builder.environment().remove('NO_COLOR')
        builder.environment().putAll(env)
        Process process = builder.start()
        def out = new ByteArrayOutputStream()
        Thread reader = Thread.start { out << process.inputStream }
        assert process.waitFor(120, TimeUnit.SECONDS)
        reader.join()
        String shown = out.toString('UTF-8')
        assert process.exitValue() == 0: shown
        shown
    }

    @IgnoreIf({ !new File('/usr/bin/script').canExecute() })
    def "on a terminal progress is drawn with escapes; with NO_COLOR set no escape is written anywhere"() {
        when:
        String live = onTerminal([:], ['run', script.toString(), '--parallelism', '1'])
        String plain = onTerminal([NO_COLOR: '1'], ['run', script.toString(), '--parallelism', '1', '--dry-run'])

        then: 'the live lines, and the line each table collapses to'
        live.contains('\u001b[')
        live.readLines().any { it.endsWith('3 rows   0.0 s  done') || it ==~ /.*ITEMS\s+3 rows\s+\d+\.\d s  done/ }

        and: 'plain log lines and the summary, without one escape'
        !plain.contains('\u001b')
        plain.readLines().any { it ==~ /\d\d:\d\d:\d\d INFO  ITEMS: done, 3 rows in \d+\.\d s\r?/ }
        plain.contains('Dry run shop (nothing written)')
    }
}
