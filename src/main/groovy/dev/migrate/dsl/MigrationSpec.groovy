package dev.migrate.dsl

import dev.migrate.plan.Endpoint
import dev.migrate.plan.MigrationPlan
import dev.migrate.plan.ScriptError
import dev.migrate.plan.ScriptHook
import dev.migrate.plan.ScriptLocation
import dev.migrate.plan.Settings
import dev.migrate.plan.TableFilter
import dev.migrate.plan.TableMapping
import dev.migrate.plan.TableRef

import java.util.regex.Pattern

/** {@code migration 'name', { }}: the top-level block of a script. */
class MigrationSpec extends SpecSupport {

    private final String name
    private final ScriptLocation location
    private Endpoint sourceEndpoint
    private Endpoint targetEndpoint
    private Settings configured
    private final List<TableRef> tableRefs = []
    private boolean everyTable
    private final List<TableFilter> excludes = []
    private final List<TableMapping> mappings = []
    private final List<ScriptHook> beforeHooks = []
    private final List<ScriptHook> afterHooks = []

    MigrationSpec(ScriptContext context, String name, ScriptLocation location) {
        super(context)
        this.name = name
        this.location = location
        this.configured = context.defaults
    }

    @Override
    protected String blockName() {
        'migration'
    }

    private static final Map<String, String> USAGE = [
            source  : "source { url 'jdbc:...'; user '...' }",
            target  : "target { url 'jdbc:...'; user '...' }",
            settings: 'settings { batchSize 10_000 }',
            tables  : "tables 'customers', 'orders' (or tables ALL)",
            exclude : "exclude 'audit_log', ~/tmp_.*/",
            table   : "table('customers') { ... }",
            query   : "query 'target_table', 'SELECT ...'",
            before  : "before { target.execute '...' }",
            after   : "after { target.execute '...' }"]

    @Override
    protected String usage(String word) {
        USAGE[word]
    }

    void source(@DelegatesTo(value = ConnectionSpec, strategy = Closure.DELEGATE_FIRST) Closure body) {
        require(context.folderTarget == null, context.error('a version takes its connections from migrations.groovy: remove source { } here'))
        require(sourceEndpoint == null, context.error('source is declared twice'))
        sourceEndpoint = configure(new ConnectionSpec(context, 'source', context.here(), context.configuredSource), body).build()
    }

    void target(@DelegatesTo(value = ConnectionSpec, strategy = Closure.DELEGATE_FIRST) Closure body) {
        require(context.folderTarget == null, context.error('a version takes its connections from migrations.groovy: remove target { } here'))
        require(targetEndpoint == null, context.error('target is declared twice'))
        targetEndpoint = configure(new ConnectionSpec(context, 'target', context.here(), context.configuredTarget), body).build()
    }

    void settings(@DelegatesTo(value = SettingsSpec, strategy = Closure.DELEGATE_FIRST) Closure body) {
        configured = configure(new SettingsSpec(context, configured), body).build()
    }

    /**
     * The tables to migrate, in this order, and no other. Without it: the ones the script's {@code table(...)} blocks
     * name, or, when it names none, every source table; in foreign-key order.
     */
    void tables(String... names) {
        require(names.length > 0, context.error('tables needs at least one table name'))
        require(!everyTable, context.error("tables ALL already moves every table: list tables, or say ALL, not both"))
        ScriptLocation here = context.here()
        names.each { String t ->
            require(t?.trim(), context.error('tables needs table names, not an empty string'))
            require(!tableRefs.any { it.name().equalsIgnoreCase(t) }, context.error("table '${t}' is listed twice"))
            tableRefs << new TableRef(t, here)
        }
    }

    /** {@code tables ALL}: every table of the source, in foreign-key order, the ones the script's blocks name among them. */
    void tables(EveryTable all) {
        require(tableRefs.isEmpty(), context.error("tables ${tableRefs*.name().collect { "'${it}'" }.join(', ')} already lists the tables: list tables, or say ALL, not both"))
        everyTable = true
    }

    /** {@code ALL}, as in {@code tables ALL}. */
    EveryTable getALL() {
        EveryTable.ALL
    }

