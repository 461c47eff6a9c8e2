package dev.migrate.types

import java.sql.Types

import dev.migrate.dialect.Dialect
import dev.migrate.dialect.DialectRegistry
import dev.migrate.schema.ColumnInfo
import dev.migrate.transfer.ValueKind
import spock.lang.Specification

/** Each database's types table is the one place its type names are read: for the values and for the DDL alike. */
class DialectTypesSpec extends Specification {

    static Dialect dialect(String name) {
        DialectRegistry.all().find { it.getClass().packageName.endsWith('.' + name) }
    }

    def "a #dialect column of type #typeName (#declared) holds #valueKind values and is a #typeKind column"() {
        given:
        def column = new ColumnInfo('c', jdbcType, typeName, size, scale, true, false, false, null, declared)

        expect:
        dialect(dialect).kindOf(column) == valueKind
        dialect(dialect).dataType(column).kind() == typeKind

        where:
        dialect      | typeName                            | declared                | jdbcType                     | size       | scale || valueKind              | typeKind
        'postgresql' | 'bool'                              | null                    | Types.BIT                    | 1          | 0    || ValueKind.BOOLEAN      | TypeKind.BOOLEAN
        'postgresql' | 'int2'                              | null                    | Types.SMALLINT               | 5          | 0    || ValueKind.INTEGER      | TypeKind.SMALLINT
        'postgresql' | 'int4'                              | null                    | Types.INTEGER                | 10         | 0    || ValueKind.INTEGER      | TypeKind.INTEGER
        'postgresql' | 'serial'                            | null                    | Types.INTEGER                | 10         | 0    || ValueKind.INTEGER      | TypeKind.INTEGER
        'postgresql' | 'int8'                              | null                    | Types.BIGINT                 | 19         | 0    || ValueKind.BIGINT       | TypeKind.BIGINT
        'postgresql' | 'numeric'                           | null                    | Types.NUMERIC                | 12         | 2    || ValueKind.DECIMAL      | TypeKind.DECIMAL
        'postgresql' | 'money'                             | null                    | Types.DOUBLE                 | 0          | 0    || ValueKind.TEXT         | TypeKind.DECIMAL
        'postgresql' | 'float4'                            | null                    | Types.REAL                   | 8          | 8    || ValueKind.REAL         | TypeKind.REAL
        'postgresql' | 'float8'                            | null                    | Types.DOUBLE                 | 17         | 17   || ValueKind.DOUBLE       | TypeKind.DOUBLE
        'postgresql' | 'bpchar'                            | null                    | Types.CHAR                   | 3          | 0    || ValueKind.TEXT         | TypeKind.CHAR
        'postgresql' | 'varchar'                           | null                    | Types.VARCHAR                | 40         | 0    || ValueKind.TEXT         | TypeKind.VARCHAR
        'postgresql' | 'text'                              | null                    | Types.VARCHAR                | 2147483647 | 0    || ValueKind.TEXT         | TypeKind.TEXT
        'postgresql' | 'citext'                            | null                    | Types.VARCHAR                | 2147483647 | 0    || ValueKind.TEXT         | TypeKind.TEXT
        'postgresql' | 'name'                              | null                    | Types.VARCHAR                | 63         | 0    || ValueKind.TEXT         | TypeKind.VARCHAR
        'postgresql' | 'bytea'                             | null                    | Types.BINARY                 | 2147483647 | 0    || ValueKind.BINARY       | TypeKind.BLOB
        'postgresql' | 'date'                              | null                    | Types.DATE                   | 13         | 0    || ValueKind.DATE         | TypeKind.DATE
        'postgresql' | 'time'                              | null                    | Types.TIME                   | 15         | 6    || ValueKind.TIME         | TypeKind.TIME
        'postgresql' | 'timetz'                            | null                    | Types.TIME                   | 21         | 6    || ValueKind.TIME         | TypeKind.TIME
        'postgresql' | 'timestamp'                         | null                    | Types.TIMESTAMP              | 29         | 6    || ValueKind.TIMESTAMP    | TypeKind.TIMESTAMP
        'postgresql' | 'timestamptz'                       | null                    | Types.TIMESTAMP              | 35         | 6    || ValueKind.TIMESTAMP_TZ | TypeKind.TIMESTAMP_TZ
        'postgresql' | 'uuid'                              | null                    | Types.OTHER                  | 2147483647 | 0    || ValueKind.UUID         | TypeKind.UUID
        'postgresql' | 'json'                              | null                    | Types.OTHER                  | 2147483647 | 0    || ValueKind.JSON         | TypeKind.JSON
        'postgresql' | 'jsonb'                             | null                    | Types.OTHER                  | 2147483647 | 0    || ValueKind.JSON         | TypeKind.JSON
        'postgresql' | 'xml'                               | null                    | Types.SQLXML                 | 2147483647 | 0    || ValueKind.TEXT         | TypeKind.TEXT
        'postgresql' | '_int4'                             | null                    | Types.ARRAY                  | 10         | 0    || ValueKind.OTHER        | TypeKind.OTHER
        'postgresql' | 'inet'                              | null                    | Types.OTHER                  | 2147483647 | 0    || ValueKind.OTHER        | TypeKind.OTHER
        'postgresql' | 'interval'                          | null                    | Types.OTHER                  | 49         | 6    || ValueKind.OTHER        | TypeKind.OTHER
        'mysql'      | 'BIT'                               | 'tinyint(1)'            | Types.BIT                    | 1          | 0    || ValueKind.INTEGER      | TypeKind.BOOLEAN
        'mysql'      | 'TINYINT'                           | 'tinyint(1)'            | Types.TINYINT                | 3          | 0    || ValueKind.INTEGER      | TypeKind.BOOLEAN
        'mysql'      | 'BIT'                               | 'bit(1)'                | Types.BIT                    | 1          | 0    || ValueKind.BOOLEAN      | TypeKind.BOOLEAN
        'mysql'      | 'BIT'                               | 'bit(8)'                | Types.BIT                    | 8          | 0    || ValueKind.BINARY       | TypeKind.VARBINARY
        'mysql'      | 'BIT'                               | null                    | Types.BIT                    | 1          | 0    || ValueKind.BOOLEAN      | TypeKind.BOOLEAN
        'mysql'      | 'TINYINT'                           | 'tinyint(4)'            | Types.TINYINT                | 3          | 0    || ValueKind.INTEGER      | TypeKind.SMALLINT
        'mysql'      | 'TINYINT UNSIGNED'                  | 'tinyint(3) unsigned'   | Types.TINYINT                | 3          | 0    || ValueKind.INTEGER      | TypeKind.SMALLINT
        'mysql'      | 'SMALLINT'                          | 'smallint(6)'           | Types.SMALLINT               | 5          | 0    || ValueKind.INTEGER      | TypeKind.SMALLINT
        'mysql'      | 'SMALLINT UNSIGNED'                 | 'smallint(5) unsigned'  | Types.SMALLINT               | 5          | 0    || ValueKind.INTEGER      | TypeKind.INTEGER
        'mysql'      | 'MEDIUMINT'                         | 'mediumint(9)'          | Types.INTEGER                | 7          | 0    || ValueKind.INTEGER      | TypeKind.INTEGER
        'mysql'      | 'MEDIUMINT UNSIGNED'                | 'mediumint(8) unsigned' | Types.INTEGER                | 8          | 0    || ValueKind.INTEGER      | TypeKind.INTEGER
        'mysql'      | 'INT'                               | 'int(11)'               | Types.INTEGER                | 10         | 0    || ValueKind.INTEGER      | TypeKind.INTEGER
        'mysql'      | 'INT UNSIGNED'                      | 'int(10) unsigned'      | Types.INTEGER                | 10         | 0    || ValueKind.BIGINT       | TypeKind.BIGINT
        'mysql'      | 'BIGINT'                            | 'bigint(20)'            | Types.BIGINT                 | 19         | 0    || ValueKind.BIGINT       | TypeKind.BIGINT
        'mysql'      | 'BIGINT UNSIGNED'                   | 'bigint(20) unsigned'   | Types.BIGINT                 | 20         | 0    || ValueKind.DECIMAL      | TypeKind.DECIMAL
        'mysql'      | 'DECIMAL'                           | 'decimal(10,2)'         | Types.DECIMAL                | 10         | 2    || ValueKind.DECIMAL      | TypeKind.DECIMAL
        'mysql'      | 'FLOAT'                             | 'float'                 | Types.REAL                   | 12         | 0    || ValueKind.REAL         | TypeKind.REAL
        'mysql'      | 'DOUBLE'                            | 'double'                | Types.DOUBLE                 | 22         | 0    || ValueKind.DOUBLE       | TypeKind.DOUBLE
        'mysql'      | 'CHAR'                              | 'char(3)'               | Types.CHAR                   | 3          | 0    || ValueKind.TEXT         | TypeKind.CHAR
        'mysql'      | 'VARCHAR'                           | 'varchar(40)'           | Types.VARCHAR                | 40         | 0    || ValueKind.TEXT         | TypeKind.VARCHAR
        'mysql'      | 'ENUM'                              | "enum('a','b')"         | Types.CHAR                   | 1          | 0    || ValueKind.TEXT         | TypeKind.VARCHAR
        'mysql'      | 'SET'                               | "set('a','b')"          | Types.CHAR                   | 3          | 0    || ValueKind.TEXT         | TypeKind.VARCHAR
        'mysql'      | 'TINYTEXT'                          | 'tinytext'              | Types.VARCHAR                | 255        | 0    || ValueKind.TEXT         | TypeKind.TEXT
        'mysql'      | 'TEXT'                              | 'text'                  | Types.LONGVARCHAR            | 65535      | 0    || ValueKind.TEXT         | TypeKind.TEXT
        'mysql'      | 'MEDIUMTEXT'                        | 'mediumtext'            | Types.LONGVARCHAR            | 16777215   | 0    || ValueKind.TEXT         | TypeKind.TEXT
        'mysql'      | 'LONGTEXT'                          | 'longtext'              | Types.LONGVARCHAR            | 2147483647 | 0    || ValueKind.TEXT         | TypeKind.TEXT
        'mysql'      | 'BINARY'                            | 'binary(16)'            | Types.BINARY                 | 16         | 0    || ValueKind.BINARY       | TypeKind.BINARY
        'mysql'      | 'VARBINARY'                         | 'varbinary(64)'         | Types.VARBINARY              | 64         | 0    || ValueKind.BINARY       | TypeKind.VARBINARY
        'mysql'      | 'TINYBLOB'                          | 'tinyblob'              | Types.VARBINARY              | 255        | 0    || ValueKind.BINARY       | TypeKind.BLOB
        'mysql'      | 'BLOB'                              | 'blob'                  | Types.LONGVARBINARY          | 65535      | 0    || ValueKind.BINARY       | TypeKind.BLOB
        'mysql'      | 'MEDIUMBLOB'                        | 'mediumblob'            | Types.LONGVARBINARY          | 16777215   | 0    || ValueKind.BINARY       | TypeKind.BLOB
        'mysql'      | 'LONGBLOB'                          | 'longblob'              | Types.LONGVARBINARY          | 2147483647 | 0    || ValueKind.BINARY       | TypeKind.BLOB
        'mysql'      | 'DATE'                              | 'date'                  | Types.DATE                   | 10         | 0    || ValueKind.DATE         | TypeKind.DATE
        'mysql'      | 'TIME'                              | 'time'                  | Types.TIME                   | 10         | 0    || ValueKind.TIME         | TypeKind.TIME
        'mysql'      | 'DATETIME'                          | 'datetime(6)'           | Types.TIMESTAMP              | 26         | 0    || ValueKind.TIMESTAMP    | TypeKind.TIMESTAMP
        'mysql'      | 'TIMESTAMP'                         | 'timestamp'             | Types.TIMESTAMP              | 19         | 0    || ValueKind.TIMESTAMP_TZ | TypeKind.TIMESTAMP_TZ
        'mysql'      | 'YEAR'                              | 'year(4)'               | Types.DATE                   | 4          | 0    || ValueKind.INTEGER      | TypeKind.SMALLINT
        'mysql'      | 'JSON'                              | 'json'                  | Types.LONGVARCHAR            | 2147483647 | 0    || ValueKind.JSON         | TypeKind.JSON
        'mysql'      | 'GEOMETRY'                          | 'geometry'              | Types.BINARY                 | 65535      | 0    || ValueKind.BINARY       | TypeKind.BLOB
        'mysql'      | 'POINT'                             | 'point'                 | Types.BINARY                 | 65535      | 0    || ValueKind.BINARY       | TypeKind.BINARY
        'oracle'     | 'NUMBER'                            | null                    | Types.NUMERIC                | 5          | 0    || ValueKind.INTEGER      | TypeKind.INTEGER
        'oracle'     | 'NUMBER'                            | null                    | Types.NUMERIC                | 12         | 0    || ValueKind.BIGINT       | TypeKind.BIGINT
        'oracle'     | 'NUMBER'                            | null                    | Types.NUMERIC                | 20         | 0    || ValueKind.DECIMAL      | TypeKind.DECIMAL
        'oracle'     | 'NUMBER'                            | null                    | Types.NUMERIC                | 10         | 2    || ValueKind.DECIMAL      | TypeKind.DECIMAL
        'oracle'     | 'NUMBER'                            | null                    | Types.NUMERIC                | 0          | -127 || ValueKind.DECIMAL      | TypeKind.DECIMAL
        'oracle'     | 'FLOAT'                             | null                    | Types.FLOAT                  | 126        | 0    || ValueKind.DOUBLE       | TypeKind.DOUBLE
        'oracle'     | 'BINARY_FLOAT'                      | null                    | 100                          | 4          | 0    || ValueKind.REAL         | TypeKind.REAL
        'oracle'     | 'BINARY_DOUBLE'                     | null                    | 101                          | 8          | 0    || ValueKind.DOUBLE       | TypeKind.DOUBLE
        'oracle'     | 'CHAR'                              | null                    | Types.CHAR                   | 3          | 0    || ValueKind.TEXT         | TypeKind.CHAR
        'oracle'     | 'NCHAR'                             | null                    | Types.NCHAR                  | 3          | 0    || ValueKind.TEXT         | TypeKind.CHAR
        'oracle'     | 'VARCHAR2'                          | null                    | Types.VARCHAR                | 40         | 0    || ValueKind.TEXT         | TypeKind.VARCHAR
        'oracle'     | 'NVARCHAR2'                         | null                    | Types.NVARCHAR               | 40         | 0    || ValueKind.TEXT         | TypeKind.VARCHAR
        'oracle'     | 'CLOB'                              | null                    | Types.CLOB                   | 4000       | 0    || ValueKind.TEXT         | TypeKind.TEXT
        'oracle'     | 'NCLOB'                             | null                    | Types.NCLOB                  | 4000       | 0    || ValueKind.TEXT         | TypeKind.TEXT
        'oracle'     | 'LONG'                              | null                    | Types.LONGVARCHAR            | 0          | 0    || ValueKind.TEXT         | TypeKind.TEXT
        'oracle'     | 'RAW'                               | null                    | Types.VARBINARY              | 16         | 0    || ValueKind.BINARY       | TypeKind.VARBINARY
        'oracle'     | 'LONG RAW'                          | null                    | Types.LONGVARBINARY          | 0          | 0    || ValueKind.BINARY       | TypeKind.BLOB
        'oracle'     | 'BLOB'                              | null                    | Types.BLOB                   | 4000       | 0    || ValueKind.BINARY       | TypeKind.BLOB
        'oracle'     | 'DATE'                              | null                    | Types.TIMESTAMP              | 7          | 0    || ValueKind.TIMESTAMP    | TypeKind.TIMESTAMP
        'oracle'     | 'TIMESTAMP(6)'                      | null                    | Types.TIMESTAMP              | 11         | 6    || ValueKind.TIMESTAMP    | TypeKind.TIMESTAMP
        'oracle'     | 'TIMESTAMP'                         | null                    | Types.TIMESTAMP              | 11         | 6    || ValueKind.TIMESTAMP    | TypeKind.TIMESTAMP
        'oracle'     | 'TIMESTAMP(6) WITH TIME ZONE'       | null                    | -101                         | 13         | 6    || ValueKind.TIMESTAMP_TZ | TypeKind.TIMESTAMP_TZ
        'oracle'     | 'TIMESTAMP(6) WITH LOCAL TIME ZONE' | null                    | -102                         | 11         | 6    || ValueKind.TIMESTAMP_TZ | TypeKind.TIMESTAMP_TZ
        'oracle'     | 'BOOLEAN'                           | null                    | Types.BOOLEAN                | 1          | 0    || ValueKind.BOOLEAN      | TypeKind.BOOLEAN
        'sqlserver'  | 'bit'                               | null                    | Types.BIT                    | 1          | 0    || ValueKind.BOOLEAN      | TypeKind.BOOLEAN
        'sqlserver'  | 'tinyint'                           | null                    | Types.TINYINT                | 3          | 0    || ValueKind.INTEGER      | TypeKind.SMALLINT
        'sqlserver'  | 'smallint'                          | null                    | Types.SMALLINT               | 5          | 0    || ValueKind.INTEGER      | TypeKind.SMALLINT
        'sqlserver'  | 'int'                               | null                    | Types.INTEGER                | 10         | 0    || ValueKind.INTEGER      | TypeKind.INTEGER
        'sqlserver'  | 'int identity'                      | null                    | Types.INTEGER                | 10         | 0    || ValueKind.INTEGER      | TypeKind.INTEGER
        'sqlserver'  | 'bigint'                            | null                    | Types.BIGINT                 | 19         | 0    || ValueKind.BIGINT       | TypeKind.BIGINT
        'sqlserver'  | 'decimal'                           | null                    | Types.DECIMAL                | 12         | 2    || ValueKind.DECIMAL      | TypeKind.DECIMAL
        'sqlserver'  | 'numeric'                           | null                    | Types.NUMERIC                | 12         | 2    || ValueKind.DECIMAL      | TypeKind.DECIMAL
        'sqlserver'  | 'money'                             | null                    | Types.DECIMAL                | 19         | 4    || ValueKind.DECIMAL      | TypeKind.DECIMAL
        'sqlserver'  | 'smallmoney'                        | null                    | Types.DECIMAL                | 10         | 4    || ValueKind.DECIMAL      | TypeKind.DECIMAL
        'sqlserver'  | 'real'                              | null                    | Types.REAL                   | 24         | 0    || ValueKind.REAL         | TypeKind.REAL
        'sqlserver'  | 'float'                             | null                    | Types.DOUBLE                 | 53         | 0    || ValueKind.DOUBLE       | TypeKind.DOUBLE
        'sqlserver'  | 'char'                              | null                    | Types.CHAR                   | 3          | 0    || ValueKind.TEXT         | TypeKind.CHAR
        'sqlserver'  | 'nchar'                             | null                    | Types.NCHAR                  | 3          | 0    || ValueKind.TEXT         | TypeKind.CHAR
        'sqlserver'  | 'varchar'                           | null                    | Types.VARCHAR                | 40         | 0    || ValueKind.TEXT         | TypeKind.VARCHAR
        'sqlserver'  | 'nvarchar'                          | null                    | Types.NVARCHAR               | 40         | 0    || ValueKind.TEXT         | TypeKind.VARCHAR
        'sqlserver'  | 'text'                              | null                    | Types.LONGVARCHAR            | 2147483647 | 0    || ValueKind.TEXT         | TypeKind.TEXT
        'sqlserver'  | 'ntext'                             | null                    | Types.LONGNVARCHAR           | 1073741823 | 0    || ValueKind.TEXT         | TypeKind.TEXT
        'sqlserver'  | 'binary'                            | null                    | Types.BINARY                 | 16         | 0    || ValueKind.BINARY       | TypeKind.BINARY
        'sqlserver'  | 'varbinary'                         | null                    | Types.VARBINARY              | 64         | 0    || ValueKind.BINARY       | TypeKind.VARBINARY
        'sqlserver'  | 'image'                             | null                    | Types.LONGVARBINARY          | 2147483647 | 0    || ValueKind.BINARY       | TypeKind.BLOB
        'sqlserver'  | 'date'                              | null                    | Types.DATE                   | 10         | 0    || ValueKind.DATE         | TypeKind.DATE
        'sqlserver'  | 'time'                              | null                    | Types.TIME                   | 16         | 7    || ValueKind.TIME         | TypeKind.TIME
        'sqlserver'  | 'datetime'                          | null                    | Types.TIMESTAMP              | 23         | 3    || ValueKind.TIMESTAMP    | TypeKind.TIMESTAMP
        'sqlserver'  | 'datetime2'                         | null                    | Types.TIMESTAMP              | 27         | 7    || ValueKind.TIMESTAMP    | TypeKind.TIMESTAMP
        'sqlserver'  | 'smalldatetime'                     | null                    | Types.TIMESTAMP              | 16         | 0    || ValueKind.TIMESTAMP    | TypeKind.TIMESTAMP
        'sqlserver'  | 'datetimeoffset'                    | null                    | -155                         | 34         | 7    || ValueKind.TIMESTAMP_TZ | TypeKind.TIMESTAMP_TZ
        'sqlserver'  | 'uniqueidentifier'                  | null                    | Types.CHAR                   | 36         | 0    || ValueKind.UUID         | TypeKind.UUID
        'sqlserver'  | 'xml'                               | null                    | Types.LONGNVARCHAR           | 1073741823 | 0    || ValueKind.TEXT         | TypeKind.TEXT
        'h2'         | 'BOOLEAN'                           | null                    | Types.BOOLEAN                | 1          | 0    || ValueKind.BOOLEAN      | TypeKind.BOOLEAN
        'h2'         | 'TINYINT'                           | null                    | Types.TINYINT                | 8          | 0    || ValueKind.INTEGER      | TypeKind.SMALLINT
        'h2'         | 'SMALLINT'                          | null                    | Types.SMALLINT               | 16         | 0    || ValueKind.INTEGER      | TypeKind.SMALLINT
        'h2'         | 'INTEGER'                           | null                    | Types.INTEGER                | 32         | 0    || ValueKind.INTEGER      | TypeKind.INTEGER
        'h2'         | 'BIGINT'                            | null                    | Types.BIGINT                 | 64         | 0    || ValueKind.BIGINT       | TypeKind.BIGINT
        'h2'         | 'NUMERIC'                           | null                    | Types.NUMERIC                | 12         | 2    || ValueKind.DECIMAL      | TypeKind.DECIMAL
        'h2'         | 'DECIMAL'                           | null                    | Types.DECIMAL                | 12         | 2    || ValueKind.DECIMAL      | TypeKind.DECIMAL
        'h2'         | 'REAL'                              | null                    | Types.REAL                   | 24         | 0    || ValueKind.REAL         | TypeKind.REAL
        'h2'         | 'DOUBLE PRECISION'                  | null                    | Types.DOUBLE                 | 53         | 0    || ValueKind.DOUBLE       | TypeKind.DOUBLE
        'h2'         | 'CHARACTER'                         | null                    | Types.CHAR                   | 3          | 0    || ValueKind.TEXT         | TypeKind.CHAR
        'h2'         | 'CHARACTER VARYING'                 | null                    | Types.VARCHAR                | 40         | 0    || ValueKind.TEXT         | TypeKind.VARCHAR
        'h2'         | 'CHARACTER LARGE OBJECT'            | null                    | Types.CLOB                   | 2147483647 | 0    || ValueKind.TEXT         | TypeKind.TEXT
        'h2'         | 'BINARY'                            | null                    | Types.BINARY                 | 16         | 0    || ValueKind.BINARY       | TypeKind.BINARY
        'h2'         | 'BINARY VARYING'                    | null                    | Types.VARBINARY              | 64         | 0    || ValueKind.BINARY       | TypeKind.VARBINARY
        'h2'         | 'BINARY LARGE OBJECT'               | null                    | Types.BLOB                   | 2147483647 | 0    || ValueKind.BINARY       | TypeKind.BLOB
        'h2'         | 'DATE'                              | null                    | Types.DATE                   | 10         | 0    || ValueKind.DATE         | TypeKind.DATE
        'h2'         | 'TIME'                              | null                    | Types.TIME                   | 8          | 0    || ValueKind.TIME         | TypeKind.TIME
        'h2'         | 'TIMESTAMP'                         | null                    | Types.TIMESTAMP              | 26         | 6    || ValueKind.TIMESTAMP    | TypeKind.TIMESTAMP
        'h2'         | 'TIMESTAMP WITH TIME ZONE'          | null                    | Types.TIMESTAMP_WITH_TIMEZONE | 32         | 6    || ValueKind.TIMESTAMP_TZ | TypeKind.TIMESTAMP_TZ
        'h2'         | 'UUID'                              | null                    | Types.BINARY                 | 16         | 0    || ValueKind.UUID         | TypeKind.UUID
        'h2'         | 'JSON'                              | null                    | Types.OTHER                  | 1048576    | 0    || ValueKind.JSON         | TypeKind.JSON
        'h2'         | 'ENUM'                              | null                    | Types.OTHER                  | 5          | 0    || ValueKind.OTHER        | TypeKind.OTHER
        'sqlite'     | 'INTEGER'                           | null                    | Types.INTEGER                | 2000000000 | 10   || ValueKind.BIGINT       | TypeKind.BIGINT
        'sqlite'     | 'INT'                               | null                    | Types.INTEGER                | 2000000000 | 10   || ValueKind.BIGINT       | TypeKind.BIGINT
        'sqlite'     | 'TINYINT'                           | null                    | Types.INTEGER                | 2000000000 | 10   || ValueKind.BIGINT       | TypeKind.SMALLINT
        'sqlite'     | 'SMALLINT'                          | null                    | Types.INTEGER                | 2000000000 | 10   || ValueKind.BIGINT       | TypeKind.SMALLINT
        'sqlite'     | 'BIGINT'                            | null                    | Types.INTEGER                | 2000000000 | 10   || ValueKind.BIGINT       | TypeKind.BIGINT
        'sqlite'     | 'UNSIGNED BIG INT'                  | null                    | Types.INTEGER                | 2000000000 | 10   || ValueKind.BIGINT       | TypeKind.INTEGER
        'sqlite'     | 'BOOLEAN'                           | null                    | Types.INTEGER                | 2000000000 | 10   || ValueKind.BOOLEAN      | TypeKind.BOOLEAN
        'sqlite'     | 'BOOL'                              | null                    | Types.INTEGER                | 2000000000 | 10   || ValueKind.BOOLEAN      | TypeKind.BOOLEAN
        'sqlite'     | 'TEXT'                              | null                    | Types.VARCHAR                | 2000000000 | 10   || ValueKind.TEXT         | TypeKind.TEXT
        'sqlite'     | 'VARCHAR'                           | null                    | Types.VARCHAR                | 40         | 10   || ValueKind.TEXT         | TypeKind.VARCHAR
        'sqlite'     | 'VARCHAR(40)'                       | null                    | Types.VARCHAR                | 40         | 10   || ValueKind.TEXT         | TypeKind.VARCHAR
        'sqlite'     | 'NATIVE CHARACTER'                  | null                    | Types.VARCHAR                | 70         | 10   || ValueKind.TEXT         | TypeKind.VARCHAR
        'sqlite'     | 'CHAR'                              | null                    | Types.VARCHAR                | 3          | 10   || ValueKind.TEXT         | TypeKind.CHAR
        'sqlite'     | 'CLOB'                              | null                    | Types.VARCHAR                | 2000000000 | 10   || ValueKind.TEXT         | TypeKind.TEXT
        'sqlite'     | 'BLOB'                              | null                    | Types.BLOB                   | 2000000000 | 10   || ValueKind.BINARY       | TypeKind.BLOB
        'sqlite'     | ''                                  | null                    | Types.VARCHAR                | 2000000000 | 10   || ValueKind.BINARY       | TypeKind.VARCHAR
        'sqlite'     | 'REAL'                              | null                    | Types.REAL                   | 2000000000 | 10   || ValueKind.DOUBLE       | TypeKind.DOUBLE
        'sqlite'     | 'FLOAT'                             | null                    | Types.FLOAT                  | 2000000000 | 10   || ValueKind.DOUBLE       | TypeKind.DOUBLE
        'sqlite'     | 'DOUBLE'                            | null                    | Types.DOUBLE                 | 2000000000 | 10   || ValueKind.DOUBLE       | TypeKind.DOUBLE
        'sqlite'     | 'DOUBLE PRECISION'                  | null                    | Types.DOUBLE                 | 2000000000 | 10   || ValueKind.DOUBLE       | TypeKind.DOUBLE
        'sqlite'     | 'NUMERIC'                           | null                    | Types.NUMERIC                | 2000000000 | 10   || ValueKind.DECIMAL      | TypeKind.DECIMAL
        'sqlite'     | 'DECIMAL(10,2)'                     | null                    | Types.NUMERIC                | 10         | 2    || ValueKind.DECIMAL      | TypeKind.DECIMAL
        'sqlite'     | 'DATE'                              | null                    | Types.DATE                   | 2000000000 | 10   || ValueKind.DATE         | TypeKind.DATE
        'sqlite'     | 'DATETIME'                          | null                    | Types.VARCHAR                | 2000000000 | 10   || ValueKind.TIMESTAMP    | TypeKind.TIMESTAMP
        'sqlite'     | 'TIMESTAMP'                         | null                    | Types.VARCHAR                | 2000000000 | 10   || ValueKind.TIMESTAMP    | TypeKind.TIMESTAMP
    }

