package dev.migrate.ddl

import dev.migrate.dialect.DialectRegistry
import dev.migrate.dialect.NameKind
import dev.migrate.schema.ForeignKeyInfo
import dev.migrate.schema.IndexInfo
import dev.migrate.types.DataType
import dev.migrate.types.TypeKind
import groovy.sql.Sql
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/** The DDL each dialect writes for the same tables: compared with golden files, and executed where an engine is at hand. */
class DdlWriterSpec extends Specification {

    static final TableDefinition PARENT = new TableDefinition('accounts', [
            new ColumnDefinition('id', DataType.of(TypeKind.BIGINT), false, true, null),
            new ColumnDefinition('email', DataType.varchar(200), false, false, null)],
            ['id'], [new IndexInfo('accounts_email_key', ['email'], true)], [])

    static final TableDefinition EVERY_TYPE = new TableDefinition('every_type', [
            new ColumnDefinition('id', DataType.of(TypeKind.INTEGER), false, true, null),
            new ColumnDefinition('account_id', DataType.of(TypeKind.BIGINT), false, false, null),
            new ColumnDefinition('flag', DataType.of(TypeKind.BOOLEAN), false, false, 'TRUE'),
            new ColumnDefinition('small_n', DataType.of(TypeKind.SMALLINT), true, false, '0'),
            new ColumnDefinition('price', DataType.decimal(12, 2), true, false, '4.99'),
            new ColumnDefinition('amount', new DataType(TypeKind.DECIMAL, 0, 0, -1, 'numeric'), true, false, null),
            new ColumnDefinition('real_v', DataType.of(TypeKind.REAL), true, false, null),
            new ColumnDefinition('dbl', DataType.of(TypeKind.DOUBLE), true, false, null),
            new ColumnDefinition('code', new DataType(TypeKind.CHAR, 5, 0, -1, 'char'), true, false, null),
            new ColumnDefinition('name', DataType.varchar(100), true, false, "'unknown'"),
            new ColumnDefinition('huge', DataType.varchar(100_000), true, false, null),
            new ColumnDefinition('body', DataType.of(TypeKind.TEXT), true, false, null),
            new ColumnDefinition('hash', new DataType(TypeKind.BINARY, 16, 0, -1, 'binary'), true, false, null),
            new ColumnDefinition('data', DataType.of(TypeKind.BLOB), true, false, null),
            new ColumnDefinition('day', DataType.of(TypeKind.DATE), true, false, null),
            new ColumnDefinition('at_time', new DataType(TypeKind.TIME, 0, 0, 0, 'time'), true, false, null),
            new ColumnDefinition('created', new DataType(TypeKind.TIMESTAMP, 0, 0, 6, 'timestamp'), false, false, 'CURRENT_TIMESTAMP'),
            new ColumnDefinition('happened', new DataType(TypeKind.TIMESTAMP_TZ, 0, 0, 3, 'timestamptz'), true, false, null),
            new ColumnDefinition('uid', DataType.of(TypeKind.UUID), true, false, null),
            new ColumnDefinition('doc', DataType.of(TypeKind.JSON), true, false, null),
            new ColumnDefinition('rating', DataType.varchar(5), true, false, "'G'", ['G', 'PG', "R'x"])],
            ['id'],
            [new IndexInfo('every_type_day_idx', ['day', 'name'], false), new IndexInfo('every_type_code_key', ['code'], true)],
            [new ForeignKeyInfo('every_type_account_fk', 'every_type', ['account_id'], 'accounts', ['id'])])

    static String ddl(String url, String schema) {
        def writer = new DdlWriter(DialectRegistry.forUrl(url), schema)
        List<String> names = []
        def statements = [writer.createTable(PARENT), writer.createTable(EVERY_TYPE)] +
                writer.afterLoad(PARENT, names) + writer.afterLoad(EVERY_TYPE, names) +
                [writer.addColumn('every_type', new ColumnDefinition('added', DataType.decimal(6, 2), false, false, '1'))]
        statements.join(';\n\n') + ';\n'
    }

    def "#dialect writes the DDL of its golden file"() {
        given:
        Path golden = Path.of("src/test/resources/ddl/${dialect}.sql")
        String actual = ddl(url, schema)
        if (System.getProperty('migrate.golden.write')) {
            Files.writeString(golden, actual)
        }

        expect:
        actual == Files.readString(golden)

        where:
        dialect      | url                              | schema
        'postgresql' | 'jdbc:postgresql://h/db'         | 'public'
        'mysql'      | 'jdbc:mysql://h/db'              | null
        'h2'         | 'jdbc:h2:mem:x'                  | 'PUBLIC'
        'sqlite'     | 'jdbc:sqlite:x.db'               | null
        'oracle'     | 'jdbc:oracle:thin:@//h:1521/XE'  | 'SHOP'
        'sqlserver'  | 'jdbc:sqlserver://h;databaseName=x' | 'dbo'
    }

