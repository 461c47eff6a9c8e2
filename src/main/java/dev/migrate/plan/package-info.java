/**
 * The immutable migration plan: what a script said, as plain Java values. The DSL produces it; the
 * engine consumes it and never sees a Groovy builder.
 */
package dev.migrate.plan;
