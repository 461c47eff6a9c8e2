package dev.migrate.cli

import dev.migrate.support.Scripts
import groovy.sql.Sql
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/** The command line as a user meets it: what it prints and the exit code it returns. */
class MainSpec extends Specification {

    PrintStream originalOut = System.out
    PrintStream originalErr = System.err
    ByteArrayOutputStream out = new ByteArrayOutputStream()
    ByteArrayOutputStream err = new ByteArrayOutputStream()
    Path results = Files.createTempDirectory('results')
    String dbId = UUID.randomUUID().toString().substring(0, 8)
    Sql source = Sql.newInstance("jdbc:h2:mem:cli_src_${dbId}", 'sa', '')
    Sql target = Sql.newInstance("jdbc:h2:mem:cli_dst_${dbId}", 'sa', '')

    def setup() {
        System.out = new PrintStream(out, true, 'UTF-8')
        System.err = new PrintStream(err, true, 'UTF-8')
        source.execute 'CREATE TABLE items (id INT PRIMARY KEY, label VARCHAR(20), extra VARCHAR(20))'
        source.execute "INSERT INTO items VALUES (1, 'one', 'x'), (2, 'two', 'y')"
        target.execute "CREATE TABLE items (id INT PRIMARY KEY, label VARCHAR(20) CHECK (label <> 'bad'))"
    }

    def cleanup() {
        System.out = originalOut
        System.err = originalErr
        source.close()
        target.close()
    }

    private int migrate(String... args) {
        Main.execute(args)
    }

    private String stdout() {
        out.toString('UTF-8')
    }

    private String stderr() {
        err.toString('UTF-8')
    }

    private Path script(String name, String body) {
        Scripts.write(name, """\
            migration 'cli', {
                source { url 'jdbc:h2:mem:cli_src_${dbId}'; user 'sa' }
                target { url 'jdbc:h2:mem:cli_dst_${dbId}'; user 'sa' }
            ${body}
            }
            """.stripIndent())
    }

    def "a script given alone is run, and the summary and the report say what moved"() {
        given:
        def file = script('ok.groovy', "    table('items') { ignore 'extra' }")

        when:
        int code = migrate(file.toString(), '--results', results.toString())

        then:
        code == 0
        def lines = stdout().readLines()
        lines.contains('Migration cli')
        lines.contains('table  status  rows read  rows written  rejected  errors  bytes  seconds  rows/s')
        lines.find { it.startsWith('ITEMS') } ==~ /ITEMS  done\s+2\s+2\s+0\s+0\s+\d+ B\s+[\d.]+\s+[\d,]+/
        lines.find { it.startsWith('total') } ==~ /total  done\s+2\s+2\s+0\s+0\s+\d+ B\s+[\d.]+\s+[\d,]+/
        def report = Files.list(results).toList()
        report.size() == 1
        report[0].fileName.toString() ==~ /cli-\d{8}-\d{6}\.json/
        def json = new com.fasterxml.jackson.databind.ObjectMapper().readValue(report[0].toFile(), Map)
        json.migration == 'cli'
        json.status == 'done'
        json.tables*.table == ['ITEMS']
        json.tables*.rowsWritten == [2]
        json.totals.rowsWritten == 2
        target.rows('SELECT * FROM items ORDER BY id').collect { it as Map } == [[ID: 1, LABEL: 'one'], [ID: 2, LABEL: 'two']]
    }

    def "run is the same as giving the script alone, and options override the script"() {
        given:
        def file = script('options.groovy', "    table('items') { ignore 'extra' }")

        when:
        int code = migrate('run', file.toString(), '--parallelism', '1', '--batch-size', '1', '--tables', 'items', '--results', results.toString())

        then:
        code == 0
        def json = new com.fasterxml.jackson.databind.ObjectMapper().readValue(Files.list(results).toList()[0].toFile(), Map)
        json.settings.parallelism == 1
        json.settings.batchSize == 1
    }

