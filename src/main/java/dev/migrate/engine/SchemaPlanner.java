package dev.migrate.engine;

import java.sql.SQLException;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.migrate.connect.Database;
import dev.migrate.ddl.SchemaEvolution;
import dev.migrate.dialect.Role;
import dev.migrate.diff.Difference;
import dev.migrate.diff.SchemaComparer;
import dev.migrate.diff.SchemaPlan;
import dev.migrate.plan.MigrationPlan;
import dev.migrate.schema.OtherObjects;
import dev.migrate.schema.SchemaSnapshot;
import dev.migrate.schema.TableInfo;

/** The {@code plan} command: reads both catalogs, compares them and lists the DDL; touches nothing. */
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
            List<TableInfo> tables = new JobPlanner(plan, source.dialect(), target.dialect(), ZoneId.systemDefault()).selectTables(sourceSchema);
            List<Difference> differences = new SchemaComparer(plan, source.dialect(), target.dialect()).compare(tables, targetSchema);
            SchemaEvolution evolution = new SchemaEvolution(plan, source, target);
            List<String> ddl = new java.util.ArrayList<>(evolution.beforeLoad(tables, targetSchema));
            Set<String> all = new HashSet<>();
            tables.forEach(t -> plan.mappingsFor(t.name()).forEach(m -> all.add(m.target().toLowerCase())));
            ddl.addAll(evolution.afterLoad(all));
            List<String> notMigrated;
            try (java.sql.Connection c = source.connection()) {
                notMigrated = OtherObjects.list(c, sourceSchema, source.dialect().schemaIsCatalog());
            }
            return new SchemaPlan(plan.name(), plan.source().safeUrl(), plan.target().safeUrl(), differences, ddl, notMigrated);
        }
    }
}
