package dev.migrate.dsl

import dev.migrate.plan.ValueTransform
import groovy.transform.CompileStatic

/**
 * A script's closure as a {@link ValueTransform}. A closure with one parameter gets the column's value;
 * with two, the value and the whole source row.
 */
@CompileStatic
class ClosureTransform implements ValueTransform {

    private final Closure closure
    private final boolean wantsRow

    ClosureTransform(Closure closure) {
        // the owner stays: the script's own helpers and variables are reachable from the closure
        this.closure = (Closure) closure.clone()
        this.closure.resolveStrategy = Closure.OWNER_FIRST
        this.wantsRow = closure.maximumNumberOfParameters >= 2
    }

    @Override
    Object apply(Object value, Map<String, Object> row) {
        wantsRow ? closure.call(value, row) : closure.call(value)
    }
}
