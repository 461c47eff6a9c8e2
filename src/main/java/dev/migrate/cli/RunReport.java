package dev.migrate.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.migrate.engine.Engine;
import dev.migrate.engine.MigrationResult;
import dev.migrate.engine.ProgressListener;
import dev.migrate.engine.TableResult;
import dev.migrate.plan.MigrationPlan;
import dev.migrate.plan.Secrets;
import dev.migrate.report.ConsoleProgress;
import dev.migrate.report.JsonReport;
import dev.migrate.report.SummaryTable;
import dev.migrate.serve.ConsoleHome;
import dev.migrate.serve.History;

/**
 * The summary and the JSON report of one run, written once however the run ends: done, failed, stopped before
 * its rows moved, or interrupted (Ctrl-C, a SIGTERM), when it names the tables that finished before.
 */
final class RunReport implements ProgressListener {

    private final MigrationPlan plan;
    private final Path results;
    private final ProgressListener progress;
    private final Instant started = Instant.now();
    private final List<TableResult> finished = new ArrayList<>();
    private final Thread onExit = new Thread(this::interrupted, "migrate-interrupted");
    private final String command;
    private final Output output;
    private boolean written;
    private History history;
    private Path script;

    /** @param command how the user ran this script, for the line that says how to go on after an interrupted run */
    RunReport(MigrationPlan plan, Path results, ProgressListener progress, Output output, String command) {
        this.plan = plan;
        this.output = output;
        this.results = results;
        this.progress = progress;
        this.command = command;
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /** The run is also recorded in the history of the console whose home this is (bin/migrate serve). */
    void recordIn(ConsoleHome home, Path scriptFile) throws SQLException {
        this.history = new History(home);
        this.script = scriptFile;
    }

    @Override
    public void tablesPlanned(List<String> tables) {
        progress.tablesPlanned(tables);
    }

    @Override
    public void tableStarted(String table, long expectedRows, boolean estimated) {
        progress.tableStarted(table, expectedRows, estimated);
    }

    @Override
    public void rowsMoved(String table, long rows, long bytes) {
        progress.rowsMoved(table, rows, bytes);
    }

    @Override
    public void tableFinished(TableResult result) {
        synchronized (this) {
            finished.add(result);
        }
        progress.tableFinished(result);
    }

    /** A run that ended; one that failed after its rows began to move is told how to go on. */
    void done(MigrationResult result) throws IOException {
        write(result);
        if (!result.succeeded() && !result.tables().isEmpty()) {
            goOn("to go on once the cause is fixed: ");
        }
    }

    /** The line that says how to go on with a run that did not finish: {@code --resume}, or {@code --restart}. */
    private void goOn(String when) {
        if (!plan.settings().dryRun()) {
            PrintStream problems = output.problems();
            problems.println(when + command + " --resume  (or --restart to begin again)");
            problems.flush();
        }
    }

    /**
     * A run that stopped on {@code failure}: before its rows moved, or after (an after hook, the keys built after the
     * load), when the tables that finished are reported with it. Why, as one line without passwords. A report that
     * cannot be written is added to the failure, which stays the one the user hears of.
     */
    void stopped(Exception failure) {
        List<TableResult> tables;
        synchronized (this) {
            tables = List.copyOf(finished);
        }
        String reason = plan.target().scrub(plan.source().scrub(Engine.oneLine(failure)));
        try {
            write(new MigrationResult(plan.name(), plan.script(), plan.source().safeUrl(), plan.target().safeUrl(), plan.settings().dryRun(),
                    started, Instant.now(), tables, List.of(), reason));
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** The process is ending while the run goes on: what finished is reported; the partitions in flight die with their connections. */
    private void interrupted() {
        List<TableResult> tables;
        synchronized (this) {
            if (written) {
                return;
            }
            tables = List.copyOf(finished);
        }
        String reason = tables.isEmpty() ? "interrupted before any table finished: what the open partitions wrote was rolled back"
                : "interrupted before it finished: the tables above finished, the others did not, and what their open partitions wrote"
                + " was rolled back";
        try {
            write(new MigrationResult(plan.name(), plan.script(), plan.source().safeUrl(), plan.target().safeUrl(), plan.settings().dryRun(),
                    started, Instant.now(), tables, List.of(), reason));
            if (tables.isEmpty()) {
                // the summary of a run without tables leaves its reason to the error line, which an ending process does not print
                output.problems().println("failed: " + reason);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("error: the report of the interrupted run could not be written: " + e.getMessage());
        }
        goOn("to go on where it stopped: ");
    }

    private void write(MigrationResult result) throws IOException {
        synchronized (this) {
            if (written) {
                return;
            }
            written = true;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException exiting) {
            // this is the hook itself, running while the process ends
        }
        if (progress instanceof ConsoleProgress live) {
            // its last lines, before the summary: nothing is redrawn below it
            live.close();
        }
        PrintStream text = output.text();
        text.println();
        SummaryTable.print(result, text);
        JsonReport json = new JsonReport();
        Path report = json.write(result, plan.settings(), results);
        text.println("report: " + report);
        text.flush();
        if (output.quiet && !result.succeeded() && !result.tables().isEmpty()) {
            // (a run stopped before its tables says why in its error line)
            SummaryTable.problems(result).forEach(System.err::println);
        }
        output.json(json.toMap(result, plan.settings()));
        if (history != null) {
            try {
                history.recordCli(result, script, report);
            } catch (SQLException e) {
                System.err.println("warning: the console's history could not record this run: " + Secrets.scrub(Engine.oneLine(e)));
            }
        }
    }
}
