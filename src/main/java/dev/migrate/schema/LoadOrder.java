package dev.migrate.schema;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which tables can be loaded without breaking foreign keys: every table after the tables it
 * references. Tables that reference each other (directly, or a table itself) form a cycle: they are
 * loaded together, after their other parents, with the target's constraint checks off.
 *
 * @param groups        strongly connected groups of tables, parents before children
 * @param prerequisites per table, the tables outside its group that must be loaded before it
 * @param cycles        the groups that are cycles, each in a stable order
 */
public record LoadOrder(List<List<String>> groups, Map<String, Set<String>> prerequisites, List<List<String>> cycles) {

    /**
     * @param tables  the tables to load, in a stable order (ties are broken by it)
     * @param parents per table, the tables it references (other tables are ignored)
     */
    public static LoadOrder of(List<String> tables, Map<String, ? extends Collection<String>> parents) {
        return new Tarjan(tables, parents).run();
    }

    /** Every table, parents first. */
    public List<String> tables() {
        return groups.stream().flatMap(List::stream).toList();
    }

    public boolean inCycle(String table) {
        return cycles.stream().anyMatch(c -> c.contains(table));
    }

    public static String describe(List<String> cycle) {
        List<String> loop = new ArrayList<>(cycle);
        loop.add(cycle.get(0));
        return String.join(" -> ", loop);
    }

    private static final class Tarjan {
        private final List<String> tables;
        private final Map<String, List<String>> edges = new LinkedHashMap<>();
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new HashSet<>();
        private final List<List<String>> groups = new ArrayList<>();
        private int counter;

        Tarjan(List<String> tables, Map<String, ? extends Collection<String>> parents) {
            this.tables = tables;
            Set<String> known = new LinkedHashSet<>(tables);
            for (String t : tables) {
                List<String> out = new ArrayList<>();
                Collection<String> declared = parents.get(t);
                for (String p : declared == null ? List.<String>of() : declared) {
                    if (known.contains(p) && !out.contains(p)) {
                        out.add(p);
                    }
                }
                edges.put(t, out);
            }
        }

        LoadOrder run() {
            for (String t : tables) {
                if (!index.containsKey(t)) {
                    visit(t);
                }
            }
            Map<String, Integer> groupOf = new HashMap<>();
            for (int g = 0; g < groups.size(); g++) {
                for (String t : groups.get(g)) {
                    groupOf.put(t, g);
                }
            }
            Map<String, Set<String>> prerequisites = new LinkedHashMap<>();
            List<List<String>> cycles = new ArrayList<>();
            for (List<String> group : groups) {
                for (String t : group) {
                    Set<String> before = new LinkedHashSet<>();
                    for (String p : edges.get(t)) {
                        if (!groupOf.get(p).equals(groupOf.get(t))) {
                            before.add(p);
                        }
                    }
                    prerequisites.put(t, Set.copyOf(before));
                }
                if (group.size() > 1 || edges.get(group.get(0)).contains(group.get(0))) {
                    cycles.add(group);
                }
            }
            return new LoadOrder(List.copyOf(groups), Map.copyOf(prerequisites), List.copyOf(cycles));
        }

        // Iterative enough for real schemas: recursion depth is the longest foreign-key chain.
        private void visit(String t) {
            index.put(t, counter);
            low.put(t, counter);
            counter++;
            stack.push(t);
            onStack.add(t);
            for (String p : edges.get(t)) {
                if (!index.containsKey(p)) {
                    visit(p);
                    low.put(t, Math.min(low.get(t), low.get(p)));
                } else if (onStack.contains(p)) {
                    low.put(t, Math.min(low.get(t), index.get(p)));
                }
            }
            if (low.get(t).equals(index.get(t))) {
                List<String> group = new ArrayList<>();
                String member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    group.add(member);
                } while (!member.equals(t));
                group.sort(Comparator.comparingInt(tables::indexOf));
                groups.add(List.copyOf(group));
            }
        }
    }
}
