package dev.migrate.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.migrate.command.ApplyVersions;
import dev.migrate.versions.FolderState;
import dev.migrate.versions.History;

/** What the folder commands print: {@code info}'s table of versions, {@code up}'s of what it applied; both as JSON too. */
public final class VersionsReport {

    private VersionsReport() {
    }

    /** One line per version: version, description, type, installed on, state, milliseconds, rows. */
    public static String info(FolderState state) {
        String[] headers = {"version", "description", "type", "installed on", "state", "ms", "rows"};
        List<String[]> rows = new ArrayList<>();
        for (FolderState.Line l : state.lines()) {
            History.Entry e = l.entry();
            rows.add(new String[] {l.version() == null ? "R" : l.version(), l.description(), l.type(),
                    e == null ? "" : History.shown(e.installedOn()), l.state().toString(),
                    e == null ? "" : Units.count(e.executionTime()), e == null ? "" : Units.count(e.rows())});
        }
        TextTable table = new TextTable(headers, rows, c -> c >= 5);
        StringBuilder out = new StringBuilder("Versions of ").append(state.folder().name()).append(" (").append(state.folder().target().safeUrl())
                .append(")\n");
        table.line(out, headers);
        table.rule(out);
        rows.forEach(r -> table.line(out, r));
        if (rows.isEmpty()) {
            out.append("(no versions)\n");
        }
        return out.toString();
    }

    public static List<Map<String, Object>> infoJson(FolderState state) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (FolderState.Line l : state.lines()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", l.version());
            m.put("description", l.description());
            m.put("type", l.type());
            m.put("script", l.file() != null ? l.file().script() : l.entry().script());
            m.put("state", l.state().toString());
            m.put("installedOn", l.entry() == null ? null : l.entry().installedOn());
            m.put("installedBy", l.entry() == null ? null : l.entry().installedBy());
            m.put("executionMillis", l.entry() == null ? null : l.entry().executionTime());
            m.put("rows", l.entry() == null ? null : l.entry().rows());
            m.put("checksum", l.file() != null ? l.file().checksum() : l.entry().checksum());
            lines.add(m);
        }
        return lines;
    }

    /** {@code up}'s lines: one per version applied, then the outcome. */
    public static String up(ApplyVersions.Result result) {
        return lines(result, "applied", "nothing to apply: the target is up to date");
    }

    /** {@code down}'s lines: one per version undone, then the outcome. */
    public static String down(ApplyVersions.Result result) {
        return lines(result, "undone", "nothing to undo");
    }

    private static String lines(ApplyVersions.Result result, String done, String nothing) {
        StringBuilder out = new StringBuilder();
        for (ApplyVersions.Applied a : result.applied()) {
            out.append(a.success() ? done + " " : "FAILED ").append(a.label()).append(" in ").append(Units.seconds(a.millis() / 1000.0)).append(" s");
            if (a.rows() > 0) {
                out.append(", ").append(Units.count(a.rows())).append(" rows");
            }
            out.append('\n');
        }
        if (result.succeeded()) {
            out.append(result.applied().isEmpty() ? nothing + "\n" : result.applied().size() + " version(s) " + done + "\n");
        } else {
            out.append("error: ").append(result.error()).append('\n');
        }
        return out.toString();
    }
}
