package dev.migrate.session;

import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrate.connect.Database;
import dev.migrate.diff.NameFolding;
import dev.migrate.dialect.Role;
import dev.migrate.engine.JobPlanner;
import dev.migrate.engine.QueryTables;
import dev.migrate.journal.Journal;
import dev.migrate.plan.MigrationPlan;
import dev.migrate.schema.SchemaSnapshot;
import dev.migrate.schema.TableInfo;

/**
 * Where every command stands: a migration's two databases, opened once (at the same time), their catalogs read once
 * when a command first asks for them, and the script resolved once against them ({@link Resolution}). {@code run},
 * {@code plan}, {@code verify} and {@code scaffold} are small objects over a session, so that what one of them checks
 * is what the others check, from the same reading of the same databases.
 */
public final class Session implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Session.class);

    private final MigrationPlan plan;
    private final Database source;
    private final Database target;
    private final Instant opened;
    private SchemaSnapshot sourceSchema;
    private SchemaSnapshot targetSchema;
    private Instant catalogsRead;
    private NameFolding names;
    private Resolution resolution;

    private Session(MigrationPlan plan, Database source, Database target, Instant opened) {
        this.plan = plan;
        this.source = source;
        this.target = target;
        this.opened = opened;
    }

    /**
     * Opens both databases at once (each takes a few round trips) with pools of the given sizes; when one cannot be
     * opened, the other is closed again and the first failure is thrown.
     */
    public static Session open(MigrationPlan plan, int sourceConnections, int targetConnections) throws SQLException {
        Instant opened = Instant.now();
        long clock = System.nanoTime();
        CompletableFuture<Database> opening = CompletableFuture.supplyAsync(() -> Database.open(plan.target(), Role.TARGET, targetConnections));
        Database source;
        try {
            source = Database.open(plan.source(), Role.SOURCE, sourceConnections);
        } catch (RuntimeException | Error e) {
            opening.thenAccept(Database::close);
            throw e;
        }
        try {
            Database target = joined(opening);
            LOG.debug("connected in {} ms", (System.nanoTime() - clock) / 1_000_000);
            return new Session(plan, source, target, opened);
        } catch (SQLException | RuntimeException | Error e) {
            source.close();
            throw e;
        }
    }

    public MigrationPlan plan() {
        return plan;
    }

    /** When the session began to open its databases: where a command's time starts. */
    public Instant opened() {
        return opened;
    }

    public Database source() {
        return source;
    }

    public Database target() {
        return target;
    }

    /** The source's catalog with the script's queries as tables of their own; read at the first call. */
    public SchemaSnapshot sourceSchema() throws SQLException {
        readCatalogs();
        return sourceSchema;
    }

    /** The target's catalog as it was when the session read it. */
    public SchemaSnapshot targetSchema() throws SQLException {
        readCatalogs();
        return targetSchema;
    }

    /** When the catalogs were read: a change the journal shows after it is one the catalogs may not show. */
    public Instant catalogsRead() throws SQLException {
        readCatalogs();
        return catalogsRead;
    }

    /** The target's catalog read again, after the session's command changed it (created or altered tables). */
    public SchemaSnapshot reloadTarget() throws SQLException {
        targetSchema = target.readSchema();
        return targetSchema;
    }

    /**
     * The target names of the tables the script moves and of their columns, as its {@code identifiers} setting folds
     * them; its plan with those names, which every command that looks at the target works from. Made at the first call.
     */
    public NameFolding names() throws SQLException {
        if (names == null) {
            List<TableInfo> selected = new JobPlanner(plan, source.dialect(), target.dialect(), ZoneId.systemDefault()).selectTables(sourceSchema());
            names = NameFolding.of(plan, selected);
        }
        return names;
    }

    /** The script resolved against both catalogs, with every check made before anything changes; made at the first call. */
    public Resolution resolution() throws SQLException {
        if (resolution == null) {
            readCatalogs();
            long clock = System.nanoTime();
            resolution = Resolution.of(this);
            LOG.debug("script resolved against the catalogs (compare, plan) in {} ms", (System.nanoTime() - clock) / 1_000_000);
        }
        return resolution;
    }

    /** The target's journal, as the script's settings name it, for a run that starts at {@code started}. */
    public Journal journal(Instant started) {
        return new Journal(target, plan.name(), started, plan.settings().journalSchema(), plan.settings().journalName());
    }

    private void readCatalogs() throws SQLException {
        if (sourceSchema != null) {
            return;
        }
        long clock = System.nanoTime();
        catalogsRead = Instant.now();
        // one catalog after the other: SchemaCrawler keeps state of its own that two crawls at once would share
        SchemaSnapshot read = QueryTables.withQueries(plan, source, source.readSchema());
        LOG.debug("source catalog read in {} ms", (System.nanoTime() - clock) / 1_000_000);
        long targetClock = System.nanoTime();
        targetSchema = target.readSchema();
        LOG.debug("target catalog read in {} ms", (System.nanoTime() - targetClock) / 1_000_000);
        sourceSchema = read;
        LOG.debug("catalogs read in {} ms", (System.nanoTime() - clock) / 1_000_000);
    }

    @Override
    public void close() {
        try (Database s = source; Database t = target) {
            // both closed, whatever happens to the first
        }
    }

    /** The value of work done on another thread; its failure is thrown here as it was thrown there. */
    private static <T> T joined(CompletableFuture<T> work) throws SQLException {
        try {
            return work.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException s) {
                throw s;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error r) {
                throw r;
            }
            throw e;
        }
    }
}
