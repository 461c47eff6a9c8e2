package dev.migrate.dialect

import dev.migrate.schema.ColumnInfo
import dev.migrate.schema.TableInfo
import dev.migrate.transfer.ValueKind
import spock.lang.Specification

import java.sql.Types

class DialectSpec extends Specification {

    def "the dialect is found by its JDBC URL: #url"() {
        expect:
        DialectRegistry.forUrl(url).name() == name

        where:
        url                                                   || name
        'jdbc:postgresql://localhost:5432/shop'               || 'PostgreSQL'
        'jdbc:mysql://localhost:3306/shop'                    || 'MySQL'
        'jdbc:mariadb://localhost:3306/shop'                  || 'MySQL'
        'jdbc:oracle:thin:@//localhost:1521/XE'               || 'Oracle'
        'jdbc:sqlserver://localhost:1433;databaseName=shop'   || 'SQL Server'
        'jdbc:h2:mem:shop'                                    || 'H2'
        'jdbc:sqlite:/tmp/shop.db'                            || 'SQLite'
    }

    def "an unsupported database is named"() {
        when:
        DialectRegistry.forUrl('jdbc:db2://host:50000/shop')

        then:
        IllegalArgumentException e = thrown()
        e.message == 'no supported database uses jdbc:db2: — supported: jdbc:postgresql:, jdbc:mysql:, jdbc:mariadb:, jdbc:oracle:, jdbc:sqlserver:, jdbc:h2:, jdbc:sqlite:'
    }

    def "a misspelt URL prefix gets the nearest supported one: #url"() {
        expect:
        DialectRegistry.unsupported(url) == "no supported database uses ${prefix}${hint} — supported: jdbc:postgresql:, jdbc:mysql:, jdbc:mariadb:, jdbc:oracle:, jdbc:sqlserver:, jdbc:h2:, jdbc:sqlite:"

        where:
        url                         || prefix            | hint
        'jdbc:postgres://h/db'      || 'jdbc:postgres:'  | ' (did you mean jdbc:postgresql:?)'
        'jdbc:mysq://h/db'          || 'jdbc:mysq:'      | ' (did you mean jdbc:mysql:?)'
        'jdbc:SQLlite:/tmp/a.db'    || 'jdbc:sqllite:'   | ' (did you mean jdbc:sqlite:?)'
        'jdbc:foo://x'              || 'jdbc:foo:'       | ''
    }

    def "MariaDB URLs are served by Connector/J"() {
        expect:
        DialectRegistry.forUrl('jdbc:mariadb://h:3306/db').driverUrl('jdbc:mariadb://h:3306/db') == 'jdbc:mysql://h:3306/db'
    }

    def "each dialect quotes and qualifies names its own way: #url"() {
        given:
        def dialect = DialectRegistry.forUrl(url)
        def table = new TableInfo('sales', 'order "items"', [], [], [])

        expect:
        dialect.quote('we"ird`]') == quoted
        dialect.qualify(table) == qualified

        where:
        url                       || quoted          | qualified
        'jdbc:postgresql://h/db'  || '"we""ird`]"'   | '"sales"."order ""items"""'
        'jdbc:mysql://h/db'       || '`we"ird``]`'   | '`order "items"`'
        'jdbc:oracle:thin:@h:1/x' || '"we""ird`]"'   | '"sales"."order ""items"""'
        'jdbc:sqlserver://h'      || '[we"ird`]]]'   | '[sales].[order "items"]'
        'jdbc:h2:mem:x'           || '"we""ird`]"'   | '"sales"."order ""items"""'
        'jdbc:sqlite:x.db'        || '"we""ird`]"'   | '"order ""items"""'
    }

