package dev.migrate.diff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.migrate.plan.Credentials;
import dev.migrate.plan.Endpoint;
import dev.migrate.schema.ForeignKeyInfo;
import dev.migrate.schema.LoadOrder;
import dev.migrate.schema.TableInfo;

/**
 * Writes a starting migration script from a comparison: a block per table in foreign-key order, a line for
 * every rename and conversion found, and a marked TODO with the choices for every breaking difference.
 */
public final class ScriptScaffold {

    private ScriptScaffold() {
    }

    /**
     * @param sourceTables the source's tables
     * @param differences  the comparison of every source table with the target
     */
    /** @param source null for a version of a migrations folder: no connections, no settings */
    public static String write(String name, Endpoint source, Endpoint target, List<TableInfo> sourceTables, List<Difference> differences,
                               Map<String, String> targetNameOf) {
        StringBuilder s = new StringBuilder();
        if (source == null) {
            // a version of a migrations folder, whose connections come from its migrations.groovy
            s.append("// Written by migrate new. Every table moves; read each TODO and decide, then apply it:\n");
            s.append("//   bin/migrate up <its folder>\n\n");
            s.append("migration '").append(name.replace("\\", "\\\\").replace("'", "\\'")).append("', {\n");
        } else {
            s.append("// Written by migrate scaffold. Every table moves; read each TODO, decide, then run:\n");
            s.append("//   bin/migrate plan <this file>   shows what is left to decide\n");
            s.append("//   bin/migrate <this file>        moves the rows\n\n");
            s.append("migration '").append(name).append("', {\n");
            endpoint(s, "source", source);
            endpoint(s, "target", target);
            s.append("    settings {\n        batchSize 5_000\n        parallelism 4\n    }\n");
        }

        List<String> names = sourceTables.stream().map(TableInfo::name).toList();
        Map<String, List<String>> parents = new HashMap<>();
        for (TableInfo t : sourceTables) {
            parents.put(t.name(), t.foreignKeys().stream().map(ForeignKeyInfo::referencedTable).toList());
        }
        LoadOrder order = LoadOrder.of(names, parents);
        s.append("\n    // tables in foreign-key order, parents first; the run finds this order by itself\n");
        for (String table : order.tables()) {
            String targetName = targetNameOf.getOrDefault(table, table);
            List<Difference> mine = differences.stream().filter(d -> d.table().equalsIgnoreCase(targetName)).toList();
            s.append('\n');
            tableBlock(s, table, targetName, mine);
        }
        s.append("}\n");
        return s.toString();
    }

    /**
     * The block of one side. Credentials are never written: the URL loses its user, password and secrets, and
     * the script reads them from the environment, the user (when known) with the one given as the default.
     */
    private static void endpoint(StringBuilder s, String side, Endpoint e) {
        String prefix = "MIGRATE_" + side.toUpperCase(Locale.ROOT) + "_";
        Credentials.Parts parts = Credentials.split(e.url());
        String user = e.user() != null ? e.user() : parts.user();
        boolean hasPassword = (e.password() != null && !e.password().isEmpty()) || parts.password() != null;
        s.append("    ").append(side).append(" {\n");
        s.append("        url ").append(quoted(parts.url())).append('\n');
        if (user != null) {
            s.append("        user env('").append(prefix).append("USER', ").append(quoted(user)).append(")\n");
        }
        s.append("        password env('").append(prefix).append("PASSWORD'").append(hasPassword ? "" : ", ''").append(")\n");
        parts.secrets().keySet().stream().sorted().forEach(name -> s.append("        property ").append(quoted(name)).append(", env('")
                .append(prefix).append(name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_")).append("')\n"));
        s.append("    }\n");
    }

    private static String quoted(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static void tableBlock(StringBuilder s, String table, String targetName, List<Difference> differences) {
        List<String> lines = new ArrayList<>();
        Set<String> todo = new LinkedHashSet<>();
        for (Difference d : differences) {
            if (d.kind() == Difference.Kind.TABLE_MISSING) {
                lines.add("// created in the target by the run (settings { schema CREATE })");
            } else if (d.kind() == Difference.Kind.RENAMED) {
                lines.add("rename '" + d.column() + "', to: '" + d.renamedTo() + "'");
            } else if (d.kind() == Difference.Kind.PROBABLY_RENAMED) {
                todo.add("TODO " + d.column() + ": " + d.what() + "\n"
                        + "//   rename '" + d.column() + "', to: '" + d.renamedTo() + "'      // it is the same column\n"
                        + "//   ignore '" + d.column() + "'                                    // its data is left behind");
            } else if (d.category() == Category.TRANSFORMABLE && d.column() != null) {
                lines.add("// " + d.column() + ": " + d.what() + " (" + d.action() + ")");
            } else if (d.category() == Category.BREAKING && d.column() != null) {
                todo.add("TODO " + d.column() + ": " + d.what() + "\n" + choices(d));
            } else if (d.category() == Category.BREAKING) {
                todo.add("TODO " + d.what() + ": " + d.action());
            }
        }
        boolean renamedTable = !table.equals(targetName) && !table.equalsIgnoreCase(targetName);
        s.append("    table('").append(table).append("'").append(renamedTable ? ", to: '" + targetName + "'" : "").append(") {\n");
        for (String line : lines) {
            s.append("        ").append(line).append('\n');
        }
        for (String t : todo) {
            s.append("        // ").append(t.replace("\n", "\n        ")).append('\n');
        }
        s.append("    }\n");
    }

    private static String choices(Difference d) {
        String c = d.column();
        if (d.kind() == Difference.Kind.ONLY_IN_TARGET) {
            return "//   column('" + c + "') { value, row -> 'a value' }        // give every row a value";
        }
        if (d.kind() == Difference.Kind.NO_TARGET_COLUMN) {
            return "//   " + Difference.renameHint(c) + "           // it goes into another column\n"
                    + "//   ignore '" + c + "'                                // its data is left behind";
        }
        String fit = d.targetLength() != null ? "//   column('" + c + "') { it?.take(" + d.targetLength() + ") }          // or cut it to fit\n" : "";
        return "//   column('" + c + "') { it }                         // keep the value; a value that does not fit fails its row\n"
                + fit
                + "//   ignore '" + c + "'                                 // or leave its data behind";
    }
}
