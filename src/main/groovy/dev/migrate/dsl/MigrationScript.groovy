package dev.migrate.dsl

import dev.migrate.plan.MigrationPlan
import dev.migrate.plan.ScriptError

/** The base class of every migration script: it gives the script {@code migration} and {@code env}. */
abstract class MigrationScript extends Script {

    private ScriptContext scriptContext
    private MigrationPlan plan

    void useContext(ScriptContext context) {
        this.scriptContext = context
    }

    MigrationPlan getPlan() {
        plan
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

    void migration(String name) {
        throw scriptContext.error("migration '${name}' needs a body: migration '${name}', { source { ... }; target { ... } }".toString())
    }

    String env(String name) {
        scriptContext.env(name)
    }

    String env(String name, String fallback) {
        scriptContext.env(name, fallback)
    }
}