    def "each dialect classifies its own types: #typeName on #url"() {
        expect:
        DialectRegistry.forUrl(url).kindOf(new ColumnInfo('c', jdbcType, typeName, size, scale, true, false, false)) == kind

        where:
        url                       | jdbcType                      | typeName           | size | scale || kind
        'jdbc:postgresql://h/db'  | Types.TIMESTAMP               | 'timestamptz'      | 35   | 6     || ValueKind.TIMESTAMP_TZ
        'jdbc:postgresql://h/db'  | Types.TIMESTAMP               | 'timestamp'        | 29   | 6     || ValueKind.TIMESTAMP
        'jdbc:postgresql://h/db'  | Types.BIT                     | 'bool'             | 1    | 0     || ValueKind.BOOLEAN
        'jdbc:postgresql://h/db'  | Types.OTHER                   | 'jsonb'            | 0    | 0     || ValueKind.JSON
        'jdbc:postgresql://h/db'  | Types.OTHER                   | 'uuid'             | 0    | 0     || ValueKind.UUID
        'jdbc:mysql://h/db'       | Types.TIMESTAMP               | 'TIMESTAMP'        | 19   | 0     || ValueKind.TIMESTAMP_TZ
        'jdbc:mysql://h/db'       | Types.TIMESTAMP               | 'DATETIME'         | 19   | 0     || ValueKind.TIMESTAMP
        'jdbc:mysql://h/db'       | Types.TINYINT                 | 'TINYINT'          | 3    | 0     || ValueKind.INTEGER
        'jdbc:mysql://h/db'       | Types.BIT                     | 'BIT'              | 1    | 0     || ValueKind.BOOLEAN
        'jdbc:mysql://h/db'       | Types.INTEGER                 | 'INT UNSIGNED'     | 10   | 0     || ValueKind.BIGINT
        'jdbc:mysql://h/db'       | Types.BIGINT                  | 'BIGINT UNSIGNED'  | 20   | 0     || ValueKind.DECIMAL
        'jdbc:oracle:thin:@h:1/x' | Types.NUMERIC                 | 'NUMBER'           | 9    | 0     || ValueKind.INTEGER
        'jdbc:oracle:thin:@h:1/x' | Types.NUMERIC                 | 'NUMBER'           | 18   | 0     || ValueKind.BIGINT
        'jdbc:oracle:thin:@h:1/x' | Types.NUMERIC                 | 'NUMBER'           | 12   | 2     || ValueKind.DECIMAL
        'jdbc:oracle:thin:@h:1/x' | Types.TIMESTAMP               | 'DATE'             | 7    | 0     || ValueKind.TIMESTAMP
        'jdbc:oracle:thin:@h:1/x' | -101                          | 'TIMESTAMP(6) WITH TIME ZONE' | 13 | 6 || ValueKind.TIMESTAMP_TZ
        'jdbc:sqlserver://h'      | -155                          | 'datetimeoffset'   | 34   | 7     || ValueKind.TIMESTAMP_TZ
        'jdbc:sqlserver://h'      | Types.CHAR                    | 'uniqueidentifier' | 36   | 0     || ValueKind.UUID
        'jdbc:sqlserver://h'      | Types.BIT                     | 'bit'              | 1    | 0     || ValueKind.BOOLEAN
        'jdbc:h2:mem:x'           | Types.TIMESTAMP_WITH_TIMEZONE | 'TIMESTAMP WITH TIME ZONE' | 35 | 6 || ValueKind.TIMESTAMP_TZ
        'jdbc:sqlite:x.db'        | Types.VARCHAR                 | 'DATETIME'         | 0    | 0     || ValueKind.TIMESTAMP
        'jdbc:sqlite:x.db'        | Types.INTEGER                 | 'INTEGER'          | 0    | 0     || ValueKind.BIGINT
    }

    def "foreign-key checks can be turned off where the database allows it"() {
        expect:
        DialectRegistry.forUrl('jdbc:postgresql://h/db').constraintChecks().get().disable() == ['SET session_replication_role = replica']
        DialectRegistry.forUrl('jdbc:mysql://h/db').constraintChecks().get().disable() == ['SET FOREIGN_KEY_CHECKS = 0']
        DialectRegistry.forUrl('jdbc:h2:mem:x').constraintChecks().get().scope() == ConstraintChecks.Scope.DATABASE
        DialectRegistry.forUrl('jdbc:oracle:thin:@h:1/x').constraintChecks().isEmpty()
        DialectRegistry.forUrl('jdbc:sqlserver://h').constraintChecks().isEmpty()
    }

    def "after a load, #name moves identities past the loaded keys with: #expected"() {
        given:
        List<String> executed = []
        def statement = [execute: { String sql -> executed << sql; false }, close: {}] as java.sql.Statement
        def connection = [createStatement: { -> statement }] as java.sql.Connection
        def table = new TableInfo('dbo', 'orders', [new ColumnInfo('id', Types.INTEGER, 'int', 10, 0, false, true, false),
                                                     new ColumnInfo('note', Types.VARCHAR, 'varchar', 10, 0, true, false, false)], ['id'], [])

        when:
        DialectRegistry.forUrl(url).resetIdentities(connection, table, qualified)

        then:
        executed == [expected]

        where:
        name         | url                              | qualified          || expected
        'SQL Server' | 'jdbc:sqlserver://h'             | '[dbo].[orders]'   || "DBCC CHECKIDENT ('[dbo].[orders]', RESEED)"
        'Oracle'     | 'jdbc:oracle:thin:@//h:1521/XE'  | '"SHOP"."orders"'  || 'ALTER TABLE "SHOP"."orders" MODIFY ("id" GENERATED BY DEFAULT AS IDENTITY (START WITH LIMIT VALUE))'
    }


