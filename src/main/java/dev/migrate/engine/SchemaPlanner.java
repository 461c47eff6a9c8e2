package dev.migrate.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.migrate.connect.Database;
import dev.migrate.ddl.SchemaEvolution;
import dev.migrate.dialect.Role;
import dev.migrate.diff.Difference;
import dev.migrate.diff.SchemaComparer;
import dev.migrate.diff.SchemaPlan;
import dev.migrate.journal.Journal;
import dev.migrate.plan.MigrationPlan;
import dev.migrate.plan.WriteMode;
import dev.migrate.schema.OtherObjects;
import dev.migrate.schema.SchemaSnapshot;
import dev.migrate.schema.TableInfo;

/**
 * The {@code plan} command: reads both catalogs, compares them, lists the DDL, what TRUNCATE_INSERT would
 * empty, and why a run would stop before changing anything; touches nothing.
 */
public final class SchemaPlanner {

    private final MigrationPlan plan;

    public SchemaPlanner(MigrationPlan plan) {
        this.plan = plan;
    }

    public SchemaPlan run() throws SQLException {
        try (Database source = Database.open(plan.source(), Role.SOURCE, 2);
             Database target = Database.open(plan.target(), Role.TARGET, 2)) {
            SchemaSnapshot sourceSchema = QueryTables.withQueries(plan, source, source.readSchema());
            SchemaSnapshot targetSchema = target.readSchema();
            JobPlanner planner = new JobPlanner(plan, source.dialect(), target.dialect(), ZoneId.systemDefault());
            List<TableInfo> tables = planner.selectTables(sourceSchema);
            SchemaEvolution evolution = new SchemaEvolution(plan, source, target);
            // the checks a run makes before it changes anything, on the target as the run would leave it: a script
            // mistake (a misspelt column in rename, ignore or column, a lookup into no table, a where the source
            // refuses) stops plan as it stops run
            SchemaSnapshot planned = evolution.planned(tables, targetSchema);
            try {
                planner.resolve(sourceSchema, planned, planned);
            } catch (SchemaMismatch undecided) {
                // columns the target lacks and the script does not place: listed below as breaking differences
            }
            RunChecks.whereClauses(plan, tables, source);
            Set<String> filled = new HashSet<>();
            RunChecks.targetTables(plan, tables, targetSchema).forEach(t -> filled.add(t.toLowerCase(java.util.Locale.ROOT)));
            Lookups.prepare(plan, source, sourceSchema, target, planned, targetSchema, filled);
            // a column schema CREATE_AND_ALTER adds is no missing column: run adds it (its name is still checked)
            SchemaSnapshot altered = evolution.altered(tables, targetSchema);
            List<Difference> differences = new SchemaComparer(plan, source.dialect(), target.dialect()).compare(tables, targetSchema).stream()
                    .filter(d -> !(d.what().startsWith("no target column") && d.column() != null
                            && targetSchema.table(d.table()).flatMap(t -> t.column(d.column())).isEmpty()
                            && altered.table(d.table()).flatMap(t -> t.column(d.column())).isPresent()))
                    .toList();
            List<String> ddl = new ArrayList<>(evolution.beforeLoad(tables, targetSchema));
            Set<String> all = new HashSet<>();
            tables.forEach(t -> plan.mappingsFor(t.name()).forEach(m -> all.add(m.target().toLowerCase())));
            ddl.addAll(evolution.afterLoad(all));
            List<String> notMigrated;
            try (Connection c = source.connection()) {
                notMigrated = OtherObjects.list(c, sourceSchema, source.dialect().schemaIsCatalog());
            }
            List<String> targets = RunChecks.targetTables(plan, tables, targetSchema);
            List<String> emptied = new ArrayList<>();
            List<String> refusals = new ArrayList<>();
            if (plan.settings().mode() == WriteMode.TRUNCATE_INSERT) {
                targets.stream().filter(t -> targetSchema.table(t).isPresent()).forEach(emptied::add);
                Map<String, Set<String>> outside = RunChecks.referencedFromOutside(target, targetSchema, targets);
                if (!outside.isEmpty()) {
                    refusals.add(RunChecks.truncateRefusal(outside));
                }
            }
            refusals.addAll(RunChecks.unfinished(plan, target, targetSchema,
                    new Journal(target, plan.name(), Instant.now(), plan.settings().journalSchema(), plan.settings().journalName()).states(targets)));
            return new SchemaPlan(plan.name(), plan.source().safeUrl(), plan.target().safeUrl(), differences, ddl, notMigrated,
                    emptied, refusals);
        }
    }
}