    /** Leaves tables out, by name or by pattern: {@code exclude 'audit_log', ~/tmp_.*}{@code /} */
    void exclude(Object... names) {
        require(names.length > 0, context.error('exclude needs at least one table name or pattern'))
        ScriptLocation here = context.here()
        names.each { Object n ->
            if (n instanceof Pattern) {
                excludes << TableFilter.matching((Pattern) n, here)
            } else if (n instanceof CharSequence && n.toString().trim()) {
                excludes << TableFilter.named(n.toString(), here)
            } else {
                throw context.error("exclude takes table names and patterns, not ${n == null ? 'null' : "'" + n + "'"}")
            }
        }
    }

    void table(String name, @DelegatesTo(value = TableSpec, strategy = Closure.DELEGATE_FIRST) Closure body) {
        table([:], name, body)
    }

    void table(String name) {
        table([:], name, null)
    }

    /** {@code table('legacy_customers', to: 'customers') { }} moves a table into one of another name. */
    void table(Map options, String name,
               @DelegatesTo(value = TableSpec, strategy = Closure.DELEGATE_FIRST) Closure body = null) {
        require(name?.trim(), context.error('table needs a name'))
        if (!options.keySet().every { it == 'to' }) {
            throw context.error("table('${name}') takes only to:, ${unknownOption(options, ['to'])} — " +
                    "table('${name}', to: '${options.to ?: options.values().find { it } ?: 'target_table'}')")
        }
        String targetName = options.to ?: name
        require(!mappings.any { it.source().equalsIgnoreCase(name) && it.target().equalsIgnoreCase(targetName as String) },
                context.error("table('${name}') is declared twice"))
        mappings.addAll(configure(new TableSpec(context, name, targetName as String, context.here()), body).mappings())
    }

    /**
     * {@code query 'orders_archive', 'SELECT ... FROM orders o JOIN customers c ...'}: the rows of a query of the
     * source fill the target table of that name; the block may rename, transform and ignore its columns.
     */
    void query(String name, String sql,
               @DelegatesTo(value = TableSpec, strategy = Closure.DELEGATE_FIRST) Closure body = null) {
        require(name?.trim(), context.error('query needs the name of the target table it fills'))
        require(sql?.trim(), context.error("query '${name}' needs its SQL"))
        require(!mappings.any { it.source().equalsIgnoreCase(name) }, context.error("'${name}' is declared twice"))
        TableSpec spec = new TableSpec(context, name, name, context.here())
        spec.query = sql.trim()
        mappings << configure(spec, body).build()
    }

    void before(@DelegatesTo(value = HookSpec.Handles, strategy = Closure.DELEGATE_FIRST) Closure body) {
        beforeHooks << new HookSpec(body)
    }

    void after(@DelegatesTo(value = HookSpec.Handles, strategy = Closure.DELEGATE_FIRST) Closure body) {
        afterHooks << new HookSpec(body)
    }

    MigrationPlan build() {
        if (context.folderTarget != null) {
            sourceEndpoint = context.folderSource
            targetEndpoint = context.folderTarget
            require(sourceEndpoint != null, new ScriptError(location, "migration '${name}' moves data, so migrations.groovy needs a source { } block"))
        }
        // a side the script does not declare is the configuration's, where it gives a url
        sourceEndpoint = sourceEndpoint ?: context.configuredSource.endpoint().orElse(null)
        targetEndpoint = targetEndpoint ?: context.configuredTarget.endpoint().orElse(null)
        require(sourceEndpoint != null, new ScriptError(location,
                "migration '${name}' has no source { } block (nor is source.url in migrate.conf or MIGRATE_SOURCE_URL set)"))
        require(targetEndpoint != null, new ScriptError(location,
                "migration '${name}' has no target { } block (nor is target.url in migrate.conf or MIGRATE_TARGET_URL set)"))
        // a query is no source table: exclude ~/.*/ leaves the script's queries alone
        mappings.findAll { !it.isQuery() }.each { TableMapping m ->
            TableFilter exclusion = excludes.find { it.matches(m.source()) }
            require(exclusion == null, new ScriptError(m.location(), "table '${m.source()}' is both configured and excluded"))
        }
        new MigrationPlan(name, context.fileName, sourceEndpoint, targetEndpoint, configured, tableRefs, excludes,
                mappings, beforeHooks, afterHooks, location, everyTable)
    }
}