    def "each dialect writes its upsert: #url"() {
        given:
        def dialect = DialectRegistry.forUrl(url)
        def columns = ['id', 'sku', 'label'].collect { new dev.migrate.transfer.TargetColumn(new ColumnInfo(it, Types.VARCHAR, 'varchar', 10, 0, true, false, false), dev.migrate.transfer.ValueKind.TEXT) }
        def target = new dev.migrate.transfer.WriteTarget('items', dialect.quote('items'), columns, columns.collect { dialect.quote(it.name()) }, [dialect.quote('id')])

        expect:
        dialect.upsert(target) == sql

        where:
        url                              || sql
        'jdbc:postgresql://h/db'         || 'INSERT INTO "items" ("id", "sku", "label") VALUES (?, ?, ?) ON CONFLICT ("id") DO UPDATE SET "sku" = excluded."sku", "label" = excluded."label"'
        'jdbc:sqlite:x.db'               || 'INSERT INTO "items" ("id", "sku", "label") VALUES (?, ?, ?) ON CONFLICT ("id") DO UPDATE SET "sku" = excluded."sku", "label" = excluded."label"'
        'jdbc:mysql://h/db'              || 'INSERT INTO `items` (`id`, `sku`, `label`) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE `sku` = VALUES(`sku`), `label` = VALUES(`label`)'
        'jdbc:h2:mem:x'                  || 'MERGE INTO "items" ("id", "sku", "label") KEY ("id") VALUES (?, ?, ?)'
        'jdbc:oracle:thin:@//h:1521/XE'  || 'MERGE INTO "items" t USING (SELECT ? AS "id", ? AS "sku", ? AS "label" FROM dual) s ON (t."id" = s."id") WHEN MATCHED THEN UPDATE SET t."sku" = s."sku", t."label" = s."label" WHEN NOT MATCHED THEN INSERT ("id", "sku", "label") VALUES (s."id", s."sku", s."label")'
        'jdbc:sqlserver://h'             || 'MERGE INTO [items] t USING (SELECT ? AS [id], ? AS [sku], ? AS [label]) s ON (t.[id] = s.[id]) WHEN MATCHED THEN UPDATE SET t.[sku] = s.[sku], t.[label] = s.[label] WHEN NOT MATCHED THEN INSERT ([id], [sku], [label]) VALUES (s.[id], s.[sku], s.[label]);'
    }

    def "verify's SQL for #url: a price and a name in the text every database agrees on, each row hashed to 60 bits"() {
        given:
        Dialect dialect = DialectRegistry.forUrl(url)
        String price = dialect.canonicalText(dialect.quote('price'), ValueKind.DECIMAL).get()
        String name = dialect.canonicalText(dialect.quote('name'), ValueKind.TEXT).get()

        expect:
        price == priceText
        name == nameText
        dialect.rowDigest([price, name], [ValueKind.DECIMAL, ValueKind.TEXT]).get() == digest.replace('$p', price).replace('$n', name)
        dialect.byteOrder(dialect.quote('name'), ValueKind.TEXT) == order
        !dialect.canonicalText(dialect.quote('doc'), ValueKind.OTHER).isPresent()

        where:
        url << ['jdbc:oracle:thin:@//db:1521/XE', 'jdbc:sqlserver://db:1433;databaseName=shop', 'jdbc:postgresql://db/shop', 'jdbc:mysql://db/shop']
        priceText << [
                "RTRIM(RTRIM(TO_CHAR(\"price\", 'FM${'9' * 30}0.${'9' * 30}'), '0'), '.')".toString(),
                "CASE WHEN CHARINDEX('.', CAST([price] AS varchar(60))) > 0 THEN TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM CAST([price] AS varchar(60)))) ELSE CAST([price] AS varchar(60)) END",
                'trim_scale("price")::text',
                "IF(LOCATE('.', CAST(`price` AS CHAR)) > 0, TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM CAST(`price` AS CHAR))), CAST(`price` AS CHAR))"]
        nameText << ['"name"', 'CAST([name] AS nvarchar(max))', '"name"::text', 'CONVERT(`name` USING utf8mb4)']
        digest << [
                'COUNT(*), NVL(SUM(TO_NUMBER(SUBSTR(RAWTOHEX(STANDARD_HASH(NVL($p, \'n\') || \'|\' || NVL2($n, LENGTHB($n) || \':\' || $n, \'n\'), \'MD5\')), 1, 15), \'XXXXXXXXXXXXXXX\')), 0)',
                SQL_SERVER_DIGEST,
                'COUNT(*), COALESCE(SUM((\'x\' || substr(md5(COALESCE($p, \'n\') || \'|\' || COALESCE(octet_length($n)::text || \':\' || $n, \'n\')), 1, 15))::bit(60)::bigint), 0)',
                'COUNT(*), COALESCE(SUM(CAST(CONV(SUBSTR(MD5(CONCAT(COALESCE($p, \'n\'), \'|\', COALESCE(CONCAT(OCTET_LENGTH($n), \':\', $n), \'n\'))), 1, 15), 16, 10) AS UNSIGNED)), 0)']
        order << ['NLSSORT("name", \'NLS_SORT=BINARY\')', 'CAST([name] AS nvarchar(max)) COLLATE Latin1_General_100_BIN2', '"name" COLLATE "C"',
                  'CONVERT(`name` USING utf8mb4) COLLATE utf8mb4_bin']
    }

