package dev.migrate.plan

import dev.migrate.support.Scripts
import spock.lang.Specification

/** The identifiers setting: how a source name becomes the target's, word by word. */
class IdentifiersSpec extends Specification {

    def "#mode makes #name into #expected"() {
        expect:
        mode.apply(name) == expected

        where:
        mode                   | name              || expected
        Identifiers.AS_IS      | 'AlbumId'         || 'AlbumId'
        Identifiers.AS_IS      | 'HTTPServer'      || 'HTTPServer'
        Identifiers.LOWER      | 'AlbumId'         || 'albumid'
        Identifiers.LOWER      | 'Order Details'   || 'order details'
        Identifiers.LOWER      | 'İstanbul'        || 'i̇stanbul'
        Identifiers.SNAKE_CASE | 'AlbumId'         || 'album_id'
        Identifiers.SNAKE_CASE | 'Album'           || 'album'
        Identifiers.SNAKE_CASE | 'HTTPServer'      || 'http_server'
        Identifiers.SNAKE_CASE | 'userID2'         || 'user_id2'
        Identifiers.SNAKE_CASE | 'userID'          || 'user_id'
        Identifiers.SNAKE_CASE | 'AlbumID'         || 'album_id'
        Identifiers.SNAKE_CASE | 'ID'              || 'id'
        Identifiers.SNAKE_CASE | 'Address2Line'    || 'address2_line'
        Identifiers.SNAKE_CASE | 'ABC123Def'       || 'abc123_def'
        Identifiers.SNAKE_CASE | 'iPhone'          || 'i_phone'
        Identifiers.SNAKE_CASE | 'already_snake'   || 'already_snake'
        Identifiers.SNAKE_CASE | 'Mixed_CaseName'  || 'mixed_case_name'
        Identifiers.SNAKE_CASE | 'Order Details'   || 'order_details'
        Identifiers.SNAKE_CASE | 'media-type.v2'   || 'media_type_v2'
        Identifiers.SNAKE_CASE | '_Hidden'         || '_hidden'
        Identifiers.SNAKE_CASE | 'Ünïcode'         || 'ünïcode'
        Identifiers.SNAKE_CASE | 'MàxÉvent'        || 'màx_évent'
    }

    def "a script says identifiers with the word in quotes or bare: #written"() {
        when:
        MigrationPlan plan = Scripts.load('identifiers.groovy', """\
            migration 'x', {
                source { url 'jdbc:h2:mem:a' }
                target { url 'jdbc:h2:mem:b' }
                settings { ${written} }
            }
            """.stripIndent())

        then:
        plan.settings().identifiers() == expected

        where:
        written                      || expected
        "identifiers 'SNAKE_CASE'"   || Identifiers.SNAKE_CASE
        'identifiers LOWER'          || Identifiers.LOWER
        "identifiers 'AS_IS'"        || Identifiers.AS_IS
        'batchSize 10'               || Identifiers.AS_IS
    }
}