    private static int columnCount(Sql sql, String dialect) {
        dialect == 'sqlite' ? sql.rows("PRAGMA table_info('every_type')").size()
                : sql.firstRow("SELECT COUNT(*) AS n FROM INFORMATION_SCHEMA.COLUMNS WHERE UPPER(TABLE_NAME) = 'EVERY_TYPE'").n
    }

    def "the #dialect DDL runs on #engine"() {
        given:
        Sql sql = Sql.newInstance(engineUrl, 'sa', '')
        if (prepare) {
            sql.execute(prepare)
        }

        when:
        // H2 has no DATETIMEOFFSET; everything else runs as SQL Server would take it
        ddl(url, schema).replace('datetimeoffset(3)', 'timestamp(3) with time zone')
                .split(';\n').findAll { it.trim() }.each { sql.execute(it) }

        then:
        columnCount(sql, dialect) == 22

        cleanup:
        sql?.close()

        where:
        dialect     | engine                          | url                                  | schema | engineUrl                                                              | prepare
        'h2'        | 'H2'                            | 'jdbc:h2:mem:x'                      | null   | "jdbc:h2:mem:ddl_h2_${UUID.randomUUID()}"                              | null
        'sqlite'    | 'SQLite'                        | 'jdbc:sqlite:x.db'                   | null   | 'jdbc:sqlite::memory:'                                                 | null
        'oracle'    | "H2's Oracle mode"              | 'jdbc:oracle:thin:@//h:1521/XE'      | 'SHOP' | "jdbc:h2:mem:ddl_ora_${UUID.randomUUID()};MODE=Oracle"                 | 'CREATE SCHEMA "SHOP"'
        'sqlserver' | "H2's SQL Server mode"          | 'jdbc:sqlserver://h;databaseName=x'  | 'dbo'  | "jdbc:h2:mem:ddl_mss_${UUID.randomUUID()};MODE=MSSQLServer"            | 'CREATE SCHEMA "dbo"'
    }

    /** The names of the indexes and constraints in {@code statements}, in order. */
    private static List<String> madeNames(List<String> statements) {
        statements.collect { (it =~ /(?:INDEX|CONSTRAINT) ["`](.+?)["`] /)[0][1] }
    }

    def "names the writer makes for #database fit its limit, counted as it counts, and stay apart"() {
        given:
        def dialect = DialectRegistry.forUrl(url)
        def writer = new DdlWriter(dialect, null)
        def table = new TableDefinition(name, [new ColumnDefinition('id', DataType.of(TypeKind.INTEGER), false, false, null),
                                               new ColumnDefinition('a', DataType.of(TypeKind.INTEGER), true, false, null),
                                               new ColumnDefinition('b', DataType.of(TypeKind.INTEGER), true, false, null)],
                ['id'], [new IndexInfo(name + '_fk_a', ['a'], false), new IndexInfo(name + '_fk_b', ['b'], false), new IndexInfo('by_mood😀', ['a'], false)],
                [new ForeignKeyInfo(name + '_fk_a', name, ['a'], 'parent', ['id']), new ForeignKeyInfo(null, name, ['b'], 'parent', ['id'])])

        when:
        List<String> names = madeNames(writer.afterLoad(table, []))

        then:
        names == expected
        names.every { dialect.nameProblem(NameKind.INDEX, it).isEmpty() }
        names*.toLowerCase().unique().size() == names.size()

        where:
        database     | url                     | name     || expected
        'PostgreSQL' | 'jdbc:postgresql://h/d' | 'é' * 30 || ['é' * 27 + '_3481366', 'é' * 27 + '_3481367', 'by_mood😀',
                                                               'é' * 27 + '_afcbb87', 'fk_' + 'é' * 26 + '_e4624fd']
        'MySQL'      | 'jdbc:mysql://h/d'      | 'é' * 60 || ['é' * 56 + '_fce3a86', 'é' * 56 + '_fce3a87', 'by_mood_d7c1782',
                                                               'é' * 56 + '_5f7dfc7', 'fk_' + 'é' * 53 + '_f8cb05d']
        'H2'         | 'jdbc:h2:mem:x'         | 'é' * 60 || ['é' * 60 + '_fk_a', 'é' * 60 + '_fk_b', 'by_mood😀',
                                                               'é' * 60 + '_' + 'é' * 60 + '_fk_a', 'fk_' + 'é' * 60 + '_b']
    }

    def "an index SQLite made for itself gets a name SQLite lets the writer use"() {
        given:
        def writer = new DdlWriter(DialectRegistry.forUrl('jdbc:sqlite::memory:'), null)
        def table = new TableDefinition('t', [new ColumnDefinition('email', DataType.varchar(100), true, false, null)], [],
                [new IndexInfo('sqlite_autoindex_t_1', ['email'], true)], [])

        expect:
        writer.afterLoad(table, []) == ['CREATE UNIQUE INDEX "autoindex_t_1_b49a277" ON "t" ("email")']
    }
}
