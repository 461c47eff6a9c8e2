package dev.migrate.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.migrate.engine.Verification;
import dev.migrate.verify.RowDifference;
import dev.migrate.verify.TableVerdict;

/**
 * What {@code verify} found: a line per table, then the differing rows (at most {@link #SHOWN} per table on
 * screen), and all of them in {@code results/<migration>-verify-<timestamp>.json}.
 */
public final class VerifyReport {

    /** Differing rows shown per table on screen. */
    public static final int SHOWN = 20;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneId.systemDefault());
    private static final String[] HEADERS = {"table", "source rows", "target rows", "result", "compared by", "seconds"};

    private VerifyReport() {
    }

    public static String render(Verification.Result result) {
        List<String[]> rows = new ArrayList<>();
        for (TableVerdict t : result.tables()) {
            rows.add(new String[] {t.table(), Units.count(t.sourceRows()), Units.count(t.targetRows()), t.status(), t.method(), Units.seconds(t.seconds())});
        }
        // numbers to the right: the row counts and the seconds
        TextTable table = new TextTable(HEADERS, rows, c -> c == 1 || c == 2 || c == 5);
        StringBuilder out = new StringBuilder("Verify ").append(result.migration()).append('\n');
        table.line(out, HEADERS);
        table.rule(out);
        for (String[] r : rows) {
            table.line(out, r);
        }
        for (TableVerdict t : result.tables()) {
            if (t.error() != null) {
                out.append("not compared: ").append(t.error()).append('\n');
                continue;
            }
            t.differences().stream().limit(SHOWN).forEach(d -> out.append(d.describe()).append('\n'));
            if (t.found() > SHOWN) {
                out.append("... and ").append(Units.count(t.found() - SHOWN)).append(" more differing rows of ").append(t.table())
                        .append(" in the report\n");
            } else if (t.found() == 0 && t.sourceRows() != t.targetRows()) {
                out.append(t.table()).append(": ").append(Units.count(t.sourceRows())).append(" rows in the source, ")
                        .append(Units.count(t.targetRows())).append(" in the target\n");
            }
        }
        long different = result.tables().stream().filter(t -> t.error() == null && !t.equal()).count();
        long failed = result.tables().stream().filter(t -> t.error() != null).count();
        out.append(different == 0 && failed == 0 ? "every table is equal" : different + " of " + result.tables().size() + " tables differ"
                + (failed > 0 ? ", " + failed + " could not be compared" : "")).append('\n');
        return out.toString();
    }

    /** Writes every difference found to {@code file}, or to {@code results/<migration>-verify-<timestamp>.json} when it is null. */
    public static Path write(Verification.Result result, Path directory, Path file) throws IOException {
        if (file == null) {
            Files.createDirectories(directory);
            String safeName = result.migration().replaceAll("[^A-Za-z0-9._-]+", "_") + "-verify-" + STAMP.format(result.started());
            file = directory.resolve(safeName + ".json");
            for (int n = 2; Files.exists(file); n++) {
                file = directory.resolve(safeName + "-" + n + ".json");
            }
        } else if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Json.indented().writeValue(file.toFile(), toMap(result));
        return file;
    }

    /** The report as it is written: what {@code verify --json} prints. */
    public static Map<String, Object> toMap(Verification.Result result) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("migration", result.migration());
        root.put("source", result.source());
        root.put("target", result.target());
        root.put("started", result.started());
        root.put("finished", result.finished());
        root.put("equal", result.equal());
        List<Map<String, Object>> tables = new ArrayList<>();
        for (TableVerdict t : result.tables()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("table", t.table());
            m.put("result", t.status());
            m.put("comparedBy", t.method());
            m.put("sourceRows", t.sourceRows());
            m.put("targetRows", t.targetRows());
            m.put("seconds", t.seconds());
            m.put("differingRows", t.found());
            m.put("error", t.error());
            m.put("differences", t.differences().stream().map(VerifyReport::difference).toList());
            tables.add(m);
        }
        root.put("tables", tables);
        return root;
    }

    private static Map<String, Object> difference(RowDifference d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", d.key());
        m.put("difference", switch (d.kind()) {
            case MISSING_IN_TARGET -> "missing in target";
            case EXTRA_IN_TARGET -> "extra in target";
            case DIFFERS -> "differs";
        });
        if (d.kind() == RowDifference.Kind.DIFFERS) {
            m.put("column", d.column());
            m.put("source", d.source());
            m.put("target", d.target());
        }
        m.put("text", d.describe());
        return m;
    }
}
