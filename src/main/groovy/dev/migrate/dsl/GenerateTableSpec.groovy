package dev.migrate.dsl

import dev.migrate.generate.ColumnRecipe
import dev.migrate.generate.GeneratedTable
import dev.migrate.generate.Reference
import dev.migrate.generate.RowContext
import dev.migrate.plan.ScriptLocation
import groovy.transform.stc.ClosureParams
import groovy.transform.stc.SimpleType

/** {@code table('old_users', rows: 100_000) { }} in a generate block: how one table's fake rows are made. */
class GenerateTableSpec extends SpecSupport {

    private final String name
    private final long rows
    private final Double dirty
    private final boolean replace
    private final ScriptLocation location
    private final List<ColumnRecipe> columns = []
    private final List<Reference> references = []
    private String createSql

    GenerateTableSpec(ScriptContext context, String name, long rows, Double dirty, boolean replace, ScriptLocation location) {
        super(context)
        this.name = name
        this.rows = rows
        this.dirty = dirty
        this.replace = replace
        this.location = location
    }

    @Override
    protected String blockName() {
        "generate table('${name}')"
    }

    private static final Map<String, String> USAGE = [
            column    : "column('email') { faker.internet().emailAddress() }",
            create    : "create '''CREATE TABLE old_users (...)'''",
            references: "references 'customer_id', to: 'customers'"]

    @Override
    protected String usage(String word) {
        USAGE[word]
    }

    /**
     * {@code column('email') { faker.internet().emailAddress() }} or {@code column('total') { row -> row.qty * 2.5 }}: the
     * closure sees the table's seeded {@code faker} and {@code random}, {@code rowNumber} and {@code oneOf(...)}.
     */
    void column(String column,
                @DelegatesTo(value = RowContext, strategy = Closure.DELEGATE_FIRST)
                @ClosureParams(value = SimpleType, options = 'java.util.Map') Closure value) {
        require(column?.trim(), context.error("column needs a name: ${USAGE.column}"))
        require(value != null, context.error("column('${column}') needs a closure that makes its value: ${USAGE.column}"))
        require(!columns.any { it.column().equalsIgnoreCase(column) }, context.error("column('${column}') is given twice"))
        columns << new ColumnRecipe(column, new ClosureValueMaker(value), context.here())
    }

    void column(String column) {
        throw context.error("column('${column}') needs a closure that makes its value: column('${column}') { faker.lorem().word() }")
    }

    /** DDL run only when the table does not exist yet: the block can make the legacy table it fills. */
    void create(String sql) {
        require(sql?.trim(), context.error("create needs the CREATE TABLE statement of ${name}"))
        require(createSql == null, context.error("table('${name}') has create twice"))
        createSql = sql.trim()
    }

    /**
     * {@code references 'customer_id', to: 'customers'} (the parent's primary key) or {@code to: 'customers.id'}: a
     * reference the database does not declare, as legacy tables have them. Its values come from the parent's rows,
     * and a dirty row may point at no parent (an orphan).
     */
    void references(Map options, String... columnNames) {
        if (options.keySet() != ['to'] as Set) {
            throw context.error("references takes to:${options.keySet() - 'to' ? ', ' + unknownOption(options, ['to']) : ''} — ${USAGE.references}")
        }
        require(columnNames.length > 0, context.error("references needs the column(s) that refer: ${USAGE.references}"))
        String to = options.to as String
        require(to?.trim(), context.error("references needs the parent table: ${USAGE.references}"))
        int dot = to.indexOf('.')
        String parent = dot < 0 ? to : to.substring(0, dot)
        List<String> parentColumns = dot < 0 ? [] : to.substring(dot + 1).split(',')*.trim()
        references << new Reference(columnNames as List<String>, parent, parentColumns, false, context.here())
    }

    GeneratedTable build() {
        new GeneratedTable(name, rows, dirty, replace, createSql, columns, references, location)
    }
}
