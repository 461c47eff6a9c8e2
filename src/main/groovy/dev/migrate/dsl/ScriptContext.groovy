package dev.migrate.dsl

import dev.migrate.plan.Configuration
import dev.migrate.plan.ConnectionDefaults
import dev.migrate.plan.Endpoint
import dev.migrate.plan.ScriptError
import dev.migrate.plan.ScriptLocation
import dev.migrate.plan.Settings
import groovy.transform.CompileStatic

/**
 * What every builder of one script shares: the script's file name, so that each call can say
 * on which line of the script it was made.
 */
@CompileStatic
class ScriptContext {

    final String fileName
    Script script
    final Settings defaults
    /** What the project file and the environment say of each connection: a script's block starts from it, or needs none. */
    final ConnectionDefaults configuredSource
    final ConnectionDefaults configuredTarget
    /** In a version of a migrations folder: the folder's connections, which the version's migration uses. */
    Endpoint folderSource
    Endpoint folderTarget

    ScriptContext(String fileName, Script script, Settings defaults) {
        this(fileName, script, Configuration.of(defaults))
    }

    ScriptContext(String fileName, Script script, Configuration configuration) {
        this.fileName = fileName
        this.script = script
        this.defaults = configuration.settings()
        this.configuredSource = configuration.source()
        this.configuredTarget = configuration.target()
    }

    /** The line of the script that is running now: the first stack frame that belongs to the script's file. */
    ScriptLocation here() {
        locate(new Throwable())
    }

    ScriptLocation locate(Throwable t) {
        for (Throwable cause = t; cause != null; cause = cause.cause) {
            StackTraceElement frame = cause.stackTrace.find { StackTraceElement e -> e.fileName == fileName && e.lineNumber > 0 }
            if (frame) {
                return new ScriptLocation(fileName, frame.lineNumber)
            }
        }
        new ScriptLocation(fileName, 0)
    }

    ScriptError error(String reason) {
        new ScriptError(here(), reason)
    }

    /**
     * Where {@code env()} looks: this process's environment, or, in a cluster's task, the values the run that sent it
     * read (the task's machine need not have them).
     */
    Map<String, String> environment = System.getenv()
    /** The variables the script read, with their values: what a cluster's tasks need to load it as the run did. */
    final Map<String, String> environmentRead = new LinkedHashMap<>()

    String env(String name, String fallback = null) {
        String value = environment.get(name)
        if (value != null) {
            environmentRead.put(name, value)
        }
        if (value == null && fallback == null) {
            throw error("environment variable ${name} is not set".toString())
        }
        value != null ? value : fallback
    }
}
