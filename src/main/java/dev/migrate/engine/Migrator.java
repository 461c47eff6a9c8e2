package dev.migrate.engine;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrate.connect.Database;
import dev.migrate.ddl.SchemaEvolution;
import dev.migrate.diff.Category;
import dev.migrate.diff.Difference;
import dev.migrate.diff.SchemaComparer;
import dev.migrate.dialect.Role;
import dev.migrate.plan.MigrationPlan;
import dev.migrate.plan.ScriptError;
import dev.migrate.plan.ScriptHook;
import dev.migrate.plan.WriteMode;
import dev.migrate.schema.LoadOrder;
import dev.migrate.schema.SchemaSnapshot;

/**
 * The {@code run} command: connects, runs the script's before hooks, reads both catalogs, resolves the
 * plan, empties the targets when the mode says so, moves every table, then runs the after hooks.
 */
public final class Migrator {

    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);
    private static final java.time.format.DateTimeFormatter RUN_STAMP =
            java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneId.systemDefault());

    private final MigrationPlan plan;
    private final ProgressListener listener;
    private final Path results;

    public Migrator(MigrationPlan plan, ProgressListener listener) {
        this(plan, listener, Path.of("results"));
    }

    /** @param results where this run's folder of reject files goes */
    public Migrator(MigrationPlan plan, ProgressListener listener, Path results) {
        this.plan = plan;
        this.listener = listener;
        this.results = results;
    }

    public MigrationResult run() throws SQLException {
        Instant started = Instant.now();
        boolean dryRun = plan.settings().dryRun();
        int parallelism = plan.settings().parallelism();
        dev.migrate.report.Json.prepare();
        // both databases are opened at the same time: each takes a few round trips
        CompletableFuture<Database> opening = CompletableFuture.supplyAsync(() -> Database.open(plan.target(), Role.TARGET, parallelism + 1));
        Database opened;
        try {
            opened = Database.open(plan.source(), Role.SOURCE, 2 * parallelism + 1);
        } catch (RuntimeException | Error e) {
            opening.thenAccept(Database::close);
            throw e;
        }
        try (Database source = opened; Database target = joined(opening)) {
            LOG.debug("connected in {} ms", java.time.Duration.between(started, Instant.now()).toMillis());
            if (dryRun) {
                if (!plan.before().isEmpty()) {
                    LOG.info("dry run: before {} hooks not run", "{ }");
                }
            } else {
                runHooks("before", plan.before(), source, target);
            }
            long clock = System.nanoTime();
            // one catalog after the other: SchemaCrawler keeps state of its own that two crawls at once would share
            SchemaSnapshot sourceSchema = QueryTables.withQueries(plan, source, source.readSchema());
            SchemaSnapshot targetSchema = target.readSchema();
            LOG.debug("catalogs read in {} ms", (System.nanoTime() - clock) / 1_000_000);
            JobPlanner planner = new JobPlanner(plan, source.dialect(), target.dialect(), ZoneId.systemDefault());
            SchemaEvolution evolution = new SchemaEvolution(plan, source, target);
            if (!dryRun && evolution.prepare(planner.selectTables(sourceSchema), targetSchema)) {
                targetSchema = target.readSchema();
            }
            JobPlanner.Resolution resolution = planner.resolve(sourceSchema, targetSchema);
            refuseBreaking(new SchemaComparer(plan, source.dialect(), target.dialect())
                    .compare(planner.selectTables(sourceSchema), targetSchema), dryRun);
            LOG.info("{} table(s) from {} ({}) to {} ({}), {} worker(s){}", resolution.jobs().size(), source.dialect().name(),
                    plan.source().safeUrl(), target.dialect().name(), plan.target().safeUrl(), Engine.workers(plan.settings(), target),
                    dryRun ? ", dry run: nothing is written" : "");
            if (!dryRun && plan.settings().mode() == WriteMode.TRUNCATE_INSERT) {
                truncate(target, resolution);
            }
            Lookups lookups = Lookups.load(plan, source, sourceSchema, target, targetSchema);
            List<TableResult> tables;
            String run = plan.name().replaceAll("[^A-Za-z0-9._-]+", "_") + "-" + RUN_STAMP.format(started);
            try (Rejects rejects = new Rejects(results.resolve(run), plan.settings().maxRejects())) {
                tables = new Engine(source, dryRun ? null : target, plan.settings(), listener, rejects, lookups)
                        .run(resolution.jobs(), resolution.order());
            }
            if (!dryRun) {
                Set<String> unfinished = tables.stream().filter(t -> t.status() != TableResult.Status.DONE)
                        .map(t -> t.table().toLowerCase()).collect(java.util.stream.Collectors.toSet());
                evolution.complete(tables.stream().map(t -> t.table().toLowerCase()).filter(t -> !unfinished.contains(t))
                        .collect(java.util.stream.Collectors.toSet()));
            }
            boolean succeeded = tables.stream().allMatch(t -> t.status() == TableResult.Status.DONE);
            if (!dryRun && succeeded) {
                runHooks("after", plan.after(), source, target);
            } else if (!plan.after().isEmpty()) {
                LOG.info("after {} hooks not run: {}", "{ }", dryRun ? "dry run" : "a table failed");
            }
            List<String> cycles = resolution.order().cycles().stream().map(LoadOrder::describe).toList();
            return new MigrationResult(plan.name(), plan.script(), plan.source().safeUrl(), plan.target().safeUrl(),
                    dryRun, started, Instant.now(), tables, cycles);
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

    /**
     * No row moves while a difference that can lose or refuse values has no decision in the script. A dry run
     * names them and goes on, so that it shows what the rows would do.
     */
    private static void refuseBreaking(List<Difference> differences, boolean dryRun) {
        List<String> breaking = differences.stream().filter(d -> d.category() == Category.BREAKING).map(Difference::describe).toList();
        if (breaking.isEmpty()) {
            return;
        }
        if (!dryRun) {
            throw new SchemaMismatch(breaking);
        }
        breaking.forEach(b -> LOG.warn("dry run, undecided: {}", b));
    }

    /** Empties the run's target tables, children before parents. */
    private void truncate(Database target, JobPlanner.Resolution resolution) throws SQLException {
        List<String> tables = new ArrayList<>();
        for (String id : resolution.order().tables()) {
            resolution.jobs().stream().filter(j -> j.id().equals(id)).findFirst()
                    .map(j -> j.target().qualifiedName()).filter(t -> !tables.contains(t)).ifPresent(tables::add);
        }
        Collections.reverse(tables);
        try (Connection c = target.connection(); Statement s = c.createStatement()) {
            for (String table : tables) {
                s.execute(target.dialect().truncate(table));
            }
        }
    }

    private void runHooks(String kind, List<ScriptHook> hooks, Database source, Database target) {
        for (ScriptHook hook : hooks) {
            try {
                hook.run(source.dataSource(), target.dataSource());
            } catch (Exception e) {
                // a mistake the script's own words report already carries its line, given here once
                String reason = e instanceof ScriptError mistake ? mistake.reason() : Engine.oneLine(e);
                throw new HookFailure(kind + " hook " + scriptLine(e) + "failed: " + source.endpoint().scrub(target.endpoint().scrub(reason)), e);
            }
        }
    }

    private String scriptLine(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if (plan.script().equals(frame.getFileName()) && frame.getLineNumber() > 0) {
                    return "(" + plan.script() + ", line " + frame.getLineNumber() + ") ";
                }
            }
        }
        return "";
    }
}
