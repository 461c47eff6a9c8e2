package dev.migrate.dsl

/**
 * What a column closure gets as {@code it} while the loader finds out whether it declares a rule: any use
 * of the value stops the closure, which marks it as code to run per row.
 */
final class ProbeValue {

    static final ProbeValue INSTANCE = new ProbeValue()

    private ProbeValue() {
    }

    def methodMissing(String name, Object args) {
        throw new ProbeAbort()
    }

    def propertyMissing(String name) {
        throw new ProbeAbort()
    }

    boolean asBoolean() {
        throw new ProbeAbort()
    }

    @Override
    String toString() {
        throw new ProbeAbort()
    }

    /** Thrown at the first use of the probe value; carries no stack trace. */
    static final class ProbeAbort extends RuntimeException {
        ProbeAbort() {
            super('probe', null, false, false)
        }
    }
}
