package dev.migrate.serve;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import dev.migrate.engine.MigrationResult;
import dev.migrate.engine.TableResult;

/**
 * The console's history: every run that ended (from the console, the API, a schedule, or {@code bin/migrate run
 * --home} on this machine) as one row of the home database: who started it and how, from where to where, what it
 * moved, how it ended, and where its JSON report and reject files are.
 */
public final class History {

    /** How a run was started. */
    public enum Trigger { CONSOLE, API, SCHEDULE, CLI;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One run as the API shows it: {@code tables} holds each table's progress while it runs ({@code expected}, -1 when
     * unknown, and {@code written}); {@code note} says what is unusual about it (a missed schedule run at start).
     */
    public record Run(String id, String status, String trigger, String startedBy, String source, String destination, String query,
                      String script, String targetTable, Map<String, Map<String, Long>> tables, long rowsRead, long rowsWritten,
                      long rejected, Instant started, Double seconds, String error, String report, List<String> rejects, String note) {

        public boolean ended() {
            return !status.equals("queued") && !status.equals("running") && !status.equals("cancelling");
        }

        /** This run as it ended, with {@code result}'s counts (when there is one), its report and reject files. */
        public Run ended(String endStatus, MigrationResult result, String reportFile, String why) {
            long read = result == null ? rowsRead : result.tables().stream().mapToLong(TableResult::rowsRead).sum();
            long written = result == null ? rowsWritten : result.tables().stream().mapToLong(TableResult::rowsWritten).sum();
            long rejectedRows = result == null ? rejected : result.tables().stream().mapToLong(TableResult::rejected).sum();
            List<String> files = result == null ? List.of()
                    : result.tables().stream().filter(t -> t.rejected() > 0 && t.rejectFile() != null).map(TableResult::rejectFile).toList();
            double took = (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0;
            return new Run(id, endStatus, trigger, startedBy, source, destination, query, script, targetTable, tables, read, written,
                    rejectedRows, started, took, why, reportFile, files, note);
        }

        public Run took(double took) {
            return new Run(id, status, trigger, startedBy, source, destination, query, script, targetTable, tables, rowsRead, rowsWritten,
                    rejected, started, took, error, report, rejects, note);
        }

        public Run withStatus(String newStatus) {
            return new Run(id, newStatus, trigger, startedBy, source, destination, query, script, targetTable, tables, rowsRead, rowsWritten,
                    rejected, started, seconds, error, report, rejects, note);
        }
    }

    private final ConsoleHome home;

    public History(ConsoleHome home) throws SQLException {
        this.home = home;
        try (Connection c = home.connection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS history (id VARCHAR(40) PRIMARY KEY, status VARCHAR(20) NOT NULL, started_by VARCHAR(200),"
                    + " source VARCHAR(2000), destination VARCHAR(2000), query_text CLOB, script VARCHAR(2000), target_table VARCHAR(200),"
                    + " rows_read BIGINT, rows_written BIGINT, rejected BIGINT, started TIMESTAMP WITH TIME ZONE, seconds DOUBLE PRECISION,"
                    + " error VARCHAR(4000), report VARCHAR(2000))");
            s.execute("ALTER TABLE history ADD COLUMN IF NOT EXISTS trigger_kind VARCHAR(20)");
            s.execute("ALTER TABLE history ADD COLUMN IF NOT EXISTS note VARCHAR(2000)");
            s.execute("ALTER TABLE history ADD COLUMN IF NOT EXISTS rejects CLOB");
            s.execute("CREATE INDEX IF NOT EXISTS history_started ON history (started)");
        }
    }

    /** A run that ended, recorded. */
    public void record(Run r) throws SQLException {
        try (Connection c = home.connection(); PreparedStatement p = c.prepareStatement("MERGE INTO history (id, status, started_by, source,"
                + " destination, query_text, script, target_table, rows_read, rows_written, rejected, started, seconds, error, report,"
                + " trigger_kind, note, rejects) KEY (id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, r.id());
            p.setString(2, r.status());
            p.setString(3, cut(r.startedBy(), 200));
            p.setString(4, cut(r.source(), 2000));
            p.setString(5, cut(r.destination(), 2000));
            p.setString(6, r.query());
            p.setString(7, cut(r.script(), 2000));
            p.setString(8, cut(r.targetTable(), 200));
            p.setLong(9, r.rowsRead());
            p.setLong(10, r.rowsWritten());
            p.setLong(11, r.rejected());
            p.setTimestamp(12, Timestamp.from(r.started()));
            p.setObject(13, r.seconds());
            p.setString(14, cut(r.error(), 4000));
            p.setString(15, cut(r.report(), 2000));
            p.setString(16, r.trigger());
            p.setString(17, cut(r.note(), 2000));
            p.setString(18, r.rejects() == null || r.rejects().isEmpty() ? null : String.join("\n", r.rejects()));
            p.executeUpdate();
        }
    }

    private static String cut(String text, int most) {
        return text == null || text.length() <= most ? text : text.substring(0, most - 1) + "…";
    }

    /** A run of {@code bin/migrate run script}, recorded as it ended. */
    public void recordCli(MigrationResult result, Path script, Path report) throws SQLException {
        String who = System.getProperty("user.name") + "@" + hostName();
        Run run = new Run(UUID.randomUUID().toString(), "running", Trigger.CLI.label(), who, result.source(), result.target(), null,
                script.toAbsolutePath().normalize().toString(), null, Map.of(), 0, 0, 0, result.started(), null, null, null, List.of(),
                result.dryRun() ? "dry run: nothing was written" : null);
        record(run.ended(result.succeeded() ? "done" : "failed", result, report == null ? null : report.toAbsolutePath().toString(),
                firstError(result)).took(result.seconds()));
    }

    /** Why a run failed, in one line: the run's own reason, else that of its first table that failed; null when it did not. */
    public static String firstError(MigrationResult result) {
        if (result.error() != null) {
            return result.error();
        }
        return result.tables().stream().map(TableResult::error).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    public Optional<Run> find(String id) throws SQLException {
        List<Run> found = list("id = ?", List.of(id), 1);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /**
     * The ended runs, newest first: those with {@code status} (all when null) whose source, destination, table,
     * query, script, or who started them holds {@code text} (ignoring case; all when null), at most {@code limit}.
     */
    public List<Run> list(String status, String text, int limit) throws SQLException {
        StringBuilder where = new StringBuilder("1 = 1");
        List<Object> values = new ArrayList<>();
        if (status != null) {
            where.append(" AND status = ?");
            values.add(status);
        }
        if (text != null && !text.isBlank()) {
            where.append(" AND (");
            String[] columns = {"source", "destination", "target_table", "query_text", "script", "started_by", "trigger_kind", "note"};
            for (int i = 0; i < columns.length; i++) {
                where.append(i == 0 ? "" : " OR ").append("LOWER(").append(columns[i]).append(") LIKE ? ESCAPE '\\'");
                values.add("%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            }
            where.append(")");
        }
        return list(where.toString(), values, limit);
    }

    private List<Run> list(String where, List<Object> values, int limit) throws SQLException {
        List<Run> all = new ArrayList<>();
        try (Connection c = home.connection(); PreparedStatement p = c.prepareStatement(
                "SELECT id, status, trigger_kind, started_by, source, destination, query_text, script, target_table, rows_read, rows_written,"
                        + " rejected, started, seconds, error, report, rejects, note FROM history WHERE " + where
                        + " ORDER BY started DESC, id FETCH FIRST " + limit + " ROWS ONLY")) {
            for (int i = 0; i < values.size(); i++) {
                p.setObject(i + 1, values.get(i));
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    double seconds = rs.getDouble(14);
                    Double took = rs.wasNull() ? null : seconds;
                    String rejects = rs.getString(17);
                    all.add(new Run(rs.getString(1), rs.getString(2), rs.getString(3) == null ? Trigger.API.label() : rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            new LinkedHashMap<>(), rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getTimestamp(13).toInstant(), took,
                            rs.getString(15), rs.getString(16), rejects == null ? List.of() : List.of(rejects.split("\n")), rs.getString(18)));
                }
            }
        }
        return all;
    }
}
