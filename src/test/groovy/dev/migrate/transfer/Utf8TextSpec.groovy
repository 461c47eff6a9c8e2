package dev.migrate.transfer

import spock.lang.Specification

import java.time.ZoneOffset

class Utf8TextSpec extends Specification {

    def "text #database cannot hold is refused by name: #shown"() {
        when:
        Utf8Text.converter(ValueKind.TEXT, ZoneOffset.UTC, database, holdsNul).convert(text)

        then:
        ConversionException e = thrown()
        e.message == message

        where:
        database     | holdsNul | text          | shown              || message
        'PostgreSQL' | false    | 'a\u0000b'    | 'NUL'              || 'PostgreSQL text cannot hold the NUL character (U+0000)'
        'PostgreSQL' | false    | 'a\ud800b'    | 'a high surrogate' || 'PostgreSQL text cannot hold a lone UTF-16 surrogate (U+D800), which is no character'
        'MySQL'      | true     | 'x\udc00'     | 'a low surrogate'  || 'MySQL text cannot hold a lone UTF-16 surrogate (U+DC00), which is no character'
        'SQLite'     | true     | '\ud83d'      | 'half an emoji'    || 'SQLite text cannot hold a lone UTF-16 surrogate (U+D83D), which is no character'
    }

    def "text a database holds passes as it is: #shown"() {
        expect:
        Utf8Text.converter(ValueKind.JSON, ZoneOffset.UTC, 'MySQL', true).convert(text).is(text)

        where:
        text                    | shown
        'plain'                 | 'ASCII'
        'é ☃ \ud83d\ude00 \uffff' | 'two- and three-byte characters, an emoji as a surrogate pair, a noncharacter'
        'a\u0000b'              | 'NUL, which MySQL holds'
    }
}
