package dev.migrate.dsl

import dev.migrate.generate.GenerationPlan
import dev.migrate.plan.MigrationPlan
import dev.migrate.plan.ScriptError
import dev.migrate.plan.ScriptLocation
import dev.migrate.plan.Settings
import dev.migrate.plan.Suggestions
import dev.migrate.plan.Identifiers
import dev.migrate.plan.SchemaMode
import dev.migrate.plan.WriteMode
import org.codehaus.groovy.control.CompilationUnit
import org.codehaus.groovy.control.CompilerConfiguration
import org.codehaus.groovy.control.MultipleCompilationErrorsException
import org.codehaus.groovy.control.Phases
import org.codehaus.groovy.control.SourceUnit
import org.codehaus.groovy.control.customizers.ImportCustomizer
import org.codehaus.groovy.control.messages.ExceptionMessage
import org.codehaus.groovy.control.messages.SyntaxErrorMessage
import org.codehaus.groovy.runtime.InvokerHelper
import org.codehaus.groovy.tools.GroovyClass

import org.slf4j.Logger
import org.slf4j.LoggerFactory

import java.nio.file.Files
import java.nio.file.Path

/**
 * Compiles and runs a migration script and returns the plan it declares. Every mistake comes back as a
 * {@link ScriptError} naming the file and line.
 */
class ScriptLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptLoader)

    MigrationPlan load(Path file) {
        load(file, Settings.DEFAULTS)
    }

    /** Loads a script whose settings start from {@code defaults}. */
    MigrationPlan load(Path file, Settings defaults) {
        load(file, new ScriptContext(file.fileName.toString(), null, defaults))
    }

    /**
     * Loads a script in {@code context}: its settings start from the context's defaults, {@code env()} reads the
     * context's environment, and the context keeps what the script read of it.
     */
    MigrationPlan load(Path file, ScriptContext context) {
        String fileName = file.fileName.toString()
        MigrationScript script = evaluate(file, MigrationScript, context, [:])
        if (script.plan == null) {
            throw new ScriptError(new ScriptLocation(fileName, 0), "the script declares no migration: migration 'name', { source { ... }; target { ... } }")
        }
        script.plan
    }

    /** The script's {@code generate { }} block, for {@code bin/migrate generate}; a script without one is an error. */
    GenerationPlan loadGeneration(Path file, Settings defaults) {
        loadGeneration(file, new ScriptContext(file.fileName.toString(), null, defaults))
    }

    /** The script's {@code generate { }} block, loaded in {@code context} (the project's configuration). */
    GenerationPlan loadGeneration(Path file, ScriptContext context) {
        String fileName = file.fileName.toString()
        MigrationScript script = evaluate(file, MigrationScript, context, [:])
        GenerationPlan generation = script.generation
        if (generation == null) {
            throw new ScriptError(new ScriptLocation(fileName, 0),
                    "the script has no generate { } block: generate { table('customers', rows: 1000) }")
        }
        generation
    }

    /**
     * Compiles {@code file} on the script class {@code base} and runs it in {@code context}, with {@code variables}
     * bound; returns the script as it ended (its plan, where it declared one).
     */
    MigrationScript evaluate(Path file, Class<? extends MigrationScript> base, ScriptContext context, Map<String, Object> variables) {
        String fileName = file.fileName.toString()
        if (!Files.isRegularFile(file)) {
            throw new ScriptError(new ScriptLocation(fileName, 0), "no such script: ${file}".toString())
        }
        long clock = System.nanoTime()
        MigrationScript script = compile(file, fileName, base)
        LOG.debug('script {} compiled in {} ms', fileName, (System.nanoTime() - clock).intdiv(1_000_000))
        context.script = script
        script.useContext(context)
        // the script's own folder, so a script can name files next to it wherever it is run from
        script.binding.setVariable('scriptDir', file.toAbsolutePath().parent.toFile())
        variables.each { String k, Object v -> script.binding.setVariable(k, v) }
        try {
            script.run()
        } catch (ScriptError e) {
            throw e
        } catch (MissingMethodException e) {
            throw new ScriptError(context.locate(e), describe(e), e)
        } catch (MissingPropertyException e) {
            throw new ScriptError(context.locate(e), describe(e), e)
        } catch (NullPointerException e) {
            throw new ScriptError(context.locate(e), describe(e), e)
        } catch (Throwable e) {
            throw new ScriptError(context.locate(e), "${e.class.simpleName}: ${e.message}".toString(), e)
        }
        script
    }

    /**
     * The script's class, from the user's {@link ScriptCache} when this very text was compiled there before, else
     * compiled (and kept there); a new instance of it, not yet run.
     */
    private static MigrationScript compile(Path file, String fileName, Class<? extends MigrationScript> base) {
        GroovyCodeSource code = new GroovyCodeSource(file.toFile(), 'UTF-8')
        ScriptCache cache = ScriptCache.ofUser()
        String key = cache == null ? null : ScriptCache.key(code.scriptText, file.toAbsolutePath().toString(), base)
        ScriptCache.Compiled compiled = key == null ? null : cache.read(key)
        if (compiled != null) {
            LOG.debug('script {}: its compiled classes come from {}', fileName, cache.folder())
        } else {
            compiled = compileClasses(code, fileName, base)
            if (key != null) {
                cache.write(key, compiled)
            }
        }
        (MigrationScript) InvokerHelper.createScript(ScriptCache.load(compiled, ScriptLoader.classLoader), new Binding())
    }

    private static ScriptCache.Compiled compileClasses(GroovyCodeSource code, String fileName, Class<? extends MigrationScript> base) {
        CompilerConfiguration config = new CompilerConfiguration()
        config.scriptBaseClass = base.name
        config.sourceEncoding = 'UTF-8'
        ImportCustomizer imports = new ImportCustomizer()
        imports.addStaticStars(WriteMode.name, SchemaMode.name, Identifiers.name)
        imports.addImports('groovy.sql.Sql')
        config.addCompilationCustomizers(imports, new ScriptShape(fileName))
        // what GroovyShell.parse does, keeping the bytes of every class the script compiles to
        CompilationUnit unit = new CompilationUnit(config, code.codeSource, new GroovyClassLoader(ScriptLoader.classLoader, config))
        SourceUnit source = unit.addSource(code.name, code.scriptText)
        try {
            unit.compile(Phases.CLASS_GENERATION)
        } catch (MultipleCompilationErrorsException e) {
            def first = e.errorCollector.errors ? e.errorCollector.errors.first() : null
            if (first instanceof SyntaxErrorMessage) {
                ScriptError located = SyntaxErrors.describe(fileName, code.scriptText, first.cause)
                throw new ScriptError(located.location(), located.reason(), e)
            }
            if (first instanceof ExceptionMessage && first.cause instanceof ScriptError) {
                throw first.cause
            }
            if (first instanceof ExceptionMessage) {
                throw new ScriptError(new ScriptLocation(fileName, 0), first.cause.message, e)
            }
            throw new ScriptError(new ScriptLocation(fileName, 0), e.message.readLines().find { it.trim() } ?: 'cannot compile', e)
        }
        Map<String, byte[]> classes = new LinkedHashMap<>()
        unit.classes.each { GroovyClass c -> classes.put(c.name, c.bytes) }
        String main = source.AST.mainClassName
        new ScriptCache.Compiled(classes.containsKey(main) ? main : unit.classes.first().name, classes)
    }

    private static final Map<String, String> USAGE = [
            migration: "migration 'name', { source { ... }; target { ... } }",
            generate : "generate { table('customers', rows: 1000) { ... } }",
            env      : "env('VARIABLE') or env('VARIABLE', 'default')"]

    private static String describe(MissingMethodException e) {
        String args = SpecSupport.typeNames(e.arguments)
        if (USAGE.containsKey(e.method)) {
            return "${e.method} does not take (${args}) — ${USAGE[e.method]}"
        }
        String hint = Suggestions.nearest(e.method, USAGE.keySet())
        "unknown method '${e.method}'" + (args ? " with (${args})" : '') + hint
    }

    private static String describe(MissingPropertyException e) {
        if (USAGE.containsKey(e.property)) {
            return "${e.property} needs its arguments — ${USAGE[e.property]}"
        }
        "unknown name '${e.property}'${Suggestions.nearest(e.property, USAGE.keySet())}"
    }

    /**
     * Two words of the DSL on one line without a {@code ;} are one command to Groovy: {@code batchSize 10 parallelism 4}
     * calls {@code parallelism} on what {@code batchSize} returns, which is nothing.
     */
    private static String describe(NullPointerException e) {
        def chained = e.message =~ /Cannot (?:invoke method |get property ')(\w+)/
        if (chained.find() && chained.group(1) in DslWords.ALL) {
            String word = chained.group(1)
            return "${word} must start a statement of its own: put it on a new line, or after a ; (on one line, two calls without ; are read as one)"
        }
        "NullPointerException: ${e.message}"
    }
}
