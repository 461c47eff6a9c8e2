package dev.migrate.cli

import dev.migrate.support.MigrateProcess
import groovy.sql.Sql
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/** {@code bin/migrate generate}: fills the block's tables and prints a line per table; {@code run} ignores the block. */
class GenerateCommandSpec extends Specification {

    Path folder = MigrateProcess.folder()

    private Path script(String text) {
        Path file = folder.resolve('shop.groovy')
        Files.writeString(file, text)
        file
    }

    private long count(String database, String table) {
        Sql sql = Sql.newInstance("jdbc:h2:file:${folder}/${database}", 'sa', '')
        try {
            sql.firstRow("SELECT COUNT(*) AS n FROM ${table}".toString()).n as long
        } finally {
            sql.close()
        }
    }

    def "generate fills the migration's source, prints a line per table and exits 0; run then moves the rows, ignoring the block"() {
        given:
        Path file = script """\
            migration 'with-test-data', {
                source { url 'jdbc:h2:file:${folder}/legacy'; user 'sa' }
                target { url 'jdbc:h2:file:${folder}/shop'; user 'sa' }
            }
            generate {
                seed 5
                table('items', rows: 30) { create 'CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20), price DECIMAL(6, 2))' }
            }
            """.stripIndent()

        when:
        def generated = MigrateProcess.call(['generate', file.toString()], folder)

        then:
        generated.exitCode == 0
        generated.stderr == ''
        generated.stdout.readLines()[0] == "generated into jdbc:h2:file:${folder}/legacy (seed 5)"
        generated.stdout.readLines()[1] ==~ /table +method +rows +dirty +seconds +rows\/s/
        generated.stdout.readLines()[3] ==~ /ITEMS +JDBC batches +30 +0 +[0-9.]+ +[0-9,]+/
        count('legacy', 'items') == 30

        when:
        def scaled = MigrateProcess.call(['generate', file.toString(), '--seed', '9', '--rows-scale', '0.5'], folder)
        def run = MigrateProcess.call(['run', file.toString(), '--results', folder.resolve('results').toString()], folder)

        then:
        scaled.exitCode == 0
        scaled.stdout.readLines()[0] == "generated into jdbc:h2:file:${folder}/legacy (seed 9)"
        count('legacy', 'items') == 45
        run.exitCode == 0
        count('shop', 'items') == 45
    }

    def "generate of #what exits 2 with one line naming the mistake"() {
        given:
        Path file = script(text.replace('FOLDER', folder.toString()))

        when:
        def result = MigrateProcess.call(['generate', file.toString()] + options, folder)

        then:
        result.exitCode == 2
        result.stderr.readLines()[0] == message

        where:
        what                     | text                                                                                | options                || message
        'a script without one'   | "migration 'm', { source { url 'jdbc:h2:mem:a' }; target { url 'jdbc:h2:mem:b' } }" | []                     || "error: (shop.groovy) the script has no generate { } block: generate { table('customers', rows: 1000) }"
        'a block without a database' | "generate { table('t', rows: 1) }"                                              | []                     || "error: (shop.groovy, line 1) generate has no database to fill: database { url 'jdbc:...' } in the block, or a migration with a source { }"
        'a scale of nothing'     | "generate { database { url 'jdbc:h2:file:FOLDER/x' }; table('t', rows: 1) }"       | ['--rows-scale', '0']  || 'error: --rows-scale must be more than 0, not 0.0'
    }
}
