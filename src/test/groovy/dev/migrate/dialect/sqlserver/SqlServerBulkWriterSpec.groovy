package dev.migrate.dialect.sqlserver

import dev.migrate.schema.ColumnInfo
import dev.migrate.transfer.TargetColumn
import dev.migrate.transfer.ValueKind
import microsoft.sql.DateTimeOffset
import spock.lang.Specification

import java.sql.Timestamp
import java.sql.Types
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.LocalTime
import java.time.OffsetDateTime
import java.time.ZoneOffset

/** What the bulk copy API is handed for a batch (no SQL Server here: the copy itself is not run). */
class SqlServerBulkWriterSpec extends Specification {

    private static TargetColumn column(String name, ValueKind kind, int size = 0, int scale = 0) {
        new TargetColumn(new ColumnInfo(name, Types.OTHER, 'x', size, scale, true, false, false), kind)
    }

    def "a batch describes its columns by ordinal, name, type, precision and scale"() {
        given:
        def columns = [column('id', ValueKind.BIGINT), column('price', ValueKind.DECIMAL, 12, 2), column('name', ValueKind.TEXT, 100),
                       column('body', ValueKind.TEXT, Integer.MAX_VALUE), column('at', ValueKind.TIMESTAMP), column('seen', ValueKind.TIMESTAMP_TZ),
                       column('flag', ValueKind.BOOLEAN), column('data', ValueKind.BINARY, 16)]
        def batch = new SqlServerBulkWriter.Batch(columns, new Object[0][], 0)

        expect:
        batch.columnOrdinals as List == [1, 2, 3, 4, 5, 6, 7, 8]
        (1..8).collect { batch.getColumnName(it) } == ['id', 'price', 'name', 'body', 'at', 'seen', 'flag', 'data']
        (1..8).collect { batch.getColumnType(it) } == [Types.BIGINT, Types.DECIMAL, Types.NVARCHAR, Types.NVARCHAR, Types.TIMESTAMP,
                                                       microsoft.sql.Types.DATETIMEOFFSET, Types.BIT, Types.VARBINARY]
        (1..8).collect { batch.getPrecision(it) } == [0, 12, 100, Integer.MAX_VALUE, 27, 27, 0, 16]
        (1..8).collect { batch.getScale(it) } == [0, 2, 0, 0, 7, 7, 0, 0]
    }

    def "a batch hands over its rows, and only its rows, with date-times as the driver takes them"() {
        given:
        def columns = [column('id', ValueKind.BIGINT), column('day', ValueKind.DATE), column('at', ValueKind.TIMESTAMP),
                       column('seen', ValueKind.TIMESTAMP_TZ), column('t', ValueKind.TIME), column('note', ValueKind.TEXT)]
        def seen = OffsetDateTime.of(2020, 1, 1, 12, 0, 0, 500_000_000, ZoneOffset.ofHours(2))
        Object[][] rows = [[1L, LocalDate.of(2024, 2, 29), LocalDateTime.of(2020, 1, 1, 0, 0, 1, 123_456_000), seen, LocalTime.of(7, 5, 3), 'ü'] as Object[],
                           [2L, null, null, null, null, null] as Object[],
                           [3L, null, null, null, null, 'not in the batch'] as Object[]]
        def batch = new SqlServerBulkWriter.Batch(columns, rows, 2)
        def read = []

        when:
        while (batch.next()) {
            read << (batch.rowData as List)
        }

        then:
        read == [[1L, java.sql.Date.valueOf('2024-02-29'), Timestamp.valueOf('2020-01-01 00:00:01.123456'), DateTimeOffset.valueOf(seen), '07:05:03', 'ü'],
                 [2L, null, null, null, null, null]]
    }
}
