package dev.migrate.dsl

import dev.migrate.plan.MigrationPlan
import dev.migrate.plan.ScriptError
import dev.migrate.plan.ScriptLocation
import dev.migrate.plan.Settings
import dev.migrate.plan.Suggestions
import dev.migrate.plan.SchemaMode
import dev.migrate.plan.WriteMode
import org.codehaus.groovy.control.CompilerConfiguration
import org.codehaus.groovy.control.MultipleCompilationErrorsException
import org.codehaus.groovy.control.customizers.ImportCustomizer
import org.codehaus.groovy.control.messages.ExceptionMessage
import org.codehaus.groovy.control.messages.SyntaxErrorMessage

import java.nio.file.Files
import java.nio.file.Path

/**
 * Compiles and runs a migration script and returns the plan it declares. Every mistake comes back as a
 * {@link ScriptError} naming the file and line.
 */
class ScriptLoader {

    MigrationPlan load(Path file) {
        load(file, Settings.DEFAULTS)
    }

    /** Loads a script whose settings start from {@code defaults}. */
    MigrationPlan load(Path file, Settings defaults) {
        String fileName = file.fileName.toString()
        if (!Files.isRegularFile(file)) {
            throw new ScriptError(new ScriptLocation(fileName, 0), "no such script: ${file}".toString())
        }
        MigrationScript script = compile(file, fileName)
        ScriptContext context = new ScriptContext(fileName, script, defaults)
        script.useContext(context)
        // the script's own folder, so a script can name files next to it wherever it is run from
        script.binding.setVariable('scriptDir', file.toAbsolutePath().parent.toFile())
        try {
            script.run()
        } catch (ScriptError e) {
            throw e
        } catch (MissingMethodException e) {
            throw new ScriptError(context.locate(e), describe(e), e)
        } catch (MissingPropertyException e) {
            throw new ScriptError(context.locate(e), "unknown name '${e.property}'".toString(), e)
        } catch (Throwable e) {
            throw new ScriptError(context.locate(e), "${e.class.simpleName}: ${e.message}".toString(), e)
        }
        if (script.plan == null) {
            throw new ScriptError(new ScriptLocation(fileName, 0), "the script declares no migration: migration 'name', { source { ... }; target { ... } }")
        }
        script.plan
    }

    private static MigrationScript compile(Path file, String fileName) {
        CompilerConfiguration config = new CompilerConfiguration()
        config.scriptBaseClass = MigrationScript.name
        config.sourceEncoding = 'UTF-8'
        ImportCustomizer imports = new ImportCustomizer()
        imports.addStaticStars(WriteMode.name, SchemaMode.name)
        imports.addImports('groovy.sql.Sql')
        config.addCompilationCustomizers(imports)
        GroovyShell shell = new GroovyShell(ScriptLoader.classLoader, new Binding(), config)
        try {
            (MigrationScript) shell.parse(new GroovyCodeSource(file.toFile(), 'UTF-8'))
        } catch (MultipleCompilationErrorsException e) {
            def first = e.errorCollector.errors ? e.errorCollector.errors.first() : null
            if (first instanceof SyntaxErrorMessage) {
                def cause = first.cause
                throw new ScriptError(new ScriptLocation(fileName, cause.line), cause.originalMessage.trim(), e)
            }
            if (first instanceof ExceptionMessage) {
                throw new ScriptError(new ScriptLocation(fileName, 0), first.cause.message, e)
            }
            throw new ScriptError(new ScriptLocation(fileName, 0), e.message.readLines().find { it.trim() } ?: 'cannot compile', e)
        }
    }

    private static String describe(MissingMethodException e) {
        String args = SpecSupport.typeNames(e.arguments)
        String hint = Suggestions.nearest(e.method, ['migration', 'env'])
        "unknown method '${e.method}'" + (args ? " with (${args})" : '') + hint
    }
}
