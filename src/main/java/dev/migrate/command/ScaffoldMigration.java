package dev.migrate.command;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.migrate.diff.Category;
import dev.migrate.diff.Difference;
import dev.migrate.diff.SchemaComparer;
import dev.migrate.diff.ScriptScaffold;
import dev.migrate.plan.MigrationPlan;
import dev.migrate.schema.SchemaSnapshot;
import dev.migrate.schema.TableInfo;
import dev.migrate.session.Session;

/**
 * The {@code scaffold} command, over a {@link Session} whose plan names only the two databases: a starting script
 * from the comparison of every source table with the target, a TODO for each difference that needs a decision.
 */
public final class ScaffoldMigration {

    /** The script, and how many decisions it leaves to its reader. */
    public record Scaffold(String script, long todo) {
    }

    private final Session session;

    public ScaffoldMigration(Session session) {
        this.session = session;
    }

    public Scaffold scaffold() throws SQLException {
        return scaffold(false);
    }

    /** @param version a version of a migrations folder: without the connections and settings its folder gives it */
    public Scaffold scaffold(boolean version) throws SQLException {
        MigrationPlan plan = session.plan();
        SchemaSnapshot sourceSchema = session.sourceSchema();
        SchemaSnapshot targetSchema = session.targetSchema();
        List<TableInfo> tables = sourceSchema.tables();
        List<Difference> differences = new SchemaComparer(plan, session.source().dialect(), session.target().dialect()).compare(tables, targetSchema);
        Map<String, String> targetNames = new HashMap<>();
        tables.forEach(t -> targetSchema.table(t.name()).ifPresent(x -> targetNames.put(t.name(), x.name())));
        String script = ScriptScaffold.write(plan.name(), version ? null : plan.source(), version ? null : plan.target(), tables, differences,
                targetNames);
        return new Scaffold(script, differences.stream().filter(d -> d.category() == Category.BREAKING).count());
    }
}
