package dev.migrate.dsl

import java.time.LocalDate
import java.time.LocalDateTime

import dev.migrate.generate.GenerationPlan
import dev.migrate.plan.MigrationPlan
import dev.migrate.plan.ScriptError

/** The base class of every migration script: it gives the script {@code migration} and {@code env}. */
abstract class MigrationScript extends Script {

    private ScriptContext scriptContext
    private MigrationPlan plan
    private GenerateSpec generateBlock

    void useContext(ScriptContext context) {
        this.scriptContext = context
    }

    MigrationPlan getPlan() {
        plan
    }

    protected ScriptContext getScriptContext() {
        scriptContext
    }

    void migration(String name, @DelegatesTo(value = MigrationSpec, strategy = Closure.DELEGATE_FIRST) Closure body) {
        if (!name?.trim()) {
            throw scriptContext.error('migration needs a name: migration \'shop\', { ... }')
        }
        if (plan != null) {
            throw scriptContext.error("a script holds one migration; '${plan.name()}' is already declared".toString())
        }
        def spec = new MigrationSpec(scriptContext, name, scriptContext.here())
        plan = SpecSupport.configure(spec, body).build()
    }

    /**
     * {@code generate { table('old_users', rows: 1000) { ... } }}: fake test data for {@code bin/migrate generate};
     * {@code run} ignores it.
     */
    void generate(@DelegatesTo(value = GenerateSpec, strategy = Closure.DELEGATE_FIRST) Closure body) {
        if (generateBlock != null) {
            throw scriptContext.error('a script holds one generate { } block')
        }
        generateBlock = SpecSupport.configure(new GenerateSpec(scriptContext, scriptContext.here()), body)
    }

    /** The script's generate block as a plan, filling the block's database or else the migration's source; null without one. */
    GenerationPlan getGeneration() {
        generateBlock?.build(plan?.source())
    }

    void migration(String name) {
        throw scriptContext.error("migration '${name}' needs a body: migration '${name}', { source { ... }; target { ... } }".toString())
    }

    String env(String name) {
        scriptContext.env(name)
    }

    // Helpers for legacy data, callable anywhere in a script, e.g. column('born') { parseDate(it, 'dd/MM/yyyy') }

    Object emptyToNull(Object value) {
        DirtyData.emptyToNull(value)
    }

    Object clean(Object value) {
        DirtyData.clean(value)
    }

    LocalDate parseDate(Object value, String... patterns) {
        DirtyData.parseDate(value, patterns)
    }

    LocalDateTime parseDateTime(Object value, String... patterns) {
        DirtyData.parseDateTime(value, patterns)
    }

    BigDecimal parseNumber(Object value) {
        DirtyData.parseNumber(value)
    }

    String env(String name, String fallback) {
        scriptContext.env(name, fallback)
    }
}
