package dev.migrate.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;


import dev.migrate.diff.Category;
import dev.migrate.diff.Difference;
import dev.migrate.diff.SchemaPlan;

/** The plan as people read it (grouped by table, then by class, with a count line) and as JSON. */
public final class PlanReport {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneId.systemDefault());

    private PlanReport() {
    }

    public static String render(SchemaPlan plan) {
        StringBuilder out = new StringBuilder("Plan ").append(plan.migration()).append(": ").append(plan.source())
                .append(" -> ").append(plan.target()).append('\n');
        if (plan.selection() != null) {
            out.append(plan.selection()).append('\n');
        }
        Map<String, List<Difference>> byTable = plan.differences().stream()
                .collect(Collectors.groupingBy(Difference::table, LinkedHashMap::new, Collectors.toList()));
        for (Map.Entry<String, List<Difference>> table : byTable.entrySet()) {
            out.append('\n').append(table.getKey()).append('\n');
            for (Category category : Category.values()) {
                for (Difference d : table.getValue()) {
                    if (d.category() == category) {
                        out.append(String.format("  %-13s %s%s%n      -> %s%n", category, d.column() == null ? "" : d.column() + ": ", d.what(), d.action()));
                    }
                }
            }
        }
        if (byTable.isEmpty()) {
            out.append("\nno differences\n");
        }
        renamed(plan.renamed(), out);
        if (!plan.notMigrated().isEmpty()) {
            out.append("\nNot migrated (a run moves tables only): ").append(String.join(", ", plan.notMigrated())).append('\n');
        }
        if (!plan.movedWhole().isEmpty()) {
            out.append("\nMoved in one piece (one worker each):\n");
            plan.movedWhole().forEach(t -> out.append("  ").append(t).append('\n'));
        }
        if (!plan.emptied().isEmpty()) {
            out.append("\nEmptied before the load (mode TRUNCATE_INSERT): ").append(String.join(", ", plan.emptied())).append('\n');
        }
        if (!plan.ddl().isEmpty()) {
            out.append("\nDDL a run executes (").append(plan.ddl().size()).append(" statements; plan --sql FILE writes them):\n");
            plan.ddl().forEach(s -> out.append("  ").append(s.replace("\n", "\n  ")).append(";\n"));
        }
        for (String point : plan.undecided()) {
            out.append("\nA run would stop until the script decides: ").append(point).append('\n');
        }
        for (String refusal : plan.refusals()) {
            out.append("\nA run would stop before changing anything: ").append(refusal).append('\n');
        }
        out.append('\n').append(plan.count(Category.SAFE)).append(" safe, ").append(plan.count(Category.TRANSFORMABLE))
                .append(" transformable, ").append(plan.count(Category.BREAKING)).append(" breaking")
                .append(plan.undecided().isEmpty() ? "" : ", " + plan.undecided().size() + " more undecided").append('\n');
        return out.toString();
    }

    /** The longest list of changed names shown in full; the JSON report always has every one. */
    private static final int NAMES_SHOWN = 40;

    /** The names the identifiers setting changes: a count, then each (the first few when there are many). */
    private static void renamed(List<String> renamed, StringBuilder out) {
        if (renamed.isEmpty()) {
            return;
        }
        long tables = renamed.stream().filter(n -> !n.substring(0, n.indexOf(" → ")).contains(".")).count();
        out.append("\nNames the target gets (identifiers): ").append(tables).append(tables == 1 ? " table, " : " tables, ")
                .append(renamed.size() - tables).append(renamed.size() - tables == 1 ? " column" : " columns").append(" renamed\n");
        renamed.stream().limit(NAMES_SHOWN).forEach(n -> out.append("  ").append(n).append('\n'));
        if (renamed.size() > NAMES_SHOWN) {
            out.append("  ... and ").append(renamed.size() - NAMES_SHOWN).append(" more (the JSON report lists every one)\n");
        }
    }

    /** Writes {@code <migration>-plan-<timestamp>.txt} and {@code .json}; returns the text file. */
    public static Path write(SchemaPlan plan, Path directory) throws IOException {
        Files.createDirectories(directory);
        String base = plan.migration().replaceAll("[^A-Za-z0-9._-]+", "_") + "-plan-" + STAMP.format(Instant.now());
        Path text = directory.resolve(base + ".txt");
        Files.writeString(text, render(plan));
        Json.indented().writeValue(directory.resolve(base + ".json").toFile(), toMap(plan));
        return text;
    }

    /** The plan as its JSON report has it: what {@code plan --json} prints. */
    public static Map<String, Object> toMap(SchemaPlan plan) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("migration", plan.migration());
        json.put("source", plan.source());
        json.put("target", plan.target());
        json.put("selection", plan.selection());
        json.put("counts", Map.of("safe", plan.count(Category.SAFE), "transformable", plan.count(Category.TRANSFORMABLE),
                "breaking", plan.count(Category.BREAKING)));
        json.put("differences", plan.differences());
        json.put("ddl", plan.ddl());
        json.put("notMigrated", plan.notMigrated());
        json.put("emptied", plan.emptied());
        json.put("movedWhole", plan.movedWhole());
        json.put("refusals", plan.refusals());
        json.put("undecided", plan.undecided());
        json.put("renamed", plan.renamed());
        return json;
    }

    /** The DDL alone, ready to run, for {@code plan --sql FILE}. */
    public static void writeSql(SchemaPlan plan, Path file) throws IOException {
        StringBuilder sql = new StringBuilder("-- DDL of migration ").append(plan.migration()).append(" into ").append(plan.target()).append('\n');
        plan.ddl().forEach(s -> sql.append('\n').append(s).append(";\n"));
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, sql.toString());
    }
}
