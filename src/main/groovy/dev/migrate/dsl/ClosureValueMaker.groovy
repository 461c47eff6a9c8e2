package dev.migrate.dsl

import dev.migrate.generate.RowContext
import dev.migrate.generate.ValueMaker
import groovy.transform.CompileStatic

/**
 * A generate block's {@code column('c') { ... }} as a {@link ValueMaker}: the closure sees {@code faker}, {@code random},
 * {@code rowNumber} and {@code oneOf} of the row being made; with a parameter, it gets the row so far.
 */
@CompileStatic
class ClosureValueMaker implements ValueMaker {

    private final Closure closure
    private final boolean wantsRow

    ClosureValueMaker(Closure closure) {
        this.closure = (Closure) closure.clone()
        // the row's words first, then the script's own helpers and variables
        this.closure.resolveStrategy = Closure.DELEGATE_FIRST
        // { ... } takes the row as it, { row -> ... } by name; only { -> ... } takes nothing
        this.wantsRow = closure.maximumNumberOfParameters >= 1
    }

    @Override
    Object make(RowContext row) {
        closure.delegate = row
        wantsRow ? closure.call(row.row) : closure.call()
    }
}
