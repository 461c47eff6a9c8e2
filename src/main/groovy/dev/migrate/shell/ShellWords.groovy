package dev.migrate.shell

import dev.migrate.diff.SchemaPlan
import dev.migrate.dsl.MigrationSpec
import dev.migrate.engine.MigrationResult
import dev.migrate.plan.MigrationPlan

/**
 * The shell's words as static methods, imported into every statement (a class of its own, so that completion
 * offers them as it offers any imported method). They act on the shell's one {@link ShellCommands}.
 */
class ShellWords {

    static ShellCommands commands

    private static ShellCommands current() {
        if (commands == null) {
            throw new IllegalStateException('the migrate words work inside bin/migrate shell')
        }
        commands
    }

    static void tables() {
        current().tables()
    }

    static void describe(String table) {
        current().describe(table)
    }

    static void preview(String table, int rows = 10) {
        current().preview(table, rows)
    }

    static SchemaPlan plan() {
        current().plan()
    }

    /** {@code run()} as the user types it: the shell rewrites it to this, as every statement is a script whose own run() it would call. */
    static MigrationResult runMigration() {
        current().run()
    }

    static dev.migrate.engine.Verification.Result verify() {
        current().verify()
    }

    static MigrationPlan migration(String name, @DelegatesTo(value = MigrationSpec, strategy = Closure.DELEGATE_FIRST) Closure body) {
        current().migration(name, body)
    }

    /**
     * {@code run()} standing alone (not {@code x.run()}, not a method's definition, not inside a string) becomes
     * {@code runMigration()}.
     */
    static String rewrite(String statement) {
        StringBuilder out = new StringBuilder()
        char quote = 0
        int i = 0
        while (i < statement.length()) {
            char c = statement.charAt(i)
            if (quote != (char) 0) {
                out.append(c)
                if (c == (char) '\\' && i + 1 < statement.length()) {
                    out.append(statement.charAt(i + 1))
                    i += 2
                    continue
                }
                if (c == quote) {
                    quote = 0
                }
                i++
                continue
            }
            if (c == (char) '\'' || c == (char) '"') {
                quote = c
                out.append(c)
                i++
                continue
            }
            def call = statement.substring(i) =~ /^run\s*\(\s*\)/
            String before = out.toString()
            if (call.find() && !(before =~ /[\w.$]$/) && !(before =~ /(void|def|\w+)\s+$/)) {
                out.append('runMigration()')
                i += call.group().length()
                continue
            }
            out.append(c)
            i++
        }
        out.toString()
    }
}
