package dev.migrate.command;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.migrate.diff.SchemaPlan;
import dev.migrate.engine.Partitioner;
import dev.migrate.engine.RunChecks;
import dev.migrate.engine.SchemaMismatch;
import dev.migrate.plan.MigrationPlan;
import dev.migrate.schema.OtherObjects;
import dev.migrate.schema.SchemaSnapshot;
import dev.migrate.session.Resolution;
import dev.migrate.session.Session;

/**
 * The {@code plan} command, over a {@link Session}: reports the session's {@link Resolution} — every difference, the
 * DDL a run executes, what TRUNCATE_INSERT empties, and why a run would stop before changing anything — from the
 * same resolution {@code run} acts on. Touches nothing.
 */
public final class PlanMigration {

    private final Session session;

    public PlanMigration(Session session) {
        this.session = session;
    }

    public SchemaPlan plan() throws SQLException {
        Resolution resolved = session.resolution();
        MigrationPlan plan = resolved.plan();
        SchemaSnapshot targetSchema = session.targetSchema();
        List<String> ddl = new ArrayList<>(resolved.evolution().beforeLoad(resolved.selected(), targetSchema));
        ddl.addAll(resolved.evolution().afterLoad(resolved.filled()));
        List<String> notMigrated;
        try (Connection c = session.source().connection()) {
            notMigrated = OtherObjects.list(c, session.sourceSchema(), session.source().dialect().schemaIsCatalog());
        }
        List<String> refusals = new ArrayList<>(resolved.refusals());
        refusals.addAll(RunChecks.unfinished(plan, session.target(), targetSchema, session.journal(Instant.now()).states(resolved.targets())));
        List<String> movedWhole = List.of();
        try {
            movedWhole = Partitioner.movedWhole(session.source(), plan.settings(), resolved.jobs().jobs());
        } catch (SchemaMismatch undecided) {
            // no job is resolved until the script decides: the differences say what
        }
        return new SchemaPlan(plan.name(), plan.source().safeUrl(), plan.target().safeUrl(), resolved.differences(), ddl, notMigrated,
                resolved.emptied(), refusals, resolved.undecided(), resolved.selection(), resolved.nameChanges(), movedWhole);
    }
}