    def "verify's plain forms for #url: the value as the server prints it, where that is the canonical form, and text in UTF-8"() {
        given:
        Dialect dialect = DialectRegistry.forUrl(url)
        ColumnInfo utf8 = new ColumnInfo('c', Types.VARCHAR, 'VARCHAR', 20, 0, true, false, false).withCharacterSet('utf8mb4')
        ColumnInfo latin1 = utf8.withCharacterSet('latin1')

        expect:
        [ValueKind.DECIMAL, ValueKind.TIMESTAMP, ValueKind.TEXT, ValueKind.BOOLEAN, ValueKind.TIMESTAMP_TZ]
                .collect { dialect.plainText(utf8, dialect.quote('c'), it).orElse(null) } == forms
        dialect.plainText(latin1, dialect.quote('c'), ValueKind.TEXT).orElse(null) == latin1Text

        where:
        url                                          | forms                                               | latin1Text
        'jdbc:postgresql://db/shop'                  | ['"c"::text', '"c"::text', '"c"::text', null, null] | '"c"::text'
        'jdbc:mysql://db/shop'                       | ['`c`', '`c`', '`c`', null, null]                   | 'CONVERT(`c` USING utf8mb4)'
        'jdbc:oracle:thin:@//db:1521/XE'             | [null, null, null, null, null]                      | null
        'jdbc:sqlserver://db:1433;databaseName=shop' | [null, null, null, null, null]                      | null
    }

    /** SQL Server's MD5 of the row's UTF-8 bytes, its first 60 bits taken from a signed bigint as the others take them unsigned. */
    static final String SQL_SERVER_ROW = "CONCAT(COALESCE(\$p, N'n'), N'|', " +
            "CASE WHEN \$n IS NULL THEN N'n' ELSE CONCAT(DATALENGTH(CAST(CAST(\$n AS nvarchar(max)) COLLATE Latin1_General_100_BIN2_UTF8 AS varchar(max))), N':', \$n) END)"
    static final String SQL_SERVER_FIRST = "CAST(CONVERT(binary(8), HASHBYTES('MD5', CAST(${SQL_SERVER_ROW} COLLATE Latin1_General_100_BIN2_UTF8 AS varchar(max)))) AS bigint)"
    static final String SQL_SERVER_DIGEST = "COUNT_BIG(*), COALESCE(SUM(CAST((${SQL_SERVER_FIRST} & 9223372036854775807) / 16 + CASE WHEN " +
            "${SQL_SERVER_FIRST} < 0 THEN 576460752303423488 ELSE 0 END AS decimal(38, 0))), 0)"

    def "SQL Server's 60 bits from a signed bigint are the first fifteen hex digits of the hash, as the other databases take them"() {
        expect:
        // (v & Long.MAX_VALUE) / 16 + (v < 0 ? 2^59 : 0), the expression above, for the first eight bytes of a hash
        long v = new BigInteger(hex.substring(0, 16), 16).longValue()
        ((v & Long.MAX_VALUE).intdiv(16) + (v < 0 ? 576460752303423488L : 0L)) == Long.parseLong(hex.substring(0, 15), 16)

        where:
        hex << ['900150983cd24fb0d6963f7d28e17f72', '0cc175b9c0f1b6a831c399e269772661', 'ffffffffffffffffffffffffffffffff']
    }
}
