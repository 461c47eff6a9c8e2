package dev.migrate.dsl

import dev.migrate.plan.Lookup
import dev.migrate.plan.ScriptError
import dev.migrate.plan.ValueRejected
import dev.migrate.plan.ValueRule
import dev.migrate.support.Scripts
import spock.lang.Specification

class ColumnDeclarationSpec extends Specification {

    private static def table(String body) {
        Scripts.load('columns.groovy', """\
            migration 'columns', {
                source { url 'jdbc:h2:mem:a' }
                target { url 'jdbc:h2:mem:b' }
                table('t') {
            ${body}
                }
            }
            """.stripIndent()).mappingFor('t').get()
    }

    def "a column closure that declares is a rule; one that uses its value is code"() {
        when:
        def t = table('''
                    column('status') { map ACTIVE: 1, INACTIVE: 2; otherwise 0 }
                    column('email') { it?.trim()?.toLowerCase() }
                    column('constant') { 'fixed' }
                    column('category_id') { lookup 'categories', key: 'name', value: 'id', from: 'category_name'; otherwise(-1) }
                    column('created') { defaultValue '2024-01-01' }
                    column('region') { map 1: 'north', 2: 'south' }
                    column('helped') { parseNumber(it) }''')
        def byName = t.transforms().collectEntries { [it.column(), it] }

        then:
        byName.status.rule() == new ValueRule(null, [ACTIVE: 1, INACTIVE: 2], null, 0, ValueRule.NONE)
        byName.email.rule() == null
        byName.email.transform().apply('  A@B.org ', [:]) == 'a@b.org'
        byName.constant.transform().apply(null, [:]) == 'fixed'
        byName.category_id.rule() == new ValueRule('category_name', null, new Lookup('categories', 'name', 'id', false), -1, ValueRule.NONE)
        byName.created.rule() == new ValueRule(null, null, null, ValueRule.NONE, '2024-01-01')
        byName.region.rule().map() == ['1': 'north', '2': 'south']
        byName.helped.transform().apply('$1,250.50', [:]) == 1250.50
    }

    def "a rule maps, falls back, defaults, and rejects what it does not know"() {
        given:
        def status = new ValueRule(null, [ACTIVE: 1, INACTIVE: 2], null, ValueRule.NONE, ValueRule.NONE)
        def region = new ValueRule('code', [1: 'north'], null, 'elsewhere', 'unknown')

        expect:
        status.apply('ACTIVE', [:], null) == 1
        status.apply(null, [:], null) == null
        region.apply(null, [code: 1L], null) == 'north'
        region.apply(null, [code: '1'], null) == 'north'
        region.apply(null, [code: 7], null) == 'elsewhere'
        region.apply(null, [code: null], null) == 'unknown'

        when:
        status.apply('PENDING', [:], null)

        then:
        ValueRejected e = thrown()
        e.message == "'PENDING' is not in the map (ACTIVE, INACTIVE)"
    }

    def "a mistaken declaration names its line: #what"() {
        when:
        table(body)

        then:
        ScriptError e = thrown()
        e.message == message

        where:
        what                     | body                                                                || message
        'otherwise alone'        | "        column('s') { otherwise 0 }"                               || "(columns.groovy, line 5) column('s'): otherwise needs a map or a lookup"
        'a lookup without value' | "        column('s') { lookup 'cats', key: 'name' }"                || "(columns.groovy, line 5) lookup needs key: and value: — lookup 'cats', key: 'name', value: 'id'"
        'two maps'               | "        column('s') { map A: 1; map B: 2 }"                        || "(columns.groovy, line 5) column('s') has two maps or lookups"
        'declaration and code'   | "        column('s') { map A: 1; it.trim() }"                       || "(columns.groovy, line 5) column('s') mixes a declaration (map, lookup, otherwise, defaultValue) with code; use one or the other"
        'an unknown option'      | "        column('s') { mapp A: 1 }"                                 || "(columns.groovy, line 5) unknown column('s') option 'mapp' (did you mean map?)"
    }
}
