package dev.migrate.dsl

import dev.migrate.connect.ReadOnlySource
import dev.migrate.plan.ScriptHook
import groovy.sql.Sql

import javax.sql.DataSource
import java.util.logging.Level
import java.util.logging.Logger

/**
 * {@code before { }} and {@code after { }}: the script's own code around the run, with {@code source}
 * and {@code target} as Groovy SQL handles. The source's handle reads and refuses every write.
 */
class HookSpec implements ScriptHook {

    /**
     * Groovy SQL logs a failed statement verbatim, password literals included; the tool reports the failure
     * itself, with the hook's line and without the statement.
     */
    private static final Logger SQL_LOG = Logger.getLogger(Sql.name)
    static {
        SQL_LOG.level = Level.OFF
    }

    private final Closure body

    HookSpec(Closure body) {
        this.body = body
    }

    @Override
    void run(DataSource sourceDataSource, DataSource targetDataSource) {
        Sql source = new Sql(ReadOnlySource.of(sourceDataSource))
        Sql target = new Sql(targetDataSource)
        try {
            Closure copy = (Closure) body.clone()
            copy.resolveStrategy = Closure.DELEGATE_FIRST
            copy.delegate = new Handles(source, target)
            copy.call()
        } finally {
            source.close()
            target.close()
        }
    }

    static class Handles {
        final Sql source
        final Sql target

        Handles(Sql source, Sql target) {
            this.source = source
            this.target = target
        }
    }
}
