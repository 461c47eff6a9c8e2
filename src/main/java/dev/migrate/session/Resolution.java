package dev.migrate.session;

import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.migrate.connect.Database;
import dev.migrate.ddl.SchemaEvolution;
import dev.migrate.diff.Category;
import dev.migrate.diff.Difference;
import dev.migrate.diff.NameFolding;
import dev.migrate.diff.SchemaComparer;
import dev.migrate.engine.Engine;
import dev.migrate.engine.JobPlanner;
import dev.migrate.engine.Lookups;
import dev.migrate.engine.RunChecks;
import dev.migrate.engine.SchemaMismatch;
import dev.migrate.plan.MigrationPlan;
import dev.migrate.plan.WriteMode;
import dev.migrate.schema.SchemaSnapshot;
import dev.migrate.schema.TableInfo;

/**
 * The script resolved against both catalogs, once, for every command of a session: the tables it moves, the target
 * as the run leaves it before the load, the table jobs and their load order, every schema difference, the lookups,
 * what mode TRUNCATE_INSERT empties, and why a run would stop before changing anything. {@code plan} reports it and
 * {@code run} acts on it, so the two cannot disagree: whatever a run refuses, {@code plan} lists.
 *
 * <p>Making it changes nothing. A mistake in the script's own words (a misspelt column in {@code rename},
 * {@code ignore} or {@code column}, a lookup into no table, a {@code where} the source refuses) is thrown as the
 * {@link dev.migrate.plan.ScriptError} it is; differences the script has not decided are kept, for {@code run} to
 * refuse and {@code plan} to list.
 */
public final class Resolution {

    private final MigrationPlan plan;
    private final List<String> nameChanges;
    private final JobPlanner planner;
    private final SchemaSnapshot sourceSchema;
    private final List<TableInfo> selected;
    private final String selection;
    private final SchemaEvolution evolution;
    private final SchemaSnapshot planned;
    private final JobPlanner.Resolution jobs;
    private final SchemaMismatch undecided;
    private final List<Difference> differences;
    private final List<String> targets;
    private final Lookups lookups;
    private final List<String> emptied;
    private final List<String> refusals;

    private Resolution(MigrationPlan plan, List<String> nameChanges, JobPlanner planner, SchemaSnapshot sourceSchema, List<TableInfo> selected, String selection, SchemaEvolution evolution, SchemaSnapshot planned, JobPlanner.Resolution jobs,
                       SchemaMismatch undecided, List<Difference> differences, List<String> targets, Lookups lookups, List<String> emptied,
                       List<String> refusals) {
        this.plan = plan;
        this.nameChanges = nameChanges;
        this.planner = planner;
        this.sourceSchema = sourceSchema;
        this.selected = selected;
        this.selection = selection;
        this.evolution = evolution;
        this.planned = planned;
        this.jobs = jobs;
        this.undecided = undecided;
        this.differences = differences;
        this.targets = targets;
        this.lookups = lookups;
        this.emptied = emptied;
        this.refusals = refusals;
    }

    static Resolution of(Session session) throws SQLException {
        Database source = session.source();
        Database target = session.target();
        SchemaSnapshot sourceSchema = session.sourceSchema();
        SchemaSnapshot targetSchema = session.targetSchema();
        // every name in the target is the one the run gives it: the identifiers setting's, or the script's
        NameFolding names = session.names();
        MigrationPlan plan = names.plan();
        boolean dryRun = plan.settings().dryRun();
        JobPlanner planner = new JobPlanner(plan, source.dialect(), target.dialect(), ZoneId.systemDefault());
        List<TableInfo> selected = planner.selectTables(sourceSchema);
        // why, as the script says it: the folded plan has a table block for every table it moves
        String selection = new JobPlanner(session.plan(), source.dialect(), target.dialect(), ZoneId.systemDefault()).select(sourceSchema).reason();
        SchemaEvolution evolution = new SchemaEvolution(plan, source, target);
        // the target as the run will leave it before the load: the tables it creates, the columns it adds
        SchemaSnapshot planned = evolution.planned(selected, targetSchema);
        JobPlanner.Resolution jobs = null;
        SchemaMismatch undecided = null;
        try {
            // a dry run creates nothing: its jobs write to the tables as they are
            jobs = planner.resolve(sourceSchema, dryRun ? targetSchema : planned, planned);
        } catch (SchemaMismatch e) {
            undecided = e;
        }
        // a column schema CREATE_AND_ALTER adds is no missing column: the run adds it (its name is still checked)
        SchemaSnapshot altered = evolution.altered(selected, targetSchema);
        List<Difference> differences = new SchemaComparer(plan, source.dialect(), target.dialect()).compare(selected, targetSchema).stream()
                .filter(d -> !((d.kind() == Difference.Kind.NO_TARGET_COLUMN || d.kind() == Difference.Kind.PROBABLY_RENAMED) && d.column() != null
                        && targetSchema.table(d.table()).flatMap(t -> t.column(d.column())).isEmpty()
                        && altered.table(d.table()).flatMap(t -> t.column(d.column())).isPresent()))
                .toList();
        RunChecks.whereClauses(plan, selected, source);
        List<String> targets = RunChecks.targetTables(plan, selected, targetSchema);
        Lookups lookups = Lookups.prepare(plan, source, sourceSchema, target, planned, targetSchema, lowerCase(targets));
        List<String> refusals = new ArrayList<>();
        if (jobs != null) {
            String cycles = Engine.cycleRefusal(jobs.order(), target.dialect());
            if (cycles != null) {
                refusals.add(cycles);
            }
        }
        List<String> emptied = new ArrayList<>();
        if (plan.settings().mode() == WriteMode.TRUNCATE_INSERT) {
            targets.stream().filter(t -> targetSchema.table(t).isPresent()).forEach(emptied::add);
            Map<String, Set<String>> outside = RunChecks.referencedFromOutside(target, targetSchema, targets);
            if (!outside.isEmpty()) {
                refusals.add(RunChecks.truncateRefusal(outside));
            }
        }
        return new Resolution(plan, names.changes(), planner, sourceSchema, selected, selection, evolution, planned, jobs, undecided, List.copyOf(differences), List.copyOf(targets), lookups,
                List.copyOf(emptied), List.copyOf(refusals));
    }

