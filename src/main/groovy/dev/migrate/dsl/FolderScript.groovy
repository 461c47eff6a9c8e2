package dev.migrate.dsl

import dev.migrate.plan.Endpoint
import dev.migrate.plan.Settings

/**
 * The base class of a migrations folder's {@code migrations.groovy}: the {@code source { }}, {@code target { }} and
 * {@code settings { }} blocks every version of the folder uses, as a migration script writes them, and
 * {@code history 'schema.table'} for the table that records the versions applied.
 */
abstract class FolderScript extends MigrationScript {

    Endpoint sourceEndpoint
    Endpoint targetEndpoint
    Settings folderSettings
    String historyTable

    void source(@DelegatesTo(value = ConnectionSpec, strategy = Closure.DELEGATE_FIRST) Closure body) {
        if (sourceEndpoint != null) {
            throw scriptContext.error('source is declared twice')
        }
        sourceEndpoint = SpecSupport.configure(new ConnectionSpec(scriptContext, 'source', scriptContext.here(), scriptContext.configuredSource), body).build()
    }

    void target(@DelegatesTo(value = ConnectionSpec, strategy = Closure.DELEGATE_FIRST) Closure body) {
        if (targetEndpoint != null) {
            throw scriptContext.error('target is declared twice')
        }
        targetEndpoint = SpecSupport.configure(new ConnectionSpec(scriptContext, 'target', scriptContext.here(), scriptContext.configuredTarget), body).build()
    }

    void settings(@DelegatesTo(value = SettingsSpec, strategy = Closure.DELEGATE_FIRST) Closure body) {
        folderSettings = SpecSupport.configure(new SettingsSpec(scriptContext, folderSettings ?: scriptContext.defaults), body).build()
    }

    /** The history table: {@code history 'migrate_history'} or {@code history 'ops.migrate_history'}. */
    void history(String table) {
        if (!(table ==~ /([^.\s]+\.)?[^.\s]+/)) {
            throw scriptContext.error("history takes a table name or schema.name, not '${table}'".toString())
        }
        historyTable = table
    }
}