    def "a dry run writes nothing and says so"() {
        given:
        def file = script('dry.groovy', "    table('items') { ignore 'extra' }")

        when:
        int code = migrate(file.toString(), '--dry-run', '--results', results.toString())

        then:
        code == 0
        stdout().contains('Dry run cli (nothing written)')
        def lines = stdout().readLines()
        lines.contains('table  status  rows read  would write  rejected  errors  bytes  seconds  rows/s')
        lines.find { it.startsWith('ITEMS') } ==~ /ITEMS  done\s+2\s+2\s+0\s+0\s+\d+ B\s+[\d.]+\s+[\d,]+/
        target.firstRow('SELECT COUNT(*) AS n FROM items').n == 0
    }

    def "a mistake in the script exits 2 with one line naming the file and line"() {
        given:
        def file = script('broken.groovy', "    table('items') {\n        rename 'label'\n    }")

        when:
        int code = migrate(file.toString())

        then:
        code == 2
        stderr() == "error: (broken.groovy, line 5) rename needs a target name: rename 'label', to: 'new_name'\n"
        stdout() == ''
    }

    def "--debug adds the stack trace to the one line"() {
        given:
        def file = script('debug.groovy', "    table('items') {\n        rename 'label'\n    }")

        when:
        int code = migrate(file.toString(), '--debug')

        then:
        code == 2
        // after the debug log's lines (how long compiling took)
        def lines = stderr().readLines().dropWhile { it ==~ /\d\d:\d\d:\d\d DEBUG .*/ }
        lines[0] == "error: (debug.groovy, line 5) rename needs a target name: rename 'label', to: 'new_name'"
        lines[1] == "dev.migrate.plan.ScriptError: (debug.groovy, line 5) rename needs a target name: rename 'label', to: 'new_name'"
        lines.any { it.contains('at dev.migrate.dsl.ScriptLoader.load') }
    }

    def "a table missing in the source exits 2 naming the line"() {
        given:
        def file = script('missing.groovy', "    tables 'itemz'")

        when:
        int code = migrate(file.toString())

        then:
        code == 2
        stderr() == "error: (missing.groovy, line 4) table 'itemz' does not exist in the source (did you mean ITEMS?)\n"
    }

    def "an undecided difference exits 3 and lists what the script must say"() {
        given:
        def file = script('breaking.groovy', '')

        when:
        int code = migrate(file.toString())

        then:
        code == 3
        stderr() == '''error: 1 difference needs a decision in the script:
                      |  table ITEMS, column EXTRA: no column 'EXTRA' in target table ITEMS; rename it (rename 'EXTRA', to: 'target_column') or ignore it (ignore 'EXTRA')
                      |'''.stripMargin()
        target.firstRow('SELECT COUNT(*) AS n FROM items').n == 0
    }

    def "a failed table exits 1 after the summary names its cause"() {
        given:
        source.execute "INSERT INTO items VALUES (3, 'bad', 'z')"
        def file = script('fails.groovy', "    table('items') { ignore 'extra' }")

        when:
        int code = migrate(file.toString(), '--results', results.toString())

        then:
        code == 1
        stdout().readLines().find { it.startsWith('failed: ') }.startsWith('failed: table ITEMS: Check constraint violation')
        target.firstRow('SELECT COUNT(*) AS n FROM items').n == 0
    }

    def "a database that refuses the credentials exits 1 with one line and no password"() {
        given:
        def file = Scripts.write('password.groovy', """\
            migration 'cli', {
                source { url 'jdbc:h2:mem:cli_src_${dbId}'; user 'sa'; password 'Wr0ng-S3cret' }
                target { url 'jdbc:h2:mem:cli_dst_${dbId}'; user 'sa' }
            }
            """.stripIndent())

        when:
        int code = migrate(file.toString())

        then:
        code == 1
        stderr() == "error: cannot connect to the source jdbc:h2:mem:cli_src_${dbId}: the database refused user sa: Wrong user name or password\n"
        !stderr().contains('Wr0ng-S3cret')
    }

