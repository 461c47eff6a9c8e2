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
            Object[] given0 = args as Object[]
            Class<? extends Enum> values = enumWords()[name]
            if (values != null && given0.length == 1 && given0[0] instanceof CharSequence) {
                String word = given0[0].toString()
                String exact = constants(values).find { it.equalsIgnoreCase(word) }
                throw context.error((exact != null ? "${name} takes a word, not a string: ${name} ${exact}"
                        : "${name} takes ${oneOf(constants(values))}, not '${word}'${nearestValue(word, constants(values))}").toString())
            }
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
        String value = unknownValue(name)
        if (value != null) {
            throw context.error(value)
        }
        throw context.error("unknown name '${name}' in ${blockName()}${Suggestions.nearest(name, knownNames())}".toString())
    }

    /**
     * A word in capitals the block does not know is a value of one of its words misspelt ({@code mode UPSERT}): what
     * those words take, and the nearest value. Null when the block has no such word, or the name is no such value.
     */
    protected String unknownValue(String name) {
        Map<String, Class<? extends Enum>> words = enumWords()
        if (!(name ==~ /[A-Z][A-Z0-9_]*/) || words.isEmpty()) {
            return null
        }
        List<String> all = words.values().collectMany { constants(it) }
        String nearest = valueAliases()[name] ?: Suggestions.closest(name, all).orElse(null)
        Map<String, Class<? extends Enum>> meant = nearest == null ? words : words.findAll { w, type -> constants(type).contains(nearest) }
        "unknown value ${name} in ${blockName()}: ".toString() + meant.collect { w, type -> "${w} takes ${oneOf(constants(type))}" }.join('; ') +
                (nearest == null ? '' : " (did you mean ${nearest}?)")
    }

    protected String nearestValue(String word, List<String> values) {
        String nearest = valueAliases()[word.toUpperCase(Locale.ROOT)] ?: Suggestions.closest(word.toUpperCase(Locale.ROOT), values).orElse(null)
        nearest == null ? '' : " (did you mean ${nearest}?)"
    }

    /** Words people bring from other tools for a value of this block ({@code UPSERT} for {@code MERGE}). */
    protected Map<String, String> valueAliases() {
        [:]
    }

    /** The words of this block that take one value of an enum, with its type: {@code mode} takes a {@code WriteMode}. */
    protected Map<String, Class<? extends Enum>> enumWords() {
        Map<String, Class<? extends Enum>> words = new TreeMap<>()
        // a word that also takes other arguments (tables 'a', 'b' or tables ALL) is no word of one value
        getClass().methods.findAll { it.parameterCount == 1 && it.parameterTypes[0].isEnum() && knownNames().contains(it.name) }
                .findAll { m -> getClass().methods.findAll { it.name == m.name }.every { it.parameterCount == 1 && it.parameterTypes[0].isEnum() } }
                .each { words[it.name] = (Class<? extends Enum>) it.parameterTypes[0] }
        words
    }

    protected static List<String> constants(Class<? extends Enum> type) {
        type.enumConstants.collect { ((Enum) it).name() }
    }

    /** {@code INSERT, MERGE or TRUNCATE_INSERT}. */
    protected static String oneOf(List<String> values) {
        values.size() == 1 ? values[0] : values[0..-2].join(', ') + ' or ' + values[-1]
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
