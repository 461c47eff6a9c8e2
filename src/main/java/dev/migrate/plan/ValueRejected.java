package dev.migrate.plan;

/** A value a script's rule does not accept: the row goes to the reject file with this reason. */
public class ValueRejected extends Exception {
    public ValueRejected(String reason) {
        super(reason);
    }
}