    def "a URL no supported database serves is a script mistake: #command exits 2 before anything is connected or created"() {
        given:
        Path created = Files.createTempDirectory('created').resolve('target')
        def file = Scripts.write('driver.groovy', """\
            migration 'cli', {
                target { url 'jdbc:h2:${created}' }
                source {
                    url 'jdbc:postgres://127.0.0.1:5432/shop'
                }
            }
            """.stripIndent())

        when:
        int code = migrate(command, file.toString(), '--results', results.toString())

        then:
        code == 2
        stderr() == "error: (driver.groovy, line 4) source url jdbc:postgres://127.0.0.1:5432/shop: no supported database uses jdbc:postgres: " +
                "(did you mean jdbc:postgresql:?) — supported: jdbc:postgresql:, jdbc:mysql:, jdbc:mariadb:, jdbc:oracle:, jdbc:sqlserver:, jdbc:h2:, jdbc:sqlite:\n"
        Files.list(created.parent).toList().isEmpty()
        Files.list(results).toList().isEmpty()

        where:
        command << ['run', 'plan']
    }

    def "scaffold names the option whose URL no supported database serves, and exits 2: #option"() {
        when:
        int code = migrate('scaffold', '--source', sourceUrl, '--target', targetUrl)

        then:
        code == 2
        stderr() == "error: ${message}\n"

        where:
        option     | sourceUrl               | targetUrl                || message
        '--source' | 'jdbc:postgres://h/db'  | 'jdbc:h2:mem:x'          || '--source jdbc:postgres://h/db: no supported database uses jdbc:postgres: (did you mean jdbc:postgresql:?) — supported: jdbc:postgresql:, jdbc:mysql:, jdbc:mariadb:, jdbc:oracle:, jdbc:sqlserver:, jdbc:h2:, jdbc:sqlite:'
        '--target' | 'jdbc:h2:mem:x'         | 'jdbc:foo://x'           || '--target jdbc:foo://x: no supported database uses jdbc:foo: — supported: jdbc:postgresql:, jdbc:mysql:, jdbc:mariadb:, jdbc:oracle:, jdbc:sqlserver:, jdbc:h2:, jdbc:sqlite:'
        '--target' | 'jdbc:h2:mem:x'         | 'postgres://h/db'        || "--target must be a JDBC URL starting with jdbc:, not 'postgres://h/db'"
    }

    def "a failing hook is reported in one line, with its script line once: #what"() {
        given:
        def file = script('hook.groovy', "    before {\n        ${hook}\n    }\n    table('items') { ignore 'extra' }")

        when:
        int code = migrate(file.toString(), '--results', results.toString())

        then:
        code == 1
        stderr() == "error: before hook (hook.groovy, line 5) failed: ${reason}\n"
        target.firstRow('SELECT COUNT(*) AS n FROM items').n == 0

        where:
        what                     | hook                                          || reason
        'an unset variable'   | "target.execute env('MIGRATE_SURELY_UNSET')"     || 'environment variable MIGRATE_SURELY_UNSET is not set'
        // the statement a driver echoes may hold a password: it is left out
        'SQL the target refuses' | "target.execute 'SELEC 1'"                    || 'Syntax error; expected "SAVEPOINT, SCRIPT, SHUTDOWN"'
    }

    def "a transform that calls a method the value lacks fails its row in one line, with the nearest methods"() {
        given:
        def file = script('transform.groovy', "    table('items') {\n        ignore 'extra'\n        column('label') { it.trimm() }\n    }")

        when:
        int code = migrate(file.toString(), '--results', results.toString())

        then:
        code == 1
        stdout().readLines().find { it.startsWith('failed: ') } == 'failed: table ITEMS, column LABEL (row ID=1): the transform at (transform.groovy, line 6) failed: ' +
                'MissingMethodException: No signature of method: trimm for class: java.lang.String is applicable for argument types: () values: [] ' +
                '(possible solutions: trim(), strip(), stream())'
    }

    def "a results folder that cannot be made is a usage error before anything moves"() {
        given:
        Path file = Files.writeString(results.resolve('a-file'), 'not a folder')
        def script = script('results.groovy', "    table('items') { ignore 'extra' }")

        when:
        int code = migrate(script.toString(), '--results', file.resolve('reports').toString())

        then:
        code == 2
        stderr() == "error: --results ${file.resolve('reports')}: Not a directory\n"
        target.firstRow('SELECT COUNT(*) AS n FROM items').n == 0
    }

