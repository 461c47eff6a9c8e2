package dev.migrate.versions

import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/** A folder's file names: what is a version, an undo, a repeatable file, and what is misnamed; versions in numeric order. */
class VersionFileSpec extends Specification {

    Path dir = Files.createTempDirectory('versions')

    private Path file(String name, String text = 'SELECT 1;') {
        Files.writeString(dir.resolve(name), text)
    }

    def "versions compare as numbers part by part: 1 < 1.1 < 1.2 < 2 < 10, and 1.0 is 1"() {
        expect:
        ['10', '2', '1.2', '1', '1.1', '1_3'].collect { Version.parse(it) }.sort()*.text() == ['1', '1.1', '1.2', '1.3', '2', '10']
        Version.parse('1.0') == Version.parse('1')
        Version.parse('2_1') == Version.parse('2.1')
    }

    def "a version that is not numbers is refused with the rule: '#text'"() {
        when:
        Version.parse(text)

        then:
        IllegalArgumentException e = thrown()
        e.message == "a version is numbers separated by dots or underscores (1, 1.1, 2_3), not '${text}'"

        where:
        text << ['1a', '', '1..2', 'v1']
    }

    def "V, U and R files give their kind, version, description (underscores as spaces), type and a checksum"() {
        expect:
        VersionFile.of(file(name)).map { [it.kind().toString(), it.version()?.text(), it.description(), it.type(), it.label()] }.get() == parsed

        where:
        name                            || parsed
        'V1__create_schema.sql'         || ['VERSIONED', '1', 'create schema', 'SQL', 'version 1']
        'V1_1__move_customers.groovy'   || ['VERSIONED', '1.1', 'move customers', 'GROOVY', 'version 1.1']
        'U3__drop_the_column.sql'       || ['UNDO', '3', 'drop the column', 'UNDO_SQL', 'version 3']
        'R__reporting_views.sql'        || ['REPEATABLE', null, 'reporting views', 'SQL', "repeatable 'reporting views'"]
    }

    def "a file that is no SQL or Groovy is not a version; a misnamed one is refused with its name: #name"() {
        when:
        def parsed = VersionFile.of(file(name))

        then:
        IllegalArgumentException e = thrown()
        e.message == message

        where:
        name                 || message
        'V1_init.sql'        || 'V1_init.sql: a version file is named V<version>__<description>.sql or .groovy (U<version>__ for its undo, R__<description> for a repeatable one), with two underscores'
        'v1__init.sql'       || 'v1__init.sql: a version file is named V<version>__<description>.sql or .groovy (U<version>__ for its undo, R__<description> for a repeatable one), with two underscores'
        'V1a__init.sql'      || "V1a__init.sql: a version is numbers separated by dots or underscores (1, 1.1, 2_3), not '1a'"
        'R2__views.sql'      || 'R2__views.sql: a repeatable file has no version: R__<description>.sql'
    }

    def "a README beside the versions is no version"() {
        expect:
        !VersionFile.of(file('README.md', '# notes')).isPresent()
    }

    def "the checksum ignores line endings and a byte order mark, and changes with the text"() {
        expect:
        VersionFile.of(file('V1__a.sql', 'CREATE TABLE t (id INT);\nINSERT INTO t VALUES (1);\n')).get().checksum() ==
                VersionFile.of(file('V2__a.sql', '\uFEFFCREATE TABLE t (id INT);\r\nINSERT INTO t VALUES (1);\r\n')).get().checksum()
        VersionFile.of(file('V3__a.sql', 'CREATE TABLE t (id INT);\n')).get().checksum() !=
                VersionFile.of(file('V4__a.sql', 'CREATE TABLE t (id BIGINT);\n')).get().checksum()
    }
}