    def "values are read as their type's kind except where a value line of the table says otherwise"() {
        when:
        def differing = TypeMatrix.COLUMNS.findResults { r ->
            def d = dialect(r[0])
            def column = new ColumnInfo('c', r[3], r[1], r[4], r[5], true, false, false, null, r[2])
            d.kindOf(column) == d.dataType(column).kind().valueKind() ? null : "${r[0]} ${r[2] ?: r[1]}: ${d.kindOf(column)}".toString()
        }

        then:
        differing == ['postgresql money: TEXT', 'mysql tinyint(1): INTEGER', 'mysql tinyint(1): INTEGER',
                      'sqlite TINYINT: BIGINT', 'sqlite SMALLINT: BIGINT', 'sqlite UNSIGNED BIG INT: BIGINT', 'sqlite : BINARY']
    }

    def "PostgreSQL's COPY type lists come from its types table"() {
        expect:
        dialect('postgresql').types().names('copy.text').containsAll(['bool', 'int4', 'timestamptz', 'jsonb'])
        !dialect('postgresql').types().names('copy.text').contains('timetz')
        dialect('postgresql').types().names('copy.binary').containsAll(['double precision', 'inet', 'cidr'])
        !dialect('postgresql').types().names('copy.binary').contains('_int4')
    }
}
