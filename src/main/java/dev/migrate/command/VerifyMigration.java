package dev.migrate.command;

import java.sql.SQLException;

import dev.migrate.engine.Verification;
import dev.migrate.plan.MigrationPlan;
import dev.migrate.session.Session;

/**
 * The {@code verify} command, over a {@link Session}: compares every table the script moves, source against target,
 * from the session's catalogs ({@link Verification} does the comparing, in parallel, in the engine).
 */
public final class VerifyMigration {

    private final Session session;

    public VerifyMigration(Session session) {
        this.session = session;
    }

    /** The connections a verify needs on each side: a reader per worker for each range, and one for the work between. */
    public static int connections(MigrationPlan plan) {
        return 2 * plan.settings().parallelism() + 1;
    }

    public Verification.Result verify() throws SQLException {
        return new Verification(session.names().plan(), session.source(), session.target(), session.sourceSchema(), session.targetSchema()).run();
    }
}
