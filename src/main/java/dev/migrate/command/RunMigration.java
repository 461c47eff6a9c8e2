package dev.migrate.command;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrate.connect.Database;
import dev.migrate.ddl.SchemaEvolution;
import dev.migrate.engine.Cancellation;
import dev.migrate.engine.Cluster;
import dev.migrate.engine.Destination;
import dev.migrate.engine.DryRunDestination;
import dev.migrate.engine.Engine;
import dev.migrate.engine.HookFailure;
import dev.migrate.engine.JobPlanner;
import dev.migrate.engine.MigrationResult;
import dev.migrate.engine.ProgressListener;
import dev.migrate.engine.RunShipment;
import dev.migrate.engine.Rejects;
import dev.migrate.engine.Resumption;
import dev.migrate.engine.RunChecks;
import dev.migrate.engine.SchemaMismatch;
import dev.migrate.engine.Start;
import dev.migrate.engine.TableResult;
import dev.migrate.engine.TargetDestination;
import dev.migrate.journal.Journal;
import dev.migrate.journal.RunRefused;
import dev.migrate.journal.TableLocks;
import dev.migrate.journal.TableState;
import dev.migrate.plan.MigrationPlan;
import dev.migrate.plan.ScriptError;
import dev.migrate.plan.ScriptHook;
import dev.migrate.plan.WriteMode;
import dev.migrate.report.Json;
import dev.migrate.schema.LoadOrder;
import dev.migrate.schema.SchemaSnapshot;
import dev.migrate.schema.TableInfo;
import dev.migrate.session.Resolution;
import dev.migrate.session.Session;

/**
 * The {@code run} command, over a {@link Session}: runs the script's before hooks, then acts on the session's
 * {@link Resolution} — which checked everything it could before anything changes (the schema differences, the
 * script's names, filters and lookups, what TRUNCATE_INSERT would empty) — takes its tables' locks, refuses tables an
 * earlier run left half loaded, creates what is missing, empties the targets when the mode says so, moves every
 * table, builds the keys and indexes of the tables it created, records each step in the target's journal, and runs
 * the after hooks. A dry run does all of it against a destination that writes nothing, and changes nothing.
 */
public final class RunMigration {

