package dev.migrate.dsl

import dev.migrate.generate.GeneratedTable
import dev.migrate.generate.GenerationPlan
import dev.migrate.plan.ConnectionDefaults
import dev.migrate.plan.Endpoint
import dev.migrate.plan.ScriptError
import dev.migrate.plan.ScriptLocation

/**
 * {@code generate { }}: fake, deliberately dirty test data for a legacy database, made by {@code bin/migrate generate}
 * and ignored by {@code run}. It fills the migration's source unless it names a {@code database { }} of its own.
 */
class GenerateSpec extends SpecSupport {

    private final ScriptLocation location
    private Endpoint databaseEndpoint
    private long seedValue = 42
    private double dirtyShare = 0
    private Locale fakerLocale = Locale.ENGLISH
    private final List<GeneratedTable> tables = []

    GenerateSpec(ScriptContext context, ScriptLocation location) {
        super(context)
        this.location = location
    }

    @Override
    protected String blockName() {
        'generate'
    }

    private static final Map<String, String> USAGE = [
            database: "database { url 'jdbc:...'; user '...' }",
            seed    : 'seed 42',
            dirty   : 'dirty 0.05',
            locale  : "locale 'en'",
            table   : "table('customers', rows: 1000) { ... }"]

    @Override
    protected String usage(String word) {
        USAGE[word]
    }

    /** The database to fill, when it is not the migration's source (or the file has no migration). */
    void database(@DelegatesTo(value = ConnectionSpec, strategy = Closure.DELEGATE_FIRST) Closure body) {
        require(databaseEndpoint == null, context.error('generate has database { } twice'))
        databaseEndpoint = configure(new ConnectionSpec(context, 'database', context.here(), ConnectionDefaults.NONE), body).build()
    }

    /** The same seed makes the same rows; 42 when not given. */
    void seed(long value) {
        seedValue = value
    }

    /** The share of rows (0 to 1) that get legacy dirt: stray spaces, mixed case, other date formats, duplicates, orphans. */
    void dirty(Number share) {
        require(share != null && share >= 0 && share <= 1, context.error("dirty is a share of the rows from 0 to 1, not ${share}: dirty 0.05"))
        dirtyShare = share.doubleValue()
    }

    /** The language of the fake names and addresses: {@code locale 'de'}, {@code locale 'fr-CA'}. */
    void locale(String tag) {
        require(tag?.trim(), context.error("locale needs a language tag: locale 'en'"))
        fakerLocale = Locale.forLanguageTag(tag.replace('_', '-'))
    }

    void table(Map options, String name,
               @DelegatesTo(value = GenerateTableSpec, strategy = Closure.DELEGATE_FIRST) Closure body = null) {
        require(name?.trim(), context.error('table needs a name: table(\'customers\', rows: 1000)'))
        List<String> known = ['rows', 'replace', 'dirty']
        if (!known.containsAll(options.keySet())) {
            throw context.error("table('${name}') takes rows:, replace: and dirty:, ${unknownOption(options, known)}")
        }
        require(options.rows instanceof Number && (options.rows as long) >= 0,
                context.error("table('${name}') needs how many rows to make: table('${name}', rows: 1000)"))
        require(!tables.any { it.name().equalsIgnoreCase(name) }, context.error("table('${name}') is in generate twice"))
        Object share = options.dirty
        require(share == null || share instanceof Number && share >= 0 && share <= 1,
                context.error("table('${name}', dirty: ${share}): a share of the rows from 0 to 1"))
        def spec = new GenerateTableSpec(context, name, options.rows as long, share == null ? null : (share as Number).doubleValue(),
                options.replace == true, context.here())
        tables << configure(spec, body).build()
    }

    void table(String name, @DelegatesTo(value = GenerateTableSpec, strategy = Closure.DELEGATE_FIRST) Closure body = null) {
        throw context.error("table('${name}') needs how many rows to make: table('${name}', rows: 1000) { ... }")
    }

    /** The block as a plan; {@code fallback} is the migration's source, used when the block names no database. */
    GenerationPlan build(Endpoint fallback) {
        require(!tables.isEmpty(), new ScriptError(location, "generate names no table: table('customers', rows: 1000)"))
        Endpoint endpoint = databaseEndpoint ?: fallback
        require(endpoint != null, new ScriptError(location,
                "generate has no database to fill: database { url 'jdbc:...' } in the block, or a migration with a source { }"))
        new GenerationPlan(context.fileName, endpoint, seedValue, dirtyShare, fakerLocale, tables, location)
    }
}