    /** The script's plan with every target name decided: as the script writes it, or as its {@code identifiers} setting folds it. */
    public MigrationPlan plan() {
        return plan;
    }

    /** The names the {@code identifiers} setting changes: {@code Album → album}, {@code Album.AlbumId → album.album_id}. */
    public List<String> nameChanges() {
        return nameChanges;
    }

    /** The source's tables as the jobs were resolved against them, queries included. */
    public SchemaSnapshot sourceSchema() {
        return sourceSchema;
    }

    /** The source tables the script moves, queries included. */
    public List<TableInfo> selected() {
        return selected;
    }

    /** Which tables the script moves and why, in one line: {@code "3 tables: the ones `tables` lists"}. */
    public String selection() {
        return selection;
    }

    /** What the run creates, alters and builds after the load, for these tables. */
    public SchemaEvolution evolution() {
        return evolution;
    }

    /** The target as the run leaves it before the load. */
    public SchemaSnapshot planned() {
        return planned;
    }

    /** The table jobs and their load order; throws the differences the script has not decided, when there are any. */
    public JobPlanner.Resolution jobs() {
        if (undecided != null) {
            throw undecided;
        }
        return jobs;
    }

    /**
     * The jobs resolved again against {@code target}, the target once the run created and altered its tables, loaded
     * in the order the foreign keys of {@code keys} give.
     */
    public JobPlanner.Resolution jobsAgainst(SchemaSnapshot target, SchemaSnapshot keys) {
        return planner.resolve(sourceSchema, target, keys);
    }

    /** Every schema difference, against the target as the run leaves it. */
    public List<Difference> differences() {
        return differences;
    }

    /** The differences no run goes past without the script's decision. */
    public List<String> breaking() {
        return differences.stream().filter(d -> d.category() == Category.BREAKING).map(Difference::describe).toList();
    }

    /**
     * What the run stops on as undecided that no breaking difference names already (two columns into one target
     * column, a generated target column): the points {@code plan} adds to the breaking differences.
     */
    public List<String> undecided() {
        if (undecided == null) {
            return List.of();
        }
        List<String> named = differences.stream().filter(d -> d.category() == Category.BREAKING)
                .map(d -> "table " + d.table() + (d.column() == null ? ":" : ", column " + d.column() + ":")).toList();
        return undecided.problems().stream().filter(p -> named.stream().noneMatch(p::startsWith)).toList();
    }

    /** The target tables the run writes, as the target names them. */
    public List<String> targets() {
        return targets;
    }

    /** The target tables (lower case) the run writes. */
    public Set<String> filled() {
        return lowerCase(targets);
    }

    private static Set<String> lowerCase(List<String> tables) {
        Set<String> lower = new LinkedHashSet<>();
        tables.forEach(t -> lower.add(t.toLowerCase(Locale.ROOT)));
        return lower;
    }

    public Lookups lookups() {
        return lookups;
    }

    /** The existing target tables mode TRUNCATE_INSERT empties before it loads them. */
    public List<String> emptied() {
        return emptied;
    }

    /** Why a run would stop before changing anything (other than undecided differences); empty when it would go on. */
    public List<String> refusals() {
        return refusals;
    }
}
