package dev.migrate.shell

import dev.migrate.connect.Database
import dev.migrate.connect.ReadOnlySource
import dev.migrate.dialect.Role
import dev.migrate.diff.SchemaPlan
import dev.migrate.dsl.DslWords
import dev.migrate.engine.MigrationResult
import dev.migrate.engine.Verification
import dev.migrate.plan.Endpoint
import dev.migrate.plan.Identifiers
import dev.migrate.plan.MigrationPlan
import dev.migrate.plan.SchemaMode
import dev.migrate.plan.Secrets
import dev.migrate.plan.WriteMode
import groovy.sql.Sql
import org.apache.groovy.groovysh.Main
import org.apache.groovy.groovysh.jline.GroovyBuiltins
import org.apache.groovy.groovysh.jline.GroovyCommands
import org.apache.groovy.groovysh.jline.GroovyConsoleEngine
import org.apache.groovy.groovysh.jline.GroovyEngine
import org.apache.groovy.groovysh.jline.GroovySystemRegistry
import org.jline.builtins.ClasspathResourceUtil
import org.jline.builtins.ConfigurationPath
import org.jline.console.ConsoleEngine
import org.jline.console.Printer
import org.jline.console.impl.DefaultPrinter
import org.jline.reader.EOFError
import org.jline.reader.EndOfFileException
import org.jline.reader.LineReader
import org.jline.reader.LineReaderBuilder
import org.jline.reader.Parser
import org.jline.reader.UserInterruptException
import org.jline.reader.impl.DefaultParser
import org.jline.reader.impl.completer.StringsCompleter
import org.jline.terminal.Size
import org.jline.terminal.Terminal
import org.jline.terminal.TerminalBuilder

import java.lang.reflect.InvocationTargetException
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.util.function.Supplier

/**
 * {@code bin/migrate shell [script | folder]}: Groovy's own shell (groovysh, on JLine) with the DSL and the shell's
 * words loaded, and, when opened on a script or a migrations folder, its databases open as {@code source} (read
 * only) and {@code target}. At a terminal it completes, keeps its history in {@code ~/.migrate/shell_history} and
 * answers {@code :help}; with standard input from a file or a pipe it runs each statement in turn, prints what they
 * print, and ends with exit code 1 when one failed.
 */
class MigrateShell {

    private final MigrationPlan plan
    private final Endpoint sourceEndpoint
    private final Endpoint targetEndpoint
    private final Path results

    MigrateShell(MigrationPlan plan, Endpoint source, Endpoint target, Path results) {
        this.plan = plan
        this.sourceEndpoint = source
        this.targetEndpoint = target
        this.results = results
    }

    int start() {
        boolean interactive = terminal()
        Database source = null
        Database target = null
        ShellCommands commands = new ShellCommands(plan, System.out, results)
        try {
            source = sourceEndpoint == null ? null : Database.open(sourceEndpoint, Role.SOURCE, 1)
            target = targetEndpoint == null ? null : Database.open(targetEndpoint, Role.TARGET, 1)
            GroovyEngine engine = new GroovyEngine()
            engine.put('GROOVYSH_OPTIONS', [interpreterMode: false])
            engine.put('CONSOLE_OPTIONS', [:])
            ShellWords.commands = commands
            // names, not stars: groovysh's completion reads a star import's classes, and stumbles on nested ones
            List<String> imports = ['groovy.sql.Sql']
            [WriteMode, SchemaMode, Identifiers].each { Class e -> e.enumConstants.each { imports << "static ${e.name}.${it}".toString() } }
            ['tables', 'describe', 'preview', 'plan', 'runMigration', 'verify', 'migration'].each { imports << "static ${ShellWords.name}.${it}".toString() }
            imports.each { engine.execute("import ${it}".toString()) }
            if (source != null) {
                engine.put('source', new Sql(ReadOnlySource.of(source.dataSource())))
            }
            if (target != null) {
                engine.put('target', new Sql(target.dataSource()))
            }
            return interactive ? atTerminal(engine) : piped(engine)
        } finally {
            ShellWords.commands = null
            commands.reset()
            source?.close()
            target?.close()
        }
    }

    /** Standard input that is no terminal: each complete statement run in turn, no prompt, no echo. */
    private static int piped(GroovyEngine engine) {
        Parser parser = parser()
        int failures = 0
        StringBuilder statement = new StringBuilder()
        BufferedReader input = new BufferedReader(new InputStreamReader(System.in, 'UTF-8'))
        String line
        while ((line = input.readLine()) != null) {
            statement.append(statement.length() == 0 ? '' : '\n').append(line)
            String text = statement.toString()
            if (text.isBlank()) {
                statement.setLength(0)
                continue
            }
            try {
                parser.parse(text, text.length(), Parser.ParseContext.ACCEPT_LINE)
            } catch (EOFError incomplete) {
                continue
            }
            statement.setLength(0)
            failures += execute(engine, text) ? 0 : 1
        }
        if (!statement.toString().isBlank()) {
            failures += execute(engine, statement.toString()) ? 0 : 1
        }
        System.out.flush()
        failures == 0 ? 0 : 1
    }

    private static boolean execute(GroovyEngine engine, String text) {
        if (text.trim() == ':help' || text.trim() == '/help') {
            help(System.out)
            return true
        }
        try {
            Object result = engine.execute(ShellWords.rewrite(text))
            // a script's output is what it prints and the values of its expressions, not of its assignments
            if (result != null && !reported(result) && !(text ==~ /(?s)\s*(def\s+)?[\w.]+\s*=[^=~].*/)) {
                System.out.println(result)
            }
            return true
        } catch (Throwable e) {
            Throwable cause = e
            while (cause.cause != null && cause.cause != cause && (cause.message == null || cause instanceof InvocationTargetException)) {
                cause = cause.cause
            }
            String message = cause.message ?: cause.class.simpleName
            System.err.println(Secrets.scrub("error: ${message.readLines().find { it.trim() } ?: message}".toString()))
            System.err.flush()
            return false
        }
    }

