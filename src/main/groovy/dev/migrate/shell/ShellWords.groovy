package dev.migrate.shell

import dev.migrate.diff.SchemaPlan
import dev.migrate.engine.MigrationResult
import dev.migrate.engine.Verification
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

    static Verification.Result verify() {
        current().verify()
    }

    static MigrationPlan migration(String name, @DelegatesTo(value = dev.migrate.dsl.MigrationSpec, strategy = Closure.DELEGATE_FIRST) Closure body) {
        current().migration(name, body)
    }

    /** {@code run()} standing alone (not {@code x.run()}) becomes {@code runMigration()}. */
    static String rewrite(String statement) {
        statement.replaceAll(/(?<![\w.$])run\s*\(\s*\)/, 'runMigration()')
    }
}
