package dev.migrate.dsl

import dev.migrate.plan.Identifiers
import dev.migrate.plan.SchemaMode
import dev.migrate.plan.WriteMode
import groovy.transform.stc.ClosureParams
import spock.lang.Specification

import java.lang.reflect.Method
import java.lang.reflect.Modifier
import java.nio.file.Files
import java.nio.file.Path

/**
 * Editors complete a script's words only where the DSL says what each closure's delegate is: every closure a DSL
 * word takes carries @DelegatesTo (or @ClosureParams, for row code), and the editors' files name classes that exist.
 */
class EditorSupportSpec extends Specification {

    static final List<Class> BUILDERS = [MigrationScript, FolderScript, VersionScript, MigrationSpec, ConnectionSpec, SettingsSpec,
                                         TableSpec, ColumnDeclaration, GenerateSpec, GenerateTableSpec]

    def "every closure a DSL word of #builder.simpleName takes says what it delegates to"() {
        given:
        List<String> undescribed = []
        for (Method m : builder.declaredMethods) {
            if (!Modifier.isPublic(m.modifiers) || m.synthetic || m.name.contains('$')) {
                continue
            }
            m.parameterTypes.eachWithIndex { Class type, int i ->
                if (type == Closure && !m.parameterAnnotations[i].any { it instanceof DelegatesTo || it instanceof ClosureParams }) {
                    undescribed << "${m.name}(${m.parameterTypes*.simpleName.join(', ')})".toString()
                }
            }
        }

        expect:
        undescribed.findAll { it != 'probe(Closure)' } == []

        where:
        builder << BUILDERS
    }

    def "the editors' files name classes of the DSL that exist: #file"() {
        given:
        String text = Files.readString(Path.of('config/editors').resolve(file))
        List<String> named = (text =~ /'(dev\.migrate\.[\w.]+)'/).collect { it[1] }.unique()

        expect:
        named.containsAll(['dev.migrate.dsl.FolderScript', 'dev.migrate.dsl.VersionScript'])
        named.every { Class.forName(it) }

        where:
        file << ['migrate.gdsl', 'migrate.dsld']
    }

    def "Eclipse's file offers every word of #type.simpleName that scripts import"() {
        given:
        String text = Files.readString(Path.of('config/editors/migrate.dsld'))
        def line = text.readLines().find { it.contains("type: '${type.name}'") }
        List<String> offered = (line =~ /'([A-Z_]+)'/).collect { it[1] }

        expect:
        offered == type.enumConstants*.name()

        where:
        type << [WriteMode, SchemaMode, Identifiers]
    }
}
