package dev.migrate.shell

import dev.migrate.command.Migrate
import dev.migrate.diff.SchemaPlan
import dev.migrate.dsl.MigrationSpec
import dev.migrate.dsl.ScriptContext
import dev.migrate.dsl.SpecSupport
import dev.migrate.engine.JobPlanner
import dev.migrate.engine.MigrationResult
import dev.migrate.engine.Preview
import dev.migrate.engine.ProgressListener
import dev.migrate.engine.Verification
import dev.migrate.plan.MigrationPlan
import dev.migrate.plan.ScriptLocation
import dev.migrate.plan.Settings
import dev.migrate.report.PlanReport
import dev.migrate.report.SummaryTable
import dev.migrate.report.TextTable
import dev.migrate.report.VerifyReport
import dev.migrate.schema.TableInfo
import dev.migrate.session.Resolution
import dev.migrate.session.Session

import java.nio.file.Path
import java.sql.Connection
import java.util.function.IntPredicate

/**
 * What the shell adds to Groovy's own: the words a user types to look at a migration before moving a row, and to
 * run it. Each prints what it found; {@code plan()}, {@code run()} and {@code verify()} also return their results.
 * The migration is the one the shell was opened with, or the last one declared in it with {@code migration}.
 */
class ShellCommands {

    /** Every word, with what it does: what {@code :help} lists and what completes. */
    static final Map<String, String> WORDS = [
            'tables()'                        : 'the source tables the migration moves, with the rows each holds (the database\'s estimate)',
            "describe 'customers'"            : 'a table\'s columns on both sides, and how the script moves each',
            "preview 'customers', 10"         : 'the first rows read and transformed as a run would, source beside target, rejected rows with why',
            'plan()'                          : 'the schema differences and the DDL a run executes (returns the plan)',
            'run()'                           : 'moves the rows, as bin/migrate run does (returns the result)',
            'verify()'                        : 'compares source and target, as bin/migrate verify does (returns the result)',
            "migration 'name', { ... }"       : 'declares the migration the words above work on, as in a script',
            'source, target'                  : 'the two databases as groovy.sql.Sql (the source reads only)']

    private final PrintStream out
    private final Path results
    private MigrationPlan plan
    private Session session

    ShellCommands(MigrationPlan plan, PrintStream out, Path results) {
        this.plan = plan
        this.out = out
        this.results = results
    }

    MigrationPlan getPlan() {
        plan
    }

    private MigrationPlan current() {
        if (plan == null) {
            throw new IllegalStateException("no migration yet: open the shell with a script (bin/migrate shell shop.groovy), or declare one: "
                    + "migration 'shop', { source { url '...' }; target { url '...' }; tables 'customers' }")
        }
        plan
    }

    private synchronized Session session() {
        if (session == null) {
            session = Session.open(current(), 2, 2)
        }
        session
    }

    /** Forgets the catalogs: after a run, or a new migration, they are read again. */
    synchronized void reset() {
        session?.close()
        session = null
    }

    void tables() {
        Session s = session()
        List<TableInfo> selected = s.resolution().selected()
        List<List<String>> rows = []
        Connection c = s.source().connection()
        try {
            selected.each { TableInfo t ->
                OptionalLong estimate = s.source().dialect().estimatedRows(c, t)
                rows << [t.name(), estimate.present ? String.format(Locale.ROOT, '%,d', estimate.asLong) : '?',
                         String.valueOf(t.columns().size())]
            }
        } finally {
            c.close()
        }
        print(['table', 'rows (estimate)', 'columns'], rows, [1, 2] as Set)
    }

    void describe(String table) {
        Resolution r = session().resolution()
        JobPlanner.Resolution jobs = r.jobsAgainst(r.planned(), r.planned())
        List<Preview.Column> columns = Preview.describe(jobs, table)
        print(['source column', 'type', 'target column', 'type', 'how'],
                columns.collect { [it.source() ?: '', it.sourceType() ?: '', it.target() ?: '', it.targetType() ?: '', it.how()] }, [] as Set)
    }

    void preview(String table, int count = 10) {
        Session s = session()
        Resolution r = s.resolution()
        r.lookups().preload()
        List<Preview.Row> rows = Preview.of(r.jobsAgainst(r.planned(), r.planned()), r.lookups(), s.source(), table, count)
        int n = 0
        rows.each { Preview.Row row ->
            n++
            if (row.target() == null) {
                out.println("row ${n}: ${show(row.source())}")
                out.println("  rejected: ${row.rejected()}")
            } else {
                out.println("row ${n}:")
                List<String> targets = row.target().keySet() as List
                int width = targets*.length().max() ?: 0
                row.target().each { String column, Object value ->
                    String read = row.from().get(column)
                    Object was = read == null ? null : row.source().get(read)
                    String shown = read == null ? 'computed: ' + show(value)
                            : alike(was, value) ? show(value) + (read == column ? '' : "  (from ${read})")
                            : show(was) + ' -> ' + show(value) + (read == column ? '' : "  (from ${read})")
                    out.println("  ${column.padRight(width)}  ${shown}")
                }
            }
        }
        if (rows.isEmpty()) {
            out.println("${table}: no rows")
        }
    }

    SchemaPlan plan() {
        SchemaPlan p = Migrate.plan(current())
        out.print(PlanReport.render(p))
        p
    }

    MigrationResult run() {
        reset()
        MigrationResult result = Migrate.run(current(), ProgressListener.NONE, results)
        out.print(SummaryTable.render(result))
        result
    }

    dev.migrate.engine.Verification.Result verify() {
        Verification.Result result = Migrate.verify(current())
        out.print(VerifyReport.render(result))
        result
    }

    MigrationPlan migration(String name, Closure body) {
        ScriptContext context = new ScriptContext('shell', null, plan?.settings() ?: Settings.DEFAULTS)
        MigrationSpec spec = new MigrationSpec(context, name, new ScriptLocation('shell', 0))
        MigrationPlan declared = SpecSupport.configure(spec, body).build()
        reset()
        plan = declared
        out.println("migration '${name}': ${declared.source().safeUrl()} -> ${declared.target().safeUrl()}")
        declared
    }

    /** The same value, as the target holds it: 1 and 1L alike. */
    private static boolean alike(Object a, Object b) {
        if (a instanceof Number && b instanceof Number) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0
        }
        Objects.equals(a, b)
    }

    private static String show(Object value) {
        value == null ? 'NULL' : value instanceof CharSequence ? "'${value}'" : String.valueOf(value)
    }

    private static String show(Map<String, Object> row) {
        row.collect { k, v -> "${k}=${show(v)}" }.join(', ')
    }

    private void print(List<String> headers, List<List<String>> rows, Set<Integer> right) {
        List<String[]> cells = rows.collect { it as String[] }
        TextTable table = new TextTable(headers as String[], cells, { int c -> right.contains(c) } as IntPredicate)
        StringBuilder text = new StringBuilder()
        table.line(text, headers as String[])
        table.rule(text)
        cells.each { table.line(text, it) }
        out.print(text)
    }
}
