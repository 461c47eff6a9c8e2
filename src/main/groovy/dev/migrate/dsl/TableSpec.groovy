package dev.migrate.dsl

import groovy.transform.stc.ClosureParams
import groovy.transform.stc.SimpleType

import dev.migrate.plan.ColumnTransform
import dev.migrate.plan.RowTransform
import dev.migrate.plan.ScriptError
import dev.migrate.plan.ScriptLocation
import dev.migrate.plan.TableMapping

/** {@code table('customers') { }}: what happens to one source table's columns and rows. */
class TableSpec extends SpecSupport {

    private final String source
    private final String target
    private final ScriptLocation location
    private final Map<String, String> renames = [:]
    private final Set<String> ignored = new LinkedHashSet<>()
    private final List<ColumnTransform> transforms = []
    private String condition
    private ScriptLocation whereAt
    private final List<String> mergeKey = []
    String query
    private RowTransform rows
    private final List<String> only = []
    private boolean distinctRows
    private final List<TableSpec> intos = []

    TableSpec(ScriptContext context, String source, String target, ScriptLocation location) {
        super(context)
        this.source = source
        this.target = target
        this.location = location
    }

    @Override
    protected String blockName() {
        "table('${source}')"
    }

    private static final Map<String, String> USAGE = [
            rename  : "rename 'old_name', to: 'new_name'",
            ignore  : "ignore 'column'",
            column  : "column('name') { it }",
            where   : "where 'deleted = 0'",
            row     : 'row { r -> r }',
            columns : "columns 'a', 'b'",
            distinct: 'distinct()',
            into    : "into('table') { ... }",
            key     : "key 'column'"]

    @Override
    protected String usage(String word) {
        USAGE[word]
    }

    /** {@code rename 'user_name', to: 'username'} */
    void rename(Map options, String column) {
        if (options.keySet() != ['to'] as Set) {
            String to = options.to ?: options.values().find { it } ?: 'new_name'
            throw context.error("rename takes only to:, ${unknownOption(options, ['to'])} — rename '${column}', to: '${to}'")
        }
        addRename(column, options.to as String)
    }

    /** {@code rename 'user_name'} alone is a mistake: say what is missing. */
    void rename(String column) {
        addRename(column, null)
    }

    /** {@code rename user_name: 'username', fname: 'first_name'} */
    void rename(Map pairs) {
        require(!pairs.isEmpty(), context.error('rename needs a column and a target name: rename \'old\', to: \'new\''))
        require(!pairs.containsKey('to'), context.error('rename needs the column to rename: rename \'old\', to: \'new\''))
        pairs.each { k, v -> addRename(k as String, v as String) }
    }

    private void addRename(String column, String to) {
        require(column?.trim(), context.error('rename needs the column to rename: rename \'old\', to: \'new\''))
        require(to?.trim(), context.error("rename needs a target name: rename '${column}', to: 'new_name'"))
        require(!renames.containsKey(column), context.error("column '${column}' is renamed twice"))
        renames[column] = to
    }

    /** Leaves the named source columns behind: their data is not migrated. */
    void ignore(String... columns) {
        require(columns.length > 0, context.error('ignore needs at least one column name'))
        columns.each { String c ->
            require(c?.trim(), context.error('ignore needs column names, not an empty string'))
            ignored << c
        }
    }

    /**
     * The value of target column {@code name}: code run for every row ({@code { value -> }} or {@code { value, row -> }}),
     * or a declared rule ({@code { map A: 1; otherwise 0 }}, {@code { lookup 't', key: 'k', value: 'v' }}, {@code { defaultValue 0 }}).
     */
    void column(String name, @DelegatesTo(value = ColumnDeclaration, strategy = Closure.DELEGATE_FIRST) Closure transform) {
        require(name?.trim(), context.error('column needs a name'))
        require(transform != null, context.error("column('${name}') needs a closure"))
        require(transforms.every { it.column() != name }, context.error("column '${name}' has two transforms"))
        def here = context.here()
        ColumnDeclaration declaration = new ColumnDeclaration(context, name)
        if (declaration.probe(transform)) {
            transforms << ColumnTransform.rule(name, declaration.build(), here)
        } else {
            transforms << new ColumnTransform(name, new ClosureTransform(transform), here)
        }
    }

    void column(String name) {
        throw context.error("column('${name}') needs a closure: column('${name}') { it }")
    }

    /** Only source rows matching this condition (in the source's SQL) are migrated. */
    void where(String condition) {
        require(condition?.trim(), context.error('where needs a condition'))
        require(this.condition == null, context.error("table('${source}') has two where conditions; combine them with AND"))
        this.condition = condition
        whereAt = context.here()
    }

    /**
     * Code for each whole row, run before the columns are fed: {@code row { r -> r.name = r.name?.trim(); r }}.
     * It returns the row to move on, or null to leave the row out.
     */
    void row(@ClosureParams(value = SimpleType, options = 'java.util.Map<java.lang.String,java.lang.Object>') Closure body) {
        require(body != null, context.error('row needs a closure: row { r -> ...; r }'))
        require(rows == null, context.error("table('${source}') has two row closures"))
        Closure code = (Closure) body.clone()
        rows = { Map<String, Object> r ->
            def result = code.call(r)
            if (result != null && !(result instanceof Map)) {
                throw new IllegalStateException("row closure returned ${result.getClass().simpleName}, not the row (a map) or null")
            }
            (Map<String, Object>) result
        } as RowTransform
    }

    /** Moves only these source columns; every other one is left behind (as if ignored). */
    void columns(String... names) {
        require(names.length > 0 && names.every { it?.trim() }, context.error('columns needs column names'))
        only.addAll(names)
    }

    /** Equal rows (of the columns moved) go into the target once. */
    void distinct() {
        distinctRows = true
    }

    /**
     * One source table into several targets: {@code into('addresses') { columns 'street', 'city'; distinct() }}.
     * Each {@code into} is a mapping of its own, with its own renames, columns and rules.
     */
    void into(String target, @DelegatesTo(value = TableSpec, strategy = Closure.DELEGATE_FIRST) Closure body) {
        require(target?.trim(), context.error('into needs the name of a target table'))
        require(intos.every { !it.target.equalsIgnoreCase(target) }, context.error("table('${source}') goes into '${target}' twice"))
        intos << configure(new TableSpec(context, source, target, context.here()), body)
    }

    /** The mappings this block declares: its into blocks (which share its row code and where), or itself. */
    List<TableMapping> mappings() {
        if (!intos) {
            return [build()]
        }
        intos.collect { TableSpec into ->
            if (into.rows == null) {
                into.rows = rows
            }
            if (into.condition == null) {
                into.condition = condition
                into.whereAt = whereAt
            }
            into.build()
        }
    }

    /** The target columns rows are matched on in MERGE mode, instead of the primary key. */
    void key(String... columns) {
        require(columns.length > 0 && columns.every { it?.trim() }, context.error('key needs column names: key \'email\''))
        require(mergeKey.isEmpty(), context.error("table('${source}') declares its key twice"))
        mergeKey.addAll(columns)
    }

    TableMapping build() {
        renames.keySet().each { String c ->
            require(!ignored.contains(c), new ScriptError(location, "column '${c}' is both renamed and ignored".toString()))
        }
        new TableMapping(source, target, renames, ignored, transforms, condition, mergeKey, query, rows, only, distinctRows, location,
                whereAt ?: location)
    }
}
