package dev.migrate.dsl

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
    /** In a version of a migrations folder: the folder's connections, which the version's migration uses. */
    Endpoint folderSource
    Endpoint folderTarget

    ScriptContext(String fileName, Script script, Settings defaults) {
        this.fileName = fileName
        this.script = script
        this.defaults = defaults
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

    String env(String name, String fallback = null) {
        String value = System.getenv(name)
        if (value == null && fallback == null) {
            throw error("environment variable ${name} is not set".toString())
        }
        value != null ? value : fallback
    }
}
