package dev.migrate.report

import dev.migrate.engine.TableResult
import spock.lang.Specification

class ConsoleProgressSpec extends Specification {

    static final long MS = 1_000_000L

    /** Sakila's tables and their rows. */
    static final Map<String, Long> SAKILA = [actor: 200L, address: 603L, category: 16L, city: 600L, country: 109L, customer: 599L,
                                             film: 1000L, film_actor: 5462L, film_category: 1000L, film_text: 1000L, inventory: 4581L,
                                             language: 6L, payment: 16049L, rental: 16044L, staff: 2L, store: 2L]

    long now = 0
    def bytes = new ByteArrayOutputStream()
    ConsoleProgress progress = new ConsoleProgress(new PrintStream(bytes, true, 'UTF-8'), { -> now }, 100, 24)

    static TableResult done(String table, long rows, double seconds) {
        new TableResult(table, table, TableResult.Status.DONE, rows, rows, 0, 0, null, 1, 0, rows * 40, seconds, null, 'JDBC batches', 0, 0)
    }

    static TableResult failed(String table, long rows, double seconds) {
        new TableResult(table, table, TableResult.Status.FAILED, rows, rows, 0, 0, null, 1, 1, rows * 40, seconds, 'lost', 'JDBC batches', 0, 0)
    }

