package dev.migrate.shell

import spock.lang.Specification

/**
 * Every statement the shell runs is a script, whose own run() a bare {@code run()} would call: the shell makes it the
 * migration's, and leaves every other run alone.
 */
class ShellWordsSpec extends Specification {

    def "'#typed' is run as '#runs'"() {
        expect:
        ShellWords.rewrite(typed) == runs

        where:
        typed                                          || runs
        'run()'                                        || 'runMigration()'
        'r = run()'                                    || 'r = runMigration()'
        'println(run ( ))'                             || 'println(runMigration())'
        'x.run()'                                      || 'x.run()'
        'thread.run(); run()'                          || 'thread.run(); runMigration()'
        'target.execute "CALL run()"'                  || 'target.execute "CALL run()"'
        "target.execute 'CALL run()'"                  || "target.execute 'CALL run()'"
        'class J implements Runnable { void run() { } }' || 'class J implements Runnable { void run() { } }'
        'def run() { 1 }'                              || 'def run() { 1 }'
        'rerun()'                                      || 'rerun()'
    }
}
