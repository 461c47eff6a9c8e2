package dev.migrate.report

import dev.migrate.engine.MigrationResult
import dev.migrate.engine.TableResult
import spock.lang.Specification

import java.time.Instant

/** The summary names its columns for what the run did, and never shows bytes it did not count as 0 B. */
class SummaryTableSpec extends Specification {

    private static TableResult table(String name, long rows, long bytes) {
        new TableResult(name, name, TableResult.Status.DONE, rows, rows, 0, 0, null, 1, 0, bytes, 1.0, null, 'COPY', 0, 0)
    }

    private static MigrationResult result(boolean dryRun, List<TableResult> tables) {
        Instant start = Instant.parse('2026-01-01T00:00:00Z')
        new MigrationResult('m', 'm.groovy', 'jdbc:h2:mem:a', 'jdbc:h2:mem:b', dryRun, start, start.plusSeconds(2), tables, [], null)
    }

    def "a run's column counts the rows written, a dry run's the rows it would write"() {
        expect:
        SummaryTable.render(result(dryRun, [table('items', 2, 24)])).readLines()[1] == header

        where:
        dryRun || header
        false  || 'table  status  rows read  rows written  rejected  errors  bytes  seconds  rows/s'
        true   || 'table  status  rows read  would write  rejected  errors  bytes  seconds  rows/s'
    }

    def "bytes no writer counted are shown as unknown, in the table's line and the total, and are null in the JSON report"() {
        given:
        def result = result(false, [table('items', 2, 24), table('names', 3, 0), table('empty', 0, 0)])

        when:
        def lines = SummaryTable.render(result).readLines()
        def json = new JsonReport().toMap(result, null)

        then:
        lines.find { it.startsWith('items') } ==~ /items\s+done\s+2\s+2\s+0\s+0\s+24 B\s+1\.0\s+2/
        lines.find { it.startsWith('names') } ==~ /names\s+done\s+3\s+3\s+0\s+0\s+–\s+1\.0\s+3/
        lines.find { it.startsWith('empty') } ==~ /empty\s+done\s+0\s+0\s+0\s+0\s+0 B\s+1\.0\s+0/
        lines.find { it.startsWith('total') } ==~ /total\s+done\s+5\s+5\s+0\s+0\s+–\s+2\.0\s+3/
        json.tables*.bytes == [24, null, 0]
        json.totals.bytes == null
    }
}
