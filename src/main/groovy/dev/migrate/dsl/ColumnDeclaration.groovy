package dev.migrate.dsl

import dev.migrate.plan.Lookup
import dev.migrate.plan.ScriptError
import dev.migrate.plan.ValueRule

/**
 * The inside of {@code column('status') { map ACTIVE: 1, INACTIVE: 2; otherwise 0 }}: a declared rule. A
 * column closure that declares nothing is code instead, called for every row ({@code column('email') { it?.trim() }}):
 * the loader tells the two apart by running the closure once, against a value that stops any code at its first use.
 */
class ColumnDeclaration extends SpecSupport {

    private final String column
    private Map<Object, Object> values
    private Lookup lookupRule
    private String sourceColumn
    private Object fallback = ValueRule.NONE
    private Object whenNull = ValueRule.NONE
    private boolean declared

    ColumnDeclaration(ScriptContext context, String column) {
        super(context)
        this.column = column
    }

    @Override
    protected String blockName() {
        "column('${column}')"
    }

    private static final Map<String, String> USAGE = [
            map         : 'map OLD: NEW, OTHER: 2',
            lookup      : "lookup 'table', key: 'name', value: 'id'",
            otherwise   : 'otherwise 0',
            defaultValue: 'defaultValue 0',
            from        : "from 'other_column'"]

    @Override
    protected String usage(String word) {
        USAGE[word]
    }

    /** {@code map ACTIVE: 1, INACTIVE: 2}: each source value to its new value. */
    void map(Map pairs) {
        require(!pairs.isEmpty(), context.error('map needs at least one pair: map OLD: NEW'))
        require(values == null && lookupRule == null, context.error("column('${column}') has two maps or lookups"))
        values = new LinkedHashMap<>(pairs)
        declared = true
    }

    /**
     * {@code lookup 'categories', key: 'name', value: 'id', from: 'category_name'}: the new value from a table of the
     * target. A key found with several values is an error unless {@code pick: 'lowest'} or {@code 'highest'} says which wins.
     */
    void lookup(Map options, String table) {
        List<String> known = ['key', 'value', 'from', 'in', 'pick']
        if (!options.keySet().every { it in known }) {
            throw context.error("lookup takes key:, value:, from:, in: ('source' or 'target') and pick: ('lowest' or 'highest'), ${unknownOption(options, known)}")
        }
        require(options.key && options.value, context.error("lookup needs key: and value: — lookup '${table}', key: 'name', value: 'id'"))
        require(options.in in [null, 'source', 'target'], context.error("lookup in: is 'source' or 'target', not '${options.in}'"))
        require(options.pick in [null, Lookup.LOWEST, Lookup.HIGHEST],
                context.error("lookup pick: is '${Lookup.LOWEST}' or '${Lookup.HIGHEST}' (the value that wins when a key has several), not '${options.pick}'"))
        require(values == null && lookupRule == null, context.error("column('${column}') has two maps or lookups"))
        lookupRule = new Lookup(table, options.key as String, options.value as String, options.in == 'source', options.pick as String)
        if (options.from) {
            sourceColumn = options.from as String
        }
        declared = true
    }

    /** The value for a source value the map or lookup does not know. Without it, such a row is rejected. */
    void otherwise(Object value) {
        fallback = value
        declared = true
    }

    /** The value for NULL (for a new NOT NULL column: the value of every row). */
    void defaultValue(Object value) {
        whenNull = value
        declared = true
    }

    /** Reads another source column instead of this column's own. */
    void from(String column) {
        sourceColumn = column
        declared = true
    }

    /** Runs the closure as a declaration; true when it declared a rule, false when it is code to run per row. */
    boolean probe(Closure body) {
        if (body.maximumNumberOfParameters > 1) {
            return false
        }
        Closure copy = (Closure) body.clone()
        copy.resolveStrategy = Closure.DELEGATE_FIRST
        copy.delegate = this
        try {
            copy.call(ProbeValue.INSTANCE)
        } catch (ScriptError e) {
            throw e
        } catch (Throwable ignored) {
            // code that used its value: a transform, not a declaration
            if (declared) {
                throw context.error("column('${column}') mixes a declaration (map, lookup, otherwise, defaultValue) with code; use one or the other")
            }
            return false
        }
        declared
    }

    ValueRule build() {
        require(values != null || lookupRule != null || whenNull != ValueRule.NONE || sourceColumn != null,
                context.error("column('${column}'): otherwise needs a map or a lookup"))
        new ValueRule(sourceColumn, values, lookupRule, fallback, whenNull)
    }
}
