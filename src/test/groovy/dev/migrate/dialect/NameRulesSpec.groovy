package dev.migrate.dialect

import spock.lang.Specification

/** What names each database holds, as tried on MariaDB 10.11, PostgreSQL 15, H2 2.3 and SQLite 3.50, and as documented for the others. */
class NameRulesSpec extends Specification {

    static Dialect dialect(String url) {
        DialectRegistry.forUrl(url)
    }

    def "#database refuses #description"() {
        expect:
        dialect(url).nameProblem(kind, name) == Optional.of(problem)

        where:
        database     | url                    | kind                | description                     | name                  || problem
        'MariaDB'    | 'jdbc:mariadb://h/d'   | NameKind.TABLE      | '65 characters'                 | 't' * 65              || 'name of 65 characters; MySQL holds at most 64'
        'MariaDB'    | 'jdbc:mysql://h/d'     | NameKind.COLUMN     | 'a column of 65 characters'     | 'c' * 65              || 'name of 65 characters; MySQL holds at most 64'
        'MariaDB'    | 'jdbc:mysql://h/d'     | NameKind.INDEX      | 'an index of 65 characters'     | 'i' * 65              || 'name of 65 characters; MySQL holds at most 64'
        'MariaDB'    | 'jdbc:mysql://h/d'     | NameKind.COLUMN     | 'an emoji'                      | 'mood😀'              || 'name with 😀 (U+1F600), outside the Basic Multilingual Plane, which MySQL does not allow'
        'MariaDB'    | 'jdbc:mysql://h/d'     | NameKind.COLUMN     | 'a trailing space'              | 'name '               || 'name ending in a space, which MySQL does not allow'
        'MariaDB'    | 'jdbc:mysql://h/d'     | NameKind.TABLE      | 'a trailing tab'                | 'name\t'              || 'name ending in U+0009, which MySQL does not allow'
        'MariaDB'    | 'jdbc:mysql://h/d'     | NameKind.COLUMN     | 'NUL'                           | 'a\u0000b'            || 'name with NUL (U+0000), which MySQL does not allow'
        'MariaDB'    | 'jdbc:mysql://h/d'     | NameKind.TABLE      | 'an empty name'                 | ''                    || 'empty name, which MySQL does not allow'
        'MariaDB'    | 'jdbc:mysql://h/d'     | NameKind.TABLE      | 'a table whose file name is too long' | '中' * 51       || 'name of 255 bytes as a file name (each character but A-Z, a-z, 0-9 and _ takes 3 or 5); MySQL holds at most 251'
        'MariaDB'    | 'jdbc:mysql://h/d'     | NameKind.TABLE      | 'an old file name'              | '#mysql50#t'          || 'name beginning with #mysql50#, which MySQL reads as an old file name'
        'MariaDB'    | 'jdbc:mysql://h/d'     | NameKind.COLUMN     | 'every reason at once'          | '😀' * 70 + ' '       || 'name with 😀 (U+1F600), outside the Basic Multilingual Plane, which MySQL does not allow; name ending in a space, which MySQL does not allow; name of 71 characters; MySQL holds at most 64'
        'PostgreSQL' | 'jdbc:postgresql://h/d' | NameKind.TABLE     | '64 bytes, which it would cut'  | 'é' * 32              || 'name of 64 bytes in UTF-8; PostgreSQL holds at most 63 and would cut it without an error'
        'PostgreSQL' | 'jdbc:postgresql://h/d' | NameKind.COLUMN    | '64 ASCII characters'           | 'c' * 64              || 'name of 64 bytes in UTF-8; PostgreSQL holds at most 63 and would cut it without an error'
        'PostgreSQL' | 'jdbc:postgresql://h/d' | NameKind.COLUMN    | 'NUL'                           | 'a\u0000'             || 'name with NUL (U+0000), which PostgreSQL does not allow'
        'PostgreSQL' | 'jdbc:postgresql://h/d' | NameKind.COLUMN    | 'an empty name'                 | ''                    || 'empty name, which PostgreSQL does not allow'
        'Oracle'     | 'jdbc:oracle:thin:@h'  | NameKind.TABLE      | '129 bytes'                     | 'ü' * 64 + 'x'        || 'name of 129 bytes in UTF-8; Oracle holds at most 128'
        'Oracle'     | 'jdbc:oracle:thin:@h'  | NameKind.COLUMN     | 'a double quote'                | 'a"b'                 || 'name with " (U+0022), which Oracle does not allow'
        'SQL Server' | 'jdbc:sqlserver://h'   | NameKind.TABLE      | '129 characters'                | 't' * 129             || 'name of 129 characters; SQL Server holds at most 128'
        'SQL Server' | 'jdbc:sqlserver://h'   | NameKind.COLUMN     | 'an emoji past 128 UTF-16 characters' | 'a' + '😀' * 64 || 'name of 129 UTF-16 code units; SQL Server holds at most 128'
        'H2'         | 'jdbc:h2:mem:x'        | NameKind.TABLE      | '257 characters'                | 't' * 257             || 'name of 257 characters; H2 holds at most 256'
        'SQLite'     | 'jdbc:sqlite::memory:' | NameKind.TABLE      | 'its own prefix'                | 'SQLite_stats'        || 'name beginning with SQLite_, which SQLite keeps for itself'
        'SQLite'     | 'jdbc:sqlite::memory:' | NameKind.INDEX      | 'its own prefix on an index'    | 'sqlite_autoindex_t_1' || 'name beginning with sqlite_, which SQLite keeps for itself'
        'SQLite'     | 'jdbc:sqlite::memory:' | NameKind.COLUMN     | 'NUL'                           | 'a\u0000'             || 'name with NUL (U+0000), which SQLite does not allow'
    }

