package dev.migrate.spark

import dev.migrate.support.TestServer
import groovy.sql.Sql

import java.sql.Timestamp
import java.time.LocalDateTime

/**
 * The table the Spark specs move: an integer key, text with accents and emoji, a decimal, a date-time with
 * milliseconds, a boolean, and text that is NULL in one row of seven. Every value is known, so a copy is compared
 * with it value by value.
 */
final class SampleTable {

    private SampleTable() {
    }

    static List<List> rows(int count) {
        (1..count).collect { int n ->
            [n, "item ${n} é ✓ ${n % 97 == 0 ? '🚀' : ''}".toString(), new BigDecimal(n).multiply(new BigDecimal('1.25')).setScale(2),
             LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(n).plusNanos((n % 1000) * 1_000_000L), n % 2 == 0,
             n % 7 == 0 ? null : 'x' * (n % 50)]
        }
    }

    static void create(TestServer server, String database, int count) {
        server.withDatabase(database) { Sql sql ->
            sql.execute(server.kind == 'postgres'
                    ? 'CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(40), price NUMERIC(10,2), made TIMESTAMP(3), flag BOOLEAN, note TEXT)'
                    : 'CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(40), price DECIMAL(10,2), made DATETIME(3), flag BOOLEAN, note TEXT)')
            sql.withBatch(2_000, 'INSERT INTO items VALUES (?, ?, ?, ?, ?, ?)') { b ->
                // Connector/J drops the fraction of a Timestamp it sends MariaDB: the date-time goes as text there
                rows(count).each { r ->
                    LocalDateTime made = r[3] as LocalDateTime
                    b.addBatch([r[0], r[1], r[2], server.kind == 'postgres' ? Timestamp.valueOf(made) : made.toString().replace('T', ' '), r[4], r[5]])
                }
            }
        }
    }

    /** The rows of {@code table} as {@link #rows} gives them, in key order. */
    static List<List> read(TestServer server, String database, String table = 'items') {
        server.withDatabase(database) { Sql sql ->
            sql.rows("SELECT id, name, price, made, flag, note FROM ${table} ORDER BY id".toString()).collect { r ->
                [r.id as int, r.name, (r.price as BigDecimal).setScale(2), r.made instanceof Timestamp ? (r.made as Timestamp).toLocalDateTime() : r.made as LocalDateTime, r.flag as boolean,
                 r.note?.toString()]
            }
        }
    }

    /** Null when the two lists of rows are equal; otherwise their sizes and the first row that differs, both ways. */
    static String difference(List<List> actual, List<List> expected) {
        for (int i = 0; i < Math.min(actual.size(), expected.size()); i++) {
            if (actual[i] != expected[i]) {
                return "row ${i}: ${actual[i]} instead of ${expected[i]}".toString()
            }
        }
        actual.size() == expected.size() ? null : "${actual.size()} rows instead of ${expected.size()}".toString()
    }
}
