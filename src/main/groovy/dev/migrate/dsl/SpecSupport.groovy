package dev.migrate.dsl

import dev.migrate.plan.ScriptError
import dev.migrate.plan.Suggestions

/**
 * The base of every block builder. A name the block does not know is first looked up on the script
 * itself (its own methods and variables), then reported with the block's name and the nearest known word.
 */
abstract class SpecSupport {

    protected final ScriptContext context

    protected SpecSupport(ScriptContext context) {
        this.context = context
    }

    /** The name of the block, as the script writes it, for messages: {@code settings { }}. */
    protected abstract String blockName()

    String env(String name) {
        context.env(name)
    }

    String env(String name, String fallback) {
        context.env(name, fallback)
    }

    def methodMissing(String name, Object args) {
        try {
            return context.script.invokeMethod(name, args)
        } catch (MissingMethodException e) {
            if (e.method != name) {
                throw e
            }
        }
        if (knownNames().contains(name)) {
            String given = typeNames(args as Object[])
            throw context.error("${name} in ${blockName()} does not take (${given})".toString())
        }
        throw context.error("unknown ${blockName()} option '${name}'${Suggestions.nearest(name, knownNames())}".toString())
    }

    def propertyMissing(String name) {
        try {
            return context.script.getProperty(name)
        } catch (MissingPropertyException ignored) {
            throw context.error("unknown name '${name}' in ${blockName()}${Suggestions.nearest(name, knownNames())}".toString())
        }
    }

    /** The argument types of a call as a script writer sees them: {@code String, Closure}. */
    static String typeNames(Object[] args) {
        args.collect { it == null ? 'null' : it instanceof Closure ? 'Closure' : it.getClass().simpleName }.join(', ')
    }

    /** The words this block understands: its public methods. */
    protected Collection<String> knownNames() {
        Set<String> names = new TreeSet<>()
        for (Class c = getClass(); c != SpecSupport && c != null; c = c.superclass) {
            c.declaredMethods.findAll { java.lang.reflect.Modifier.isPublic(it.modifiers) && !it.synthetic && !it.name.contains('$') && !(it.name ==~ /(get|set|is)[A-Z].*|methodMissing|propertyMissing|build|invokeMethod/) }
                    .each { names << it.name }
        }
        names
    }

    protected static <T extends SpecSupport> T configure(T spec, Closure body) {
        if (body != null) {
            Closure copy = (Closure) body.clone()
            copy.resolveStrategy = Closure.DELEGATE_FIRST
            copy.delegate = spec
            copy.call()
        }
        spec
    }

    protected static void require(Object condition, ScriptError error) {
        if (!condition) {
            throw error
        }
    }
}