    def "bad options exit 2 with the usage: #args"() {
        given:
        def file = script('usage.groovy', '')

        when:
        int code = migrate(*(args + [file.toString()]))

        then:
        code == 2
        stderr().readLines()[0] == message

        where:
        args                      || message
        ['--parallelism', 'many'] || "error: Invalid value for option '--parallelism': 'many' is not an int"
        ['--parallelism', '0']    || 'error: --parallelism must be at least 1, not 0'
        ['--frobnicate']          || "error: Unknown option: '--frobnicate'"
    }

    def "a word that is neither a command nor a script exits 2 naming the nearest command: #word"() {
        when:
        int code = migrate(word)

        then:
        code == 2
        stderr().readLines()[0] == ("error: '${word}' is neither a command nor a script (a .groovy file)${hint} The commands: run, plan, verify,"
                + ' scaffold, generate, up, info, validate, repair, down, baseline, new, shell, serve')

        where:
        word    || hint
        'sever' || '; did you mean serve?'
        'plna'  || '; did you mean plan?'
        'foo'   || '.'
    }

    def "a misspelt option is named with the option meant, and the usage is the command's own: #args"() {
        given:
        def file = script('misspelt.groovy', '')

        when:
        int code = migrate(*args.collect { it == 'SCRIPT' ? file.toString() : it })

        then:
        code == 2
        stderr().readLines() == lines

        where:
        args                                || lines
        ['run', 'SCRIPT', '--tabels', 'a'] || ["error: Unknown options: '--tabels', 'a'; did you mean --tables?",
                                               'usage: migrate [run] SCRIPT [--tables a,b] [--parallelism N] [--batch-size N] [--dry-run] [--debug]; migrate --help']
        ['run', 'SCRIPT', '--dry-rn']       || ["error: Unknown option: '--dry-rn'; did you mean --dry-run?",
                                               'usage: migrate [run] SCRIPT [--tables a,b] [--parallelism N] [--batch-size N] [--dry-run] [--debug]; migrate --help']
        ['plan']                            || ["error: Missing required parameter: 'SCRIPT'",
                                               'usage: migrate plan [-hqV] [--debug] [--json[=FILE]] [--identifiers=AS_IS|LOWER|SNAKE_CASE] [--results=DIR] [--sql=FILE] SCRIPT; migrate plan --help']
    }

    def "a password given on the command line is refused, and named nowhere: #args"() {
        when:
        int code = migrate(*(['scaffold', '--source', 'jdbc:h2:mem:a', '--target', 'jdbc:h2:mem:b'] + args))

        then:
        code == 2
        stderr().readLines()[0] == "error: ${option} takes no value: a password on the command line shows in the process list; give ${option} alone to be asked for it, or set ${variable}"
        !stderr().contains('S3cret')
        !stdout().contains('S3cret')

        where:
        args                                    || option              | variable
        ['--source-password', 'S3cret']         || '--source-password' | 'MIGRATE_SOURCE_PASSWORD'
        ['--source-password=S3cret']            || '--source-password' | 'MIGRATE_SOURCE_PASSWORD'
        ['--target-password', 'S3cret', '--debug'] || '--target-password' | 'MIGRATE_TARGET_PASSWORD'
    }

    def "a command line it cannot parse is repeated without the password of a URL in it"() {
        when:
        int code = migrate('scaffold', '--source', 'jdbc:h2:mem:a', '--target', 'jdbc:h2:mem:b', 'jdbc:postgresql://h/db?user=u&password=S3cret')

        then:
        code == 2
        stderr().readLines()[0] == "error: Unmatched argument at index 5: 'jdbc:postgresql://h/db?user=u&password=***'"
        !stderr().contains('S3cret')
    }

    def "--version and --help answer and exit 0"() {
        expect:
        migrate('--version') == 0
        stdout().startsWith('migrate ')
        migrate('run', '--help') == 0
        stdout().contains('--dry-run')
    }
}
