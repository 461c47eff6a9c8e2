package dev.migrate.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


import dev.migrate.engine.MigrationResult;
import dev.migrate.engine.TableResult;
import dev.migrate.plan.Settings;

/** Writes a run's result as {@code results/<migration>-<timestamp>.json}. */
public final class JsonReport {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneId.systemDefault());


    public Path write(MigrationResult result, Settings settings, Path directory) throws IOException {
        Files.createDirectories(directory);
        String safeName = result.migration().replaceAll("[^A-Za-z0-9._-]+", "_");
        Path file = directory.resolve(safeName + "-" + STAMP.format(result.started()) + ".json");
        for (int n = 2; Files.exists(file); n++) {
            file = directory.resolve(safeName + "-" + STAMP.format(result.started()) + "-" + n + ".json");
        }
        Json.indented().writeValue(file.toFile(), toMap(result, settings));
        return file;
    }

    /** The report as it is written: what {@code --json} prints. */
    public Map<String, Object> toMap(MigrationResult result, Settings settings) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("migration", result.migration());
        root.put("script", result.script());
        root.put("status", result.succeeded() ? "done" : "failed");
        root.put("error", result.error());
        root.put("dryRun", result.dryRun());
        root.put("source", result.source());
        root.put("target", result.target());
        root.put("started", result.started());
        root.put("finished", result.finished());
        root.put("seconds", result.seconds());
        root.put("settings", settings);
        List<Map<String, Object>> tables = result.tables().stream().map(JsonReport::table).toList();
        root.put("tables", tables);
        root.put("foreignKeyCycles", result.cycles());
        if (result.resumed() != null) {
            root.put("resumed", Map.of("run", result.resumed(), "rows", result.resumedRows()));
        }
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("rowsRead", result.tables().stream().mapToLong(TableResult::rowsRead).sum());
        totals.put("rowsWritten", result.tables().stream().mapToLong(TableResult::rowsWritten).sum());
        totals.put("rejected", result.tables().stream().mapToLong(TableResult::rejected).sum());
        totals.put("errors", result.tables().stream().mapToLong(TableResult::errors).sum());
        totals.put("bytes", result.tables().stream().allMatch(TableResult::bytesKnown)
                ? result.tables().stream().mapToLong(TableResult::bytes).sum() : null);
        root.put("totals", totals);
        return root;
    }

    private static Map<String, Object> table(TableResult t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("table", t.table());
        m.put("source", t.source());
        m.put("status", t.status().name().toLowerCase());
        m.put("rowsRead", t.rowsRead());
        m.put("rowsWritten", t.rowsWritten());
        m.put("rejected", t.rejected());
        m.put("rejectFile", t.rejectFile());
        m.put("skipped", t.skipped());
        m.put("partitions", t.partitions());
        m.put("resumedRows", t.resumed());
        m.put("retries", t.retries());
        m.put("method", t.method());
        m.put("errors", t.errors());
        m.put("bytes", t.bytesKnown() ? t.bytes() : null);
        m.put("seconds", t.seconds());
        m.put("rowsPerSecond", Math.round(t.rowsPerSecond()));
        m.put("error", t.error());
        return m;
    }
}