    private static final Logger LOG = LoggerFactory.getLogger(RunMigration.class);
    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneId.systemDefault());

    private final Session session;
    /** The script's plan; once the session resolved it, with every target name decided. */
    private MigrationPlan plan;
    private final ProgressListener listener;
    private final Path results;
    private final Start start;
    private Cancellation cancellation = Cancellation.NEVER;
    private Cluster cluster;
    private Cluster.Script script;

    /**
     * @param results where this run's folder of reject files goes
     * @param start   what the run does with an unfinished run of this migration on this target
     */
    public RunMigration(Session session, ProgressListener listener, Path results, Start start) {
        this.session = session;
        this.plan = session.plan();
        this.listener = listener;
        this.results = results;
        this.start = start;
    }

    /** Partitions run as tasks of {@code cluster}, each compiling {@code script}; see {@link Cluster}. */
    public RunMigration on(Cluster cluster, Cluster.Script script) {
        this.cluster = cluster;
        this.script = script;
        return this;
    }

    /** The run stops when {@code switchOf} is pulled: see {@link Cancellation}. */
    public RunMigration cancelledBy(Cancellation switchOf) {
        this.cancellation = switchOf;
        return this;
    }

    /** The connections a run needs: a reader and a writer per worker, and on each side a few for the work between. */
    public static int sourceConnections(MigrationPlan plan) {
        return 2 * plan.settings().parallelism() + 1;
    }

    /** Beside its writers the target serves the session that holds the run's locks, a lookup being read, and the steps between tables. */
    public static int targetConnections(MigrationPlan plan) {
        return plan.settings().parallelism() + 3;
    }

    public MigrationResult run() throws SQLException {
        Instant started = session.opened();
        boolean dryRun = plan.settings().dryRun();
        Json.prepare();
        Database source = session.source();
        Database target = session.target();
        if (dryRun) {
            if (!plan.before().isEmpty()) {
                LOG.info("dry run: before {} hooks not run", "{ }");
            }
        } else {
            runHooks("before", plan.before(), source, target);
        }
        // everything that can be checked is checked before anything changes: the script's names first, then the
        // differences it has not decided, against the target as the run will leave it before the load
        Resolution resolved = session.resolution();
        plan = resolved.plan();
        Instant catalogsRead = session.catalogsRead();
        SchemaSnapshot targetSchema = session.targetSchema();
        List<TableInfo> selected = resolved.selected();
        SchemaEvolution evolution = resolved.evolution();
        JobPlanner.Resolution preview = resolved.jobs();
        refuseBreaking(resolved.breaking(), dryRun);
        for (String refusal : resolved.refusals()) {
            refuse(refusal, dryRun);
        }
        List<String> targets = resolved.targets();
        resolved.lookups().preload();
        SchemaSnapshot planned;

        if (cluster != null && !dryRun) {
            // a cluster that does not start stops the run here, before it creates or records anything
            LOG.debug("{} task slots on the cluster", cluster.slots());
        }
        Journal journal = session.journal(started);
        if (!dryRun) {
            journal.create();
        }
        try (TableLocks locks = dryRun ? null : TableLocks.take(target, journal, targets)) {
            Map<String, TableState> states = journal.states(targets);
            // a run that loaded one of these tables while this one read the catalogs changed what they show
            states.forEach((table, state) -> {
                if (state.updated().isAfter(catalogsRead)) {
                    refuse("table " + table + " was loaded by " + state.describeRun() + " while this run was starting;"
                            + " run this again to work from the table as it is now", dryRun);
                }
            });
            // the unfinished run of this migration, if any: --resume goes on with it, --restart removes what it wrote
            TableState previous = dryRun ? null : RunChecks.unfinishedRun(plan.name(), states);
            Map<String, TableState> ours = new LinkedHashMap<>();
            if (previous != null && start != Start.FRESH) {
                states.forEach((table, state) -> {
                    if (state.run().equals(previous.run())) {
                        ours.put(table.toLowerCase(Locale.ROOT), state);
                    }
                });
            }
            if (start == Start.RESUME && previous == null) {
                refuse("nothing to resume: no run of '" + plan.name() + "' left these tables unfinished in the target;"
                        + " run it without --resume", dryRun);
            }
            if (start == Start.RESTART && previous == null) {
                LOG.info("--restart: no run of '{}' left these tables unfinished; this run starts as any other", plan.name());
            }
            Map<String, TableState> others = new LinkedHashMap<>(states);
            others.keySet().removeIf(t -> ours.containsKey(t.toLowerCase(Locale.ROOT)));
            List<String> refusals = new ArrayList<>(RunChecks.unfinished(plan, target, targetSchema, others));
            List<String> emptied = new ArrayList<>();
            if (start == Start.RESTART) {
                refusals.addAll(RunChecks.restart(plan, target, targetSchema, ours, emptied));
            }
            if (!refusals.isEmpty()) {
                refuse(String.join("; ", refusals), dryRun);
            }
            evolution.adopt(selected, states.entrySet().stream().filter(e -> e.getValue().created() && e.getValue().unfinished())
                    .map(e -> e.getKey().toLowerCase(Locale.ROOT)).collect(Collectors.toSet()));
            planned = evolution.planned(selected, targetSchema);

            Resumption resumption = Resumption.NONE;
            if (start == Start.RESUME) {
                journal = journal.resuming(previous);
                Map<String, Journal.Progress> progress = new LinkedHashMap<>();
                for (String table : ours.keySet()) {
                    progress.put(table, journal.progress(table, previous.run()));
                }
                resumption = new Resumption(ours, progress);
                LOG.info("resuming {}: {} of its tables finished, {} go on", previous.describeRun(),
                        ours.values().stream().filter(st -> !st.unfinished()).count(), ours.values().stream().filter(TableState::unfinished).count());
            }
            // everything is checked: what the run moves, and why, before it changes anything
            LOG.info("{}", resolved.selection());
            // the changes: the tables the run empties first, so that one it may not empty stops it before it creates any
            if (!emptied.isEmpty()) {
                empty(target, emptied, "--restart");
            }
            if (!dryRun && plan.settings().mode() == WriteMode.TRUNCATE_INSERT) {
                Set<String> keep = new LinkedHashSet<>();
                for (String table : targets) {
                    TableState resumed = ours.get(table.toLowerCase(Locale.ROOT));
                    if (start == Start.RESUME && resumed != null && (!resumed.unfinished() || resumed.partitions() > 0)) {
                        // emptied when the unfinished run began it: what is there now is that run's
                        keep.add(table.toLowerCase(Locale.ROOT));
                    }
                }
                begin(journal, evolution, targets, ours);
                empty(target, preview.childrenFirst(targetSchema, keep), null);
            }
            if (!dryRun && evolution.prepare(selected, targetSchema)) {
                targetSchema = session.reloadTarget();
            }
            JobPlanner.Resolution resolution = resolved.jobsAgainst(targetSchema, planned);
            Destination destination = dryRun ? new DryRunDestination(resolved.lookups()) : new TargetDestination(target, journal);
            LOG.info("{} table(s) from {} ({}) to {} ({}), {} worker(s){}", resolution.jobs().size(), source.dialect().name(),
                    plan.source().safeUrl(), target.dialect().name(), plan.target().safeUrl(),
                    cluster != null && !dryRun ? cluster.slots() : destination.workers(plan.settings()),
                    dryRun ? ", dry run: nothing is written" : "");
            if (!dryRun && plan.settings().mode() != WriteMode.TRUNCATE_INSERT) {
                begin(journal, evolution, targets, ours);
            }
            List<TableResult> tables;
            String run = plan.name().replaceAll("[^A-Za-z0-9._-]+", "_") + "-" + RUN_STAMP.format(started);
            try (Rejects rejects = new Rejects(results.resolve(run), plan.settings().maxRejects())) {
                Engine engine = new Engine(source, destination, plan.settings(), listener, rejects, resolved.lookups())
                        .resuming(start == Start.RESUME ? resumption : Resumption.NONE)
                        .cancelledBy(cancellation);
                if (cluster != null && dryRun) {
                    LOG.info("dry run: its partitions are read here, not on {}", cluster.describe());
                } else if (cluster != null) {
                    if (!journal.enabled()) {
                        throw new RunRefused("a run on a cluster needs its journal (" + plan.settings().journal() + "), by which a task"
                                + " that is run again never writes its partition twice; let the user create it, or create it once as another user");
                    }
                    engine.on(cluster, new RunShipment(script.name(), script.text(), script.environment(), plan.settings(), plan.source(),
                            plan.target(), resolved.sourceSchema(), targetSchema, planned, ZoneId.systemDefault().getId(), plan.name(),
                            journal.runId(), started, journal.enabled(), null));
                }
                long clock = System.nanoTime();
                tables = engine.run(resolution.jobs(), resolution.order());
                LOG.debug("rows moved in {} ms", (System.nanoTime() - clock) / 1_000_000);
            }
            String error = null;
            if (!dryRun) {
                error = complete(evolution, journal, targets, tables, targetSchema);
            }
            boolean succeeded = error == null && tables.stream().allMatch(t -> t.status() == TableResult.Status.DONE);
            if (!dryRun && succeeded) {
                runHooks("after", plan.after(), source, target);
            } else if (!plan.after().isEmpty()) {
                LOG.info("after {} hooks not run: {}", "{ }", dryRun ? "dry run" : "a table failed");
            }
            List<String> cycles = resolution.order().cycles().stream().map(LoadOrder::describe).toList();
            return new MigrationResult(plan.name(), plan.script(), plan.source().safeUrl(), plan.target().safeUrl(),
                    dryRun, started, Instant.now(), tables, cycles, error, start == Start.RESUME ? previous.describeRun() : null);
        }
    }

    /** Each target table's journal record starts: anew, or, for the tables of the run this one resumes, where that run left it. */
    private void begin(Journal journal, SchemaEvolution evolution, List<String> targets, Map<String, TableState> ours) throws SQLException {
        for (String table : targets) {
            if (start == Start.RESUME && ours.containsKey(table.toLowerCase(Locale.ROOT))) {
                journal.resume(table);
            } else {
                journal.begin(table, evolution.creates(table));
            }
        }
    }

    /**
     * Builds the keys, indexes and foreign keys of the tables this run created and loaded, then records in the
     * journal how each table ended. Returns why completing failed, or null.
     */
    private String complete(SchemaEvolution evolution, Journal journal, List<String> targets, List<TableResult> tables,
                            SchemaSnapshot targetSchema) throws SQLException {
        Set<String> unfinished = tables.stream().filter(t -> t.status() != TableResult.Status.DONE)
                .map(t -> t.table().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Set<String> done = tables.stream().map(t -> t.table().toLowerCase(Locale.ROOT)).filter(t -> !unfinished.contains(t))
                .collect(Collectors.toSet());
        String error = null;
        long clock = System.nanoTime();
        try {
            evolution.complete(done, targetSchema, (table, sql) -> journal.recordStep(table, sql));
            LOG.debug("after the load: done in {} ms", (System.nanoTime() - clock) / 1_000_000);
        } catch (SQLException e) {
            error = "the rows are in, but building the keys and indexes failed: " + Engine.oneLine(e);
        }
        for (String table : targets) {
            String key = table.toLowerCase(Locale.ROOT);
            long rows = tables.stream().filter(t -> t.table().equalsIgnoreCase(table)).mapToLong(TableResult::rowsWritten).sum();
            journal.finish(table, error == null && done.contains(key), rows);
        }
        return error;
    }

    /**
     * No row moves while a difference that can lose or refuse values has no decision in the script. A dry run
     * names them and goes on, so that it shows what the rows would do.
     */
    private static void refuseBreaking(List<String> breaking, boolean dryRun) {
        if (breaking.isEmpty()) {
            return;
        }
        if (!dryRun) {
            throw new SchemaMismatch(breaking);
        }
        breaking.forEach(b -> LOG.warn("dry run, undecided: {}", b));
    }

    /** A run stops here, before it changes anything; a dry run says that a run would, and goes on. */
    private static void refuse(String reason, boolean dryRun) {
        if (!dryRun) {
            throw new RunRefused(reason);
        }
        LOG.warn("dry run: a run would stop here: {}", reason);
    }

    /** Empties {@code tables} (qualified names, children first) with the target's statements for it; {@code why} is logged with them. */
    private static void empty(Database target, List<String> tables, String why) throws SQLException {
        if (tables.isEmpty()) {
            return;
        }
        Connection c = target.connection();
        try (Statement s = c.createStatement()) {
            for (String sql : target.dialect().emptyTables(tables)) {
                LOG.info("{}{}", why == null ? "" : why + ": ", sql);
                s.execute(sql);
            }
            c.close();
        } catch (SQLException | RuntimeException e) {
            // its session settings (checks turned off) are unknown now
            target.discard(c);
            throw e;
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
