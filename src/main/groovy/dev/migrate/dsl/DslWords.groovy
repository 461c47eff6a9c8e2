package dev.migrate.dsl

import java.lang.reflect.Modifier

/** The words of the DSL: the public methods a script and its blocks call. */
final class DslWords {

    /** Every word of every block, and the script's own ({@code migration}, {@code env}, the helpers). */
    static final Set<String> ALL = Collections.unmodifiableSet(
            [MigrationScript, MigrationSpec, ConnectionSpec, SettingsSpec, TableSpec, ColumnDeclaration, GenerateSpec, GenerateTableSpec].collectMany { of(it) } as Set<String>)

    private DslWords() {
    }

    /** The words one block (or the script) understands: its public methods, up to the base class all blocks share. */
    static Set<String> of(Class type) {
        Set<String> names = new TreeSet<>()
        for (Class c = type; c != null && c != SpecSupport && c != Script && c != Object; c = c.superclass) {
            c.declaredMethods.findAll { Modifier.isPublic(it.modifiers) && !it.synthetic && !it.name.contains('$') && !(it.name ==~ /(get|set|is)[A-Z].*|methodMissing|propertyMissing|build|invokeMethod|useContext|mappings|probe/) }
                    .each { names << it.name }
        }
        names
    }
}
