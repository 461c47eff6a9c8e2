package dev.migrate.command;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import dev.migrate.connect.Database;
import dev.migrate.connect.TargetDatabase;
import dev.migrate.dialect.Role;
import dev.migrate.diff.SchemaPlan;
import dev.migrate.engine.Cancellation;
import dev.migrate.engine.Cluster;
import dev.migrate.engine.MigrationResult;
import dev.migrate.engine.ProgressListener;
import dev.migrate.engine.Start;
import dev.migrate.engine.Verification;
import dev.migrate.generate.GenerationPlan;
import dev.migrate.plan.MigrationPlan;
import dev.migrate.session.Session;
import dev.migrate.versions.FolderSession;
import dev.migrate.versions.FolderState;
import dev.migrate.versions.MigrationsFolder;
import dev.migrate.versions.Version;

/**
 * Every command in one call: opens a {@link Session} sized for the command, runs the command's object over it, and
 * closes it. The command line, and anything else that drives the tool, starts here.
 */
public final class Migrate {

    private Migrate() {
    }

    public static MigrationResult run(MigrationPlan plan, ProgressListener listener) throws SQLException {
        return run(plan, listener, Path.of("results"));
    }

    public static MigrationResult run(MigrationPlan plan, ProgressListener listener, Path results) throws SQLException {
        return run(plan, listener, results, Start.FRESH);
    }

    /** @param start what the run does with an unfinished run of this migration on this target */
    public static MigrationResult run(MigrationPlan plan, ProgressListener listener, Path results, Start start) throws SQLException {
        return run(plan, listener, results, start, Cancellation.NEVER);
    }

    /** @param cancellation pulled, the run stops: no table starts, running partitions roll back */
    public static MigrationResult run(MigrationPlan plan, ProgressListener listener, Path results, Start start, Cancellation cancellation)
            throws SQLException {
        createTargetDatabase(plan);
        try (Session session = Session.open(plan, RunMigration.sourceConnections(plan), RunMigration.targetConnections(plan))) {
            return new RunMigration(session, listener, results, start).cancelledBy(cancellation).run();
        }
    }

    /** A run whose partitions are tasks of {@code cluster}; each task compiles {@code script}. */
    public static MigrationResult run(MigrationPlan plan, ProgressListener listener, Path results, Start start, Cluster cluster,
                                      Cluster.Script script) throws SQLException {
        createTargetDatabase(plan);
        try (Session session = Session.open(plan, RunMigration.sourceConnections(plan), RunMigration.targetConnections(plan))) {
            return new RunMigration(session, listener, results, start).on(cluster, script).run();
        }
    }

    /** {@code createDatabase true}: a run (never a dry run, never {@code plan}) creates the target's database when it is missing. */
    private static void createTargetDatabase(MigrationPlan plan) {
        if (plan.target().createDatabase() && !plan.settings().dryRun()) {
            TargetDatabase.createIfMissing(plan.target());
        }
    }

    /** {@code generate}: the block's tables filled with fake rows, in the database the block names (or the migration's source). */
    public static GenerateData.Result generate(GenerationPlan plan) throws SQLException {
        // written to: the database being rehearsed on is opened for writing, not read-only as a migration's source is
        try (Database database = Database.open(plan.database(), Role.TARGET, 2, "database")) {
            return new GenerateData(database, plan).generate();
        }
    }

    public static SchemaPlan plan(MigrationPlan plan) throws SQLException {
        try (Session session = Session.open(plan, 2, 2)) {
            return new PlanMigration(session).plan();
        }
    }

    public static Verification.Result verify(MigrationPlan plan) throws SQLException {
        // resolved as a dry run resolves: every value read as what it is, never as the source prints it
        MigrationPlan verified = plan.withSettings(plan.settings().toBuilder().dryRun(true).build());
        try (Session session = Session.open(verified, VerifyMigration.connections(verified), VerifyMigration.connections(verified))) {
            return new VerifyMigration(session).verify();
        }
    }

    public static ScaffoldMigration.Scaffold scaffold(MigrationPlan plan) throws SQLException {
        try (Session session = Session.open(plan, 2, 2)) {
            return new ScaffoldMigration(session).scaffold();
        }
    }

    /** {@code up}: the folder's pending versions applied, up to {@code to} (all when null). */
    public static ApplyVersions.Result up(MigrationsFolder folder, Version to, boolean resume, Path results, ProgressListener listener)
            throws Exception {
        try (FolderSession session = new FolderSession(folder)) {
            return new ApplyVersions(session, to, resume, results, listener).up();
        }
    }

    /** {@code info} and {@code validate}: where the target stands against the folder. */
    public static FolderState state(MigrationsFolder folder) throws SQLException {
        try (FolderSession session = new FolderSession(folder)) {
            return session.state();
        }
    }

    /** {@code repair}: failed entries removed, changed checksums realigned; what it did. */
    public static List<String> repair(MigrationsFolder folder) throws Exception {
        try (FolderSession session = new FolderSession(folder)) {
            return new RepairVersions(session).repair();
        }
    }

    /** {@code down}: the newest {@code steps} versions (or every one above {@code to}) undone, newest first. */
    public static ApplyVersions.Result down(MigrationsFolder folder, Version to, int steps, Path results, ProgressListener listener)
            throws Exception {
        try (FolderSession session = new FolderSession(folder)) {
            return new UndoVersions(session, to, steps, results, listener).down();
        }
    }

    /** {@code baseline}: an empty history marked as at {@code version}; what it did. */
    public static String baseline(MigrationsFolder folder, Version version) throws Exception {
        try (FolderSession session = new FolderSession(folder)) {
            return new BaselineVersions(session, version).baseline();
        }
    }

    /** {@code new}: the folder's next version, a data move scaffolded from the source and target as they are. */
    public static NewVersion.Written newVersion(MigrationsFolder folder, String description) throws Exception {
        return new NewVersion(folder, description).write();
    }

    /** {@code up --sql}: the SQL up would run, run nowhere. */
    public static OfflineVersions.Offline offline(MigrationsFolder folder, Version to) throws Exception {
        try (FolderSession session = new FolderSession(folder)) {
            return new OfflineVersions(session, to).sql();
        }
    }
}