    def "#database holds #description"() {
        expect:
        dialect(url).nameProblem(kind, name) == Optional.empty()

        where:
        database     | url                     | kind            | description                            | name
        'MariaDB'    | 'jdbc:mysql://h/d'      | NameKind.TABLE  | '64 characters'                        | 't' * 64
        'MariaDB'    | 'jdbc:mysql://h/d'     | NameKind.TABLE  | '64 two-byte letters (192 bytes as a file name)' | 'é' * 64
        'MariaDB'    | 'jdbc:mysql://h/d'     | NameKind.TABLE  | 'a file name of 251 bytes'            | '/' * 50 + 'a'
        'MariaDB'    | 'jdbc:mysql://h/d'     | NameKind.COLUMN | 'a column no file is named after'     | '中' * 64
        'MariaDB'    | 'jdbc:mysql://h/d'     | NameKind.COLUMN | 'a leading space and a no-break space at the end' | ' a\u00a0'
        'PostgreSQL' | 'jdbc:postgresql://h/d' | NameKind.TABLE  | '63 bytes'                             | 'é' * 31 + 'x'
        'PostgreSQL' | 'jdbc:postgresql://h/d' | NameKind.COLUMN | 'an emoji and a trailing space'        | 'mood😀 '
        'Oracle'     | 'jdbc:oracle:thin:@h'   | NameKind.TABLE  | '128 bytes'                            | 'ü' * 64
        'SQL Server' | 'jdbc:sqlserver://h'    | NameKind.TABLE  | '128 characters'                       | 't' * 128
        'H2'         | 'jdbc:h2:mem:x'         | NameKind.TABLE  | 'an empty name and NUL'                | ''
        'H2'         | 'jdbc:h2:mem:x'         | NameKind.COLUMN | '256 characters'                       | 'c' * 256
        'SQLite'     | 'jdbc:sqlite::memory:'  | NameKind.TABLE  | '10,000 characters'                    | 't' * 10_000
        'SQLite'     | 'jdbc:sqlite::memory:'  | NameKind.COLUMN | 'its own prefix on a column'           | 'sqlite_x'
    }

    def "a name is fitted to #database by leaving out what it refuses and cutting at a whole character"() {
        expect:
        dialect(url).fitName(kind, name) == fitted

        where:
        database     | url                     | kind            | name                    || fitted
        'MariaDB'    | 'jdbc:mysql://h/d'      | NameKind.COLUMN | 'c' * 65                || 'c' * 64
        'MariaDB'    | 'jdbc:mysql://h/d'      | NameKind.COLUMN | 'mood😀 '               || 'mood'
        'MariaDB'    | 'jdbc:mysql://h/d'      | NameKind.TABLE  | 'a' * 63 + ' b'         || 'a' * 63
        'MariaDB'    | 'jdbc:mysql://h/d'      | NameKind.TABLE  | '中' * 60               || '中' * 50
        'PostgreSQL' | 'jdbc:postgresql://h/d' | NameKind.TABLE  | 'é' * 32                || 'é' * 31
        'PostgreSQL' | 'jdbc:postgresql://h/d' | NameKind.TABLE  | 'x' + '😀' * 16         || 'x' + '😀' * 15
        'SQLite'     | 'jdbc:sqlite::memory:'  | NameKind.INDEX  | 'sqlite_autoindex_t_1'  || 'autoindex_t_1'
        'H2'         | 'jdbc:h2:mem:x'         | NameKind.TABLE  | 'fine'                  || 'fine'
    }
}
