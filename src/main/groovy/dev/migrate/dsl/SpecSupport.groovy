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

    /**
     * How a word of this block is written, for messages about a word used the wrong way: {@code rename 'old', to: 'new'}.
     * Null when the block does not say.
     */
    protected String usage(String word) {
        null
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
            throw context.error("${name} in ${blockName()} does not take (${given})${howTo(name)}".toString())
        }
        throw context.error("unknown ${blockName()} option '${name}'${Suggestions.nearest(name, knownNames())}".toString())
    }

    /** A word of the block without its arguments is read as a name: say how it is written. */
    def propertyMissing(String name) {
        try {
            return context.script.getProperty(name)
        } catch (MissingPropertyException ignored) {
            // not the script's either
        }
        if (knownNames().contains(name)) {
            boolean bare = getClass().methods.any { it.name == name && it.parameterCount == 0 }
            throw context.error("${name} needs ${bare ? 'parentheses' : 'its arguments'}${howTo(name)}".toString())
        }
        throw context.error("unknown name '${name}' in ${blockName()}${Suggestions.nearest(name, knownNames())}".toString())
    }

    private String howTo(String word) {
        String written = usage(word)
        written ? " — ${written}" : ''
    }

    /** The argument types of a call as a script writer sees them: {@code String, Closure}. */
    static String typeNames(Object[] args) {
        args.collect { it == null ? 'null' : it instanceof Closure ? 'Closure' : it.getClass().simpleName }.join(', ')
    }

    /** The words this block understands: its public methods. */
    protected Collection<String> knownNames() {
        DslWords.of(getClass())
    }

    /** A named argument the call does not take, with the nearest one it does: {@code not too: (did you mean to:?)}. */
    protected static String unknownOption(Map options, Collection<String> known) {
        String wrong = (options.keySet() - known).first() as String
        String nearest = Suggestions.closest(wrong, known).map { " (did you mean ${it}:?)" }.orElse('')
        "not ${wrong}:${nearest}"
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