    /** Whether a person is at the console: standard input and output both a terminal (JDK 22 has a console for pipes too). */
    private static boolean terminal() {
        Console console = System.console()
        if (console == null) {
            return false
        }
        try {
            return (boolean) Console.getMethod('isTerminal').invoke(console)
        } catch (NoSuchMethodException ignored) {
            return true
        }
    }

    /** Results the words print themselves. */
    private static boolean reported(Object result) {
        result instanceof MigrationResult || result instanceof SchemaPlan || result instanceof Verification.Result || result instanceof MigrationPlan
    }

    static void help(PrintStream out) {
        out.println('migrate shell: Groovy, with these words')
        int width = ShellCommands.WORDS.keySet()*.length().max()
        ShellCommands.WORDS.each { String word, String what -> out.println("  ${word.padRight(width)}  ${what}") }
        out.println('groovysh\'s own commands: /help (/exit to leave)')
    }

    private static Parser parser() {
        DefaultParser parser = new DefaultParser()
        parser.regexCommand = /\/?[a-zA-Z!]\S*/
        parser.eofOnUnclosedQuote = true
        parser.eofOnEscapedNewLine = true
        parser.blockCommentDelims(new DefaultParser.BlockCommentDelims('/*', '*/')).lineCommentDelims(['//'] as String[])
        parser.setEofOnUnclosedBracket(DefaultParser.Bracket.CURLY, DefaultParser.Bracket.ROUND, DefaultParser.Bracket.SQUARE)
        parser
    }

    /** At a terminal: groovysh's registries, completion of the DSL's words, history between sessions, :help. */
    private int atTerminal(GroovyEngine engine) {
        Path home = Path.of(System.getProperty('user.home'), '.migrate')
        Files.createDirectories(home)
        Parser parser = parser()
        Terminal terminal = TerminalBuilder.builder().name('migrate').build()
        try {
            if (terminal.width == 0 || terminal.height == 0) {
                terminal.size = new Size(120, 40)
            }
            Thread shellThread = Thread.currentThread()
            terminal.handle(Terminal.Signal.INT, { signal -> shellThread.interrupt() } as Terminal.SignalHandler)
            URL rootUrl = Main.getResource('/nanorc')
            Path root = ClasspathResourceUtil.getResourcePath(rootUrl)
            ConfigurationPath config = new ConfigurationPath(root, home)
            engine.put('ROOT', rootUrl.toString())
            engine.put(GroovyEngine.NANORC_VALUE, rootUrl.toString())
            Printer printer = new DefaultPrinter(engine, config)
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).parser(parser)
                    .variable(LineReader.SECONDARY_PROMPT_PATTERN, '%M%P > ')
                    .variable(LineReader.INDENTATION, 2)
                    .variable(LineReader.HISTORY_FILE, home.resolve('shell_history'))
                    // a line that may hold a password stays out of the history file
                    .variable(LineReader.HISTORY_IGNORE, '*password*|*PASSWORD*|*Password*|*passwd*|*secret*|*SECRET*|*newInstance*|*IDENTIFIED*|*identified*')
                    .option(LineReader.Option.INSERT_BRACKET, true)
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .build()
            Supplier<Path> workDir = { -> Paths.get(System.getProperty('user.dir')) } as Supplier<Path>
            def groovy = new GroovyCommands(engine, workDir, printer, null)
            ConsoleEngine console = new GroovyConsoleEngine(engine, printer, workDir, config, reader)
            def builtins = new GroovyBuiltins(engine, workDir, config, reader, { String fun -> new ConsoleEngine.WidgetCreator(console, fun) })
            GroovySystemRegistry registry = new GroovySystemRegistry(parser, terminal, workDir, config)
            registry.groupCommandsInHelp(false)
            registry.setCommandRegistries(console, builtins, groovy)
            registry.addCompleter(engine.scriptCompleter)
            // the DSL's words and the shell's (String[]: a list would be taken for candidates)
            registry.addCompleter(new StringsCompleter(((DslWords.ALL as List<String>) + ['tables', 'describe', 'preview', 'plan', 'run', 'verify',
                    'source', 'target']) as String[]))
            registry.renameLocal('exit', '/exit')
            registry.renameLocal('help', '/help')
            reader.completer = registry.completer()
            println "migrate shell (Groovy ${GroovySystem.version}): :help lists the migrate words, /exit leaves" +
                    (plan != null ? "; migration '${plan.name()}' is loaded" : '')
            while (true) {
                try {
                    registry.cleanUp()
                    String line = reader.readLine('migrate> ')
                    if (line.trim() == ':help') {
                        help(System.out)
                        continue
                    }
                    if (line.startsWith(':')) {
                        line = '/' + line.substring(1)
                    }
                    Object result = registry.execute(ShellWords.rewrite(line))
                    if (result != null && !reported(result)) {
                        console.println(result)
                    }
                } catch (UserInterruptException ignored) {
                    // Ctrl-C: a new line
                } catch (EndOfFileException ignored) {
                    break
                } catch (Exception | Error e) {
                    registry.trace(e)
                }
            }
            registry.close()
            return 0
        } finally {
            terminal.close()
        }
    }
}
