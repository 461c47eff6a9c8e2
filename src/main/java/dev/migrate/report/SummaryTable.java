package dev.migrate.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import dev.migrate.engine.MigrationResult;
import dev.migrate.engine.TableResult;

/** The table printed at the end of a run: one line per table, then the totals, then what went wrong. */
public final class SummaryTable {

    private static final String[] HEADERS = {"table", "status", "rows read", "rows written", "rejected", "errors", "bytes", "seconds", "rows/s"};
    /** A dry run writes nothing: its column counts the rows a run would write. */
    private static final String[] DRY_RUN_HEADERS = {"table", "status", "rows read", "would write", "rejected", "errors", "bytes", "seconds", "rows/s"};
    /** Bytes no writer counted. */
    private static final String UNKNOWN = "–";

    public static String render(MigrationResult result) {
        List<String[]> rows = new ArrayList<>();
        long read = 0;
        long written = 0;
        long errors = 0;
        long rejected = 0;
        long bytes = 0;
        for (TableResult t : result.tables()) {
            // a table fed by several jobs (or under another name) shows which job the line is about
            String name = t.source().equalsIgnoreCase(t.table()) ? t.table() : t.source();
            rows.add(new String[] {name, t.status().name().toLowerCase(), Units.count(t.rowsRead()), Units.count(t.rowsWritten()),
                    Units.count(t.rejected()), Units.count(t.errors()), t.bytesKnown() ? Units.bytes(t.bytes()) : UNKNOWN, Units.seconds(t.seconds()), Units.count(Math.round(t.rowsPerSecond()))});
            read += t.rowsRead();
            written += t.rowsWritten();
            errors += t.errors();
            rejected += t.rejected();
            bytes += t.bytes();
        }
        double seconds = result.seconds();
        String[] total = {"total", result.succeeded() ? "done" : "failed", Units.count(read), Units.count(written), Units.count(rejected), Units.count(errors),
                result.tables().stream().allMatch(TableResult::bytesKnown) ? Units.bytes(bytes) : UNKNOWN, Units.seconds(seconds), Units.count(seconds > 0 ? Math.round((written - result.resumedRows()) / seconds) : 0)};
        List<String[]> all = new ArrayList<>(rows);
        all.add(total);
        String[] headers = result.dryRun() ? DRY_RUN_HEADERS : HEADERS;
        TextTable table = new TextTable(headers, all, c -> c >= 2);
        StringBuilder out = new StringBuilder();
        String title = result.dryRun() ? "Dry run " + result.migration() + " (nothing written)" : "Migration " + result.migration();
        if (result.tables().isEmpty() && result.error() != null) {
            // the reason follows on its own line, as the run's error
            return out.append(title).append(": stopped before any row moved\n").toString();
        }
        out.append(title).append('\n');
        table.line(out, headers);
        table.rule(out);
        for (String[] r : rows) {
            table.line(out, r);
        }
        table.rule(out);
        table.line(out, total);
        for (TableResult t : result.tables()) {
            if (t.rejectFile() != null) {
                out.append("rejected: ").append(Units.count(t.rejected())).append(" rows of ").append(t.table()).append(" in ")
                        .append(t.rejectFile()).append('\n');
            }
        }
        for (TableResult t : result.tables()) {
            if (t.retries() > 0) {
                out.append("retried: ").append(t.retries()).append(t.retries() == 1 ? " partition" : " partitions").append(" of ")
                        .append(t.table()).append(" after a lost connection\n");
            }
        }
        if (result.resumed() != null) {
            out.append("resumed: ").append(result.resumed()).append(": ").append(Units.count(result.resumedRows()))
                    .append(" rows it had committed are counted above and were not moved again\n");
        }
        for (String cycle : result.cycles()) {
            out.append("foreign-key cycle: ").append(cycle).append(" (loaded with the target's foreign-key checks off)\n");
        }
        problems(result).forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }

    /** What went wrong, a line each: the tables that failed or were skipped, then the run's own failure. */
    public static List<String> problems(MigrationResult result) {
        List<String> lines = new ArrayList<>();
        for (TableResult t : result.tables()) {
            if (t.error() != null) {
                lines.add((t.status() == TableResult.Status.SKIPPED ? "skipped: " : "failed: ") + t.error());
            }
        }
        if (result.error() != null) {
            lines.add("failed: " + result.error());
        }
        return lines;
    }

    public static void print(MigrationResult result, PrintStream out) {
        out.print(render(result));
        out.flush();
    }

    private SummaryTable() {
    }
}