    /** The screen after the escapes the renderer wrote: cursor up, to the line's start, clear the line, clear below. */
    List<String> screen() {
        String text = bytes.toString('UTF-8')
        List<StringBuilder> lines = [new StringBuilder()]
        int row = 0
        int col = 0
        int i = 0
        while (i < text.length()) {
            char c = text.charAt(i)
            if (c == '\u001b' as char) {
                def m = text.substring(i) =~ /^\u001b\[(\d*)([AKJ])/
                assert m.find(): "an escape the screen does not know: ${text.substring(i, Math.min(text.length(), i + 8))}"
                String n = m.group(1)
                switch (m.group(2)) {
                    case 'A': row = Math.max(0, row - (n ? n as int : 1)); break
                    case 'K': assert n == '2'; lines[row].setLength(0); break
                    case 'J': lines[row].setLength(Math.min(col, lines[row].length())); while (lines.size() > row + 1) { lines.remove(lines.size() - 1) }; break
                }
                i += m.group(0).length()
                continue
            }
            if (c == '\r' as char) {
                col = 0
            } else if (c == '\n' as char) {
                row++
                col = 0
                while (lines.size() <= row) {
                    lines << new StringBuilder()
                }
            } else {
                StringBuilder line = lines[row]
                while (line.length() < col) {
                    line.append(' ')
                }
                if (col < line.length()) {
                    line.setCharAt(col, c)
                } else {
                    line.append(c)
                }
                col++
            }
            i++
        }
        List<String> shown = lines*.toString()
        // the cursor rests on the empty line below the last one drawn
        assert shown.last() == ''
        shown.subList(0, shown.size() - 1)
    }

    def "a table counted but not moving has no line; moving ones have one aligned line each, with no rate until one is known"() {
        when:
        progress.tablesPlanned(['actor', 'address', 'payment'])
        progress.tableStarted('actor', 200, false)
        progress.tableStarted('address', 1_234_567, true)
        progress.tableStarted('payment', 16049, false)
        progress.rowsMoved('actor', 50, 2_000)
        progress.rowsMoved('address', 1_000, 40_000)
        progress.draw()

        then:
        screen() == [
                'actor    [#####---------------]  25%            50 / 200 rows',
                'address  [--------------------]   0%  1,000 / ~1,234,567 rows']
    }

    def "sixteen tables on two workers: one line per running table, each that ends collapses to one line printed once"() {
        given: 'every table counted before the first moves, as the engine does'
        progress.tablesPlanned(SAKILA.keySet() as List)
        SAKILA.each { table, rows -> progress.tableStarted(table, rows, false) }

        when: 'the first two move'
        progress.rowsMoved('actor', 100, 4_000)
        progress.rowsMoved('address', 100, 4_000)
        progress.draw()
        List<String> first = screen()

        and: 'one ends, one starts and ends within the same tenth of a second, another starts'
        now = 50 * MS
        progress.rowsMoved('actor', 100, 4_000)
        progress.tableFinished(done('actor', 200, 0.1))
        now = 60 * MS
        progress.tableStarted('language', 6, false)
        progress.rowsMoved('language', 6, 240)
        progress.tableFinished(done('language', 6, 0.0))
        now = 70 * MS
        progress.rowsMoved('category', 8, 320)
        now = 80 * MS
        progress.rowsMoved('address', 200, 8_000)
        now = 100 * MS
        progress.draw()
        List<String> second = screen()

        and: 'a table ends between two drawings and another takes its worker; the first rate is known'
        now = 500 * MS
        progress.rowsMoved('address', 200, 8_000)
        now = 550 * MS
        progress.rowsMoved('category', 8, 320)
        progress.tableFinished(done('category', 16, 0.5))
        now = 560 * MS
        progress.rowsMoved('city', 50, 2_000)
        now = 600 * MS
        progress.draw()
        List<String> third = screen()

        and: 'the rest, two at a time, each pair starting and ending between two drawings; rows of a table that ended arrive late'
        now = 700 * MS
        progress.tableFinished(done('address', 603, 0.7))
        progress.tableFinished(done('city', 600, 0.2))
        progress.draw()
        [['country', 109, 0.1], ['customer', 599, 0.1], ['film', 1000, 0.1], ['film_actor', 5462, 0.4], ['film_category', 1000, 0.1],
         ['film_text', 300, 0.1], ['inventory', 4581, 0.2], ['payment', 16049, 1.2], ['rental', 16044, 1.1], ['staff', 2, 0.0],
         ['store', 2, 0.0]].collate(2).each { pair ->
            pair.each { String table, rows, seconds ->
                progress.tableStarted(table, SAKILA[table], false)
                progress.rowsMoved(table, rows, rows * 40)
                progress.tableFinished(table == 'film_text' ? failed(table, rows as long, seconds as double) : done(table, rows as long, seconds as double))
                progress.rowsMoved(table, 10, 400)
            }
            now += 100 * MS
            progress.draw()
        }
        progress.close()

        then: 'two moving tables, nothing yet known of their rate'
        first == [
                'actor          [##########----------]  50%  100 / 200 rows',
                'address        [###-----------------]  16%  100 / 603 rows']

        and: 'the two that ended above the two running'
        second == [
                'actor                200 rows   0.1 s  done',
                'language               6 rows   0.0 s  done',
                'address        [#########-----------]  49%  300 / 603 rows',
                'category       [##########----------]  50%     8 / 16 rows']

        and: 'a rate in whole rows per second once half a second has passed'
        third == [
                'actor                200 rows   0.1 s  done',
                'language               6 rows   0.0 s  done',
                'category              16 rows   0.5 s  done',
                'address        [################----]  82%  500 / 603 rows  833 rows/s',
                'city           [#-------------------]   8%   50 / 600 rows']

        and: 'at the end one line per table, in the order they ended, none twice and nothing stale'
        screen() == [
                'actor                200 rows   0.1 s  done',
                'language               6 rows   0.0 s  done',
                'category              16 rows   0.5 s  done',
                'address              603 rows   0.7 s  done',
                'city                 600 rows   0.2 s  done',
                'country              109 rows   0.1 s  done',
                'customer             599 rows   0.1 s  done',
                'film               1,000 rows   0.1 s  done',
                'film_actor         5,462 rows   0.4 s  done',
                'film_category      1,000 rows   0.1 s  done',
                'film_text            300 rows   0.1 s  failed',
                'inventory          4,581 rows   0.2 s  done',
                'payment           16,049 rows   1.2 s  done',
                'rental            16,044 rows   1.1 s  done',
                'staff                  2 rows   0.0 s  done',
                'store                  2 rows   0.0 s  done']
    }

    def "a line wider than the terminal is cut to its width, so that redrawing never misses a wrapped line"() {
        given:
        def narrow = new ConsoleProgress(new PrintStream(bytes, true, 'UTF-8'), { -> now }, 40, 24)

        when:
        narrow.tableStarted('payment', 16049, false)
        narrow.rowsMoved('payment', 100, 4_000)
        narrow.draw()

        then:
        screen() == ['payment  [--------------------]  0%  10']
    }

    def "a log line written meanwhile goes above the moving lines, which are drawn again below it"() {
        given:
        def err = new PrintStream(progress.above(), true, 'UTF-8')
        progress.tablesPlanned(['film', 'payment'])
        progress.tableStarted('film', 1000, false)
        progress.tableStarted('payment', 16049, false)
        progress.rowsMoved('film', 500, 20_000)
        progress.rowsMoved('payment', 2_000, 80_000)
        progress.draw()

        when:
        err.println('04:04:24 WARN  payment: a partition lost its connection and is tried again')
        now = 100 * MS
        progress.rowsMoved('payment', 2_000, 80_000)
        progress.draw()

        then:
        screen() == [
                '04:04:24 WARN  payment: a partition lost its connection and is tried again',
                'film     [##########----------]  50%     500 / 1,000 rows',
                'payment  [####----------------]  24%  4,000 / 16,049 rows']
    }

    def "more moving tables than the terminal has lines: the last line counts the others"() {
        given:
        def low = new ConsoleProgress(new PrintStream(bytes, true, 'UTF-8'), { -> now }, 100, 5)

        when:
        ['a', 'b', 'c', 'd', 'e'].each { low.tableStarted(it, 10, false); low.rowsMoved(it, 1, 40) }
        low.draw()
        low.tableFinished(done('a', 10, 0.1))
        low.draw()

        then:
        screen() == [
                'a         10 rows   0.1 s  done',
                'b  [##------------------]  10%  1 / 10 rows',
                'c  [##------------------]  10%  1 / 10 rows',
                'and 2 more tables moving']
    }
}
