package dev.migrate.plan;

/** A table named by the script, with where it was named (for messages). */
public record TableRef(String name, ScriptLocation location) {
}
