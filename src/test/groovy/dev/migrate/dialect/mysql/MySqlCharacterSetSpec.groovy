package dev.migrate.dialect.mysql

import dev.migrate.support.TestDatabases
import groovy.sql.Sql
import spock.lang.Specification

/**
 * The character sets whose values are read without a check are those in which the server has a character for
 * every byte: probed here, byte by byte, on the test server.
 */
class MySqlCharacterSetSpec extends Specification {

    def "every byte of each single-byte character set read without a check is a character to the server"() {
        given:
        def server = TestDatabases.mysql()
        Sql sql = Sql.newInstance("${server.baseUrl}/?allowPublicKeyRetrieval=true&useSSL=false&characterSetResults=utf8mb4", server.user,
                server.password ?: '')
        List<String> singleByte = sql.rows('SELECT character_set_name AS n FROM information_schema.character_sets WHERE maxlen = 1')*.n

        when:
        Map<String, List<String>> undefined = MySqlReads.EXACT.findAll { it in singleByte && it != 'binary' }.collectEntries { charset ->
            String bytes = (0..255).collect { String.format("HEX(CONVERT(CONVERT(UNHEX('%02X') USING %s) USING utf8mb4))", it, charset) }.join(', ')
            List read = sql.firstRow('SELECT ' + bytes).values().toList()
            [charset, (0..255).findAll { read[it] == '3F' && it != 0x3f }.collect { String.format('%02X', it) }]
        }

        then:
        undefined.size() == 14
        undefined.findAll { it.value } == [:]

        cleanup:
        sql?.close()
    }
}
