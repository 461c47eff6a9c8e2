package dev.migrate.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.migrate.command.GenerateData;
import dev.migrate.generate.TableGenerated;

/** What {@code generate} prints: one line per table filled, in the order they were filled. */
public final class GenerationReport {

    private static final String[] HEADERS = {"table", "method", "rows", "dirty", "seconds", "rows/s"};

    private GenerationReport() {
    }

    public static String render(GenerateData.Result result) {
        List<String[]> rows = new ArrayList<>();
        for (TableGenerated t : result.tables()) {
            rows.add(new String[] {t.table(), t.method(), String.format(Locale.ROOT, "%,d", t.rows()), String.format(Locale.ROOT, "%,d", t.dirtyRows()),
                    String.format(Locale.ROOT, "%.2f", t.seconds()),
                    String.format(Locale.ROOT, "%,d", t.seconds() > 0 ? Math.round(t.rows() / t.seconds()) : t.rows())});
        }
        TextTable table = new TextTable(HEADERS, rows, c -> c >= 2);
        StringBuilder out = new StringBuilder();
        out.append("generated into ").append(result.database()).append(" (seed ").append(result.seed()).append(")\n");
        table.line(out, HEADERS);
        table.rule(out);
        rows.forEach(r -> table.line(out, r));
        return out.toString();
    }
}
