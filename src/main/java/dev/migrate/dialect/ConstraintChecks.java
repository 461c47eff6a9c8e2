package dev.migrate.dialect;

import java.util.List;

/**
 * How a database turns foreign-key checks off and on again for one session, so that tables which
 * reference each other can be loaded in any order.
 */
public record ConstraintChecks(Scope scope, List<String> disable, List<String> enable) {

    /** Whether the statements act on the session that runs them or on the whole database. */
    public enum Scope { SESSION, DATABASE }

    public static ConstraintChecks session(List<String> disable, List<String> enable) {
        return new ConstraintChecks(Scope.SESSION, disable, enable);
    }

    public static ConstraintChecks database(List<String> disable, List<String> enable) {
        return new ConstraintChecks(Scope.DATABASE, disable, enable);
    }


    public ConstraintChecks {
        disable = List.copyOf(disable);
        enable = List.copyOf(enable);
    }
}
