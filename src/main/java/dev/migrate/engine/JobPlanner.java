package dev.migrate.engine;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.migrate.dialect.Dialect;
import dev.migrate.diff.Difference;
import dev.migrate.plan.ColumnTransform;
import dev.migrate.plan.MigrationPlan;
import dev.migrate.plan.ScriptError;
import dev.migrate.plan.ScriptLocation;
import dev.migrate.plan.Suggestions;
import dev.migrate.plan.TableMapping;
import dev.migrate.plan.TableRef;
import dev.migrate.plan.WriteMode;
import dev.migrate.schema.ColumnInfo;
import dev.migrate.schema.ForeignKeyInfo;
import dev.migrate.schema.LoadOrder;
import dev.migrate.schema.Names;
import dev.migrate.schema.SchemaSnapshot;
import dev.migrate.schema.TableInfo;
import dev.migrate.transfer.TargetColumn;
import dev.migrate.transfer.ValueConverter;
import dev.migrate.transfer.ValueKind;
import dev.migrate.transfer.ValueReader;
import dev.migrate.transfer.ValueReaders;
import dev.migrate.transfer.WriteTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a plan against the source and target catalogs: which tables, in which order, which column
 * feeds which. Names the script got wrong are {@link ScriptError}s; differences the script has not
 * decided are one {@link SchemaMismatch} listing them all. Nothing here touches a row.
 */
public final class JobPlanner {

    private static final Logger LOG = LoggerFactory.getLogger(JobPlanner.class);

    private final MigrationPlan plan;
    private final Dialect sourceDialect;
    private final Dialect targetDialect;
    private final ZoneId zone;

    public JobPlanner(MigrationPlan plan, Dialect sourceDialect, Dialect targetDialect, ZoneId zone) {
        this.plan = plan;
        this.sourceDialect = sourceDialect;
        this.targetDialect = targetDialect;
        this.zone = zone;
    }

    /** The resolved tables and the order to load them in. */
    public record Resolution(List<TableJob> jobs, LoadOrder order) {

        /**
         * The qualified names of the target tables that {@code existing} holds, children before parents, less those
         * in {@code keep} (lower case): the order in which they are emptied.
         */
        public List<String> childrenFirst(SchemaSnapshot existing, Set<String> keep) {
            List<String> tables = new ArrayList<>();
            for (String id : order.tables()) {
                jobs.stream().filter(j -> j.id().equals(id)).findFirst()
                        .filter(j -> existing.table(j.targetName()).isPresent())
                        .filter(j -> !keep.contains(j.targetName().toLowerCase(Locale.ROOT)))
                        .map(j -> j.target().qualifiedName()).filter(t -> !tables.contains(t)).ifPresent(tables::add);
            }
            Collections.reverse(tables);
            return tables;
        }
    }

    public Resolution resolve(SchemaSnapshot source, SchemaSnapshot target) {
        return resolve(source, target, target);
    }

    /**
     * @param keys the target whose foreign keys order the load: the target as the run leaves it before the load,
     *             where the tables it creates already have the keys they get after it
     */
    public Resolution resolve(SchemaSnapshot source, SchemaSnapshot target, SchemaSnapshot keys) {
        List<TableInfo> selected = selectTables(source);
        List<String> problems = new ArrayList<>();
        List<TableJob> jobs = new ArrayList<>();
        for (TableInfo table : selected) {
            List<TableMapping> mappings = plan.mappings().stream().anyMatch(m -> m.source().equalsIgnoreCase(table.name()))
                    ? plan.mappingsFor(table.name()) : List.of(TableMapping.plain(table.name(), locationOf(table.name())));
            for (TableMapping mapping : mappings) {
                Optional<TableInfo> targetTable = target.table(mapping.target());
                if (targetTable.isEmpty() && !plan.settings().dryRun()) {
                    problems.add("table " + mapping.target() + ": does not exist in the target; create it first, or let the run create it (settings { schema CREATE })");
                    continue;
                }
                jobs.add(resolveTable(table, mapping, targetTable.orElse(null), problems));
            }
        }
        if (!problems.isEmpty()) {
            throw new SchemaMismatch(problems);
        }
        return new Resolution(jobs, loadOrder(jobs, keys));
    }

    /**
     * The source tables the run moves, queries included: the ones {@code tables} lists; else, when the script
     * excludes some, every table but those; else the ones its {@code table(...)} blocks name; else, when it has
     * queries, those alone; else every table of the source.
     */
    public List<TableInfo> selectTables(SchemaSnapshot source) {
        return select(source).tables();
    }

    /** Which tables move and why, in one line: {@code "16 tables: every table of the source, since the script names none"}. */
    public record Selection(List<TableInfo> tables, String reason) {
    }

    public Selection select(SchemaSnapshot source) {
        for (TableMapping m : plan.mappings()) {
            requireSourceTable(source, m.source(), m.location());
        }
        List<TableInfo> queries = plan.mappings().stream().filter(TableMapping::isQuery)
                .map(m -> source.table(m.source()).orElseThrow()).distinct().toList();
        List<TableInfo> blocks = plan.mappings().stream().filter(m -> !m.isQuery())
                .map(m -> source.table(m.source()).orElseThrow()).distinct().toList();
        List<TableInfo> selected = new ArrayList<>();
        String which;
        if (!plan.tables().isEmpty()) {
            for (TableRef ref : plan.tables()) {
                TableInfo table = requireSourceTable(source, ref.name(), ref.location());
                if (!plan.excluded(table.name()) && !selected.contains(table)) {
                    selected.add(table);
                }
            }
            which = "the ones `tables` lists";
        } else if (plan.everySourceTable()) {
            for (TableInfo table : source.tables()) {
                // a source that was itself a target keeps the tool's journal: it is bookkeeping, not data
                if (!plan.excluded(table.name()) && !queries.contains(table) && !table.name().equalsIgnoreCase(plan.settings().journalName())) {
                    selected.add(table);
                }
            }
            which = !plan.excludes().isEmpty() ? "every table of the source but those `exclude` names"
                    : plan.allTables() ? "every table of the source, as `tables ALL` says"
                    : "every table of the source, since the script names none";
        } else if (!blocks.isEmpty()) {
            // the source's order, as for every table: the load order is the foreign keys' business
            source.tables().stream().filter(blocks::contains).forEach(selected::add);
            which = "the ones the script's table() blocks name";
        } else {
            which = "the script's " + (queries.size() == 1 ? "query" : "queries");
        }
        // a query is named by the script: it always runs
        int tables = selected.size();
        queries.stream().filter(q -> !selected.contains(q)).forEach(selected::add);
        if (tables > 0 && !queries.isEmpty()) {
            which += ", and the script's " + (queries.size() == 1 ? "query" : count(queries.size(), "query", "queries"));
        }
        if (plan.tables().isEmpty() && !plan.everySourceTable()) {
            which += blocks.isEmpty() ? "; no table of the source is copied, since the script names none"
                    : "; no other table of the source is copied";
        }
        return new Selection(List.copyOf(selected), count(selected.size(), "table", "tables") + ": " + which);
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private TableInfo requireSourceTable(SchemaSnapshot source, String name, ScriptLocation location) {
        return source.table(name).orElseThrow(() -> new ScriptError(location, "table '" + name + "' does not exist in the source"
                + suggestion(name, source.tableNames())));
    }

    private ScriptLocation locationOf(String table) {
        return plan.tables().stream().filter(t -> t.name().equalsIgnoreCase(table)).map(TableRef::location)
                .findFirst().orElse(plan.location());
    }

    private TableJob resolveTable(TableInfo source, TableMapping mapping, TableInfo target, List<String> problems) {
        ScriptLocation at = mapping.location();
        for (String renamed : mapping.renames().keySet()) {
            if (source.column(renamed).isEmpty()) {
                throw new ScriptError(at, "table('" + mapping.source() + "'): cannot rename '" + renamed + "': no such column in the source"
                        + suggestion(renamed, names(source.columns())));
            }
        }
        for (String ignored : mapping.ignored()) {
            if (source.column(ignored).isEmpty()) {
                throw new ScriptError(at, "table('" + mapping.source() + "'): cannot ignore '" + ignored + "': no such column in the source"
                        + suggestion(ignored, names(source.columns())));
            }
        }
        for (String only : mapping.columns()) {
            if (source.column(only).isEmpty()) {
                throw new ScriptError(at, "table('" + mapping.source() + "'): cannot move column '" + only + "': no such column in the source"
                        + suggestion(only, names(source.columns())));
            }
        }
        Set<String> ignored = new LinkedHashSet<>();
        mapping.ignored().forEach(i -> ignored.add(source.column(i).orElseThrow().name()));
        if (!mapping.columns().isEmpty()) {
            // columns 'a', 'b': every other source column stays behind
            for (ColumnInfo c : source.columns()) {
                if (mapping.columns().stream().noneMatch(o -> o.equalsIgnoreCase(c.name()))) {
                    ignored.add(c.name());
                }
            }
        }
        Map<String, String> renames = new HashMap<>();
        mapping.renames().forEach((from, to) -> renames.put(source.column(from).orElseThrow().name(), to));

        // every source column is read, as a transform may look at any of them through the row; a mapping that
        // names its columns (and may ask for distinct rows) reads those alone
        List<ColumnInfo> selectColumns = mapping.columns().isEmpty() ? source.columns()
                : source.columns().stream().filter(c -> !ignored.contains(c.name())).toList();
        Map<String, Integer> columnIndex = new LinkedHashMap<>();
        List<ValueReader> readers = new ArrayList<>();
        for (int i = 0; i < selectColumns.size(); i++) {
            columnIndex.put(selectColumns.get(i).name(), i);
            readers.add(sourceDialect.reader(selectColumns.get(i)));
        }

        // target column name -> the source column feeding it
        Map<String, Integer> fedBy = new LinkedHashMap<>();
        Map<String, String> fedByName = new HashMap<>();
        for (ColumnInfo column : selectColumns) {
            if (ignored.contains(column.name())) {
                continue;
            }
            String wanted = renames.getOrDefault(column.name(), column.name());
            Optional<ColumnInfo> targetColumn = target == null ? Optional.of(column) : target.column(wanted);
            if (targetColumn.isEmpty() && !renames.containsKey(column.name())) {
                // a sure rename: the same name once case and separators are folded (AlbumId and album_id)
                targetColumn = foldedMatch(source, target, column.name(), ignored, renames);
            }
            if (targetColumn.isEmpty()) {
                problems.add("table " + source.name() + ", column " + column.name() + ": no column '" + wanted + "' in target table "
                        + target.name() + suggestion(wanted, names(target.columns()))
                        + "; rename it (" + Difference.renameHint(column.name()) + ") or ignore it (ignore '" + column.name() + "')");
                continue;
            }
            if (targetColumn.get().generated()) {
                problems.add("table " + source.name() + ", column " + column.name() + ": target column " + targetColumn.get().name()
                        + " is generated by the target; ignore it (ignore '" + column.name() + "')");
                continue;
            }
            String targetName = targetColumn.get().name();
            if (fedBy.containsKey(targetName)) {
                problems.add("table " + source.name() + ": columns " + fedByName.get(targetName) + " and " + column.name()
                        + " both go to target column " + targetName + "; rename or ignore one of them");
                continue;
            }
            fedBy.put(targetName, columnIndex.get(column.name()));
            fedByName.put(targetName, column.name());
        }

        Map<String, ColumnTransform> transforms = new LinkedHashMap<>();
        for (ColumnTransform t : mapping.transforms()) {
            if (t.rule() != null && t.rule().from() != null && source.column(t.rule().from()).isEmpty()) {
                throw new ScriptError(t.location(), "column('" + t.column() + "') reads '" + t.rule().from() + "': no such column in the source"
                        + suggestion(t.rule().from(), names(source.columns())));
            }
            String targetName = target == null ? t.column() : target.column(t.column()).map(ColumnInfo::name).orElse(null);
            if (targetName == null) {
                throw new ScriptError(t.location(), "column('" + t.column() + "'): no such column in target table " + target.name()
                        + suggestion(t.column(), names(target.columns())));
            }
            transforms.put(targetName, t);
        }

        List<ColumnInfo> targetColumns = target == null ? selectColumns : target.columns();
        boolean verbatim = verbatimAllowed(mapping, target);
        List<ColumnFeed> feeds = new ArrayList<>();
        List<TargetColumn> written = new ArrayList<>();
        List<String> quoted = new ArrayList<>();
        for (ColumnInfo column : targetColumns) {
            String name = target == null ? renames.getOrDefault(column.name(), column.name()) : column.name();
            Integer sourceIndex = fedBy.get(name);
            ColumnTransform transform = transforms.get(name);
            if (sourceIndex == null && transform == null) {
                continue;
            }
            if (sourceIndex == null) {
                // a computed column still sees the source column of its own name, if there is one
                sourceIndex = source.column(name).map(c -> columnIndex.get(c.name())).orElse(-1);
            }
            ValueKind kind = target == null ? sourceDialect.kindOf(column) : targetDialect.kindOf(column);
            // a dry run into a table the run would create: the column as the source has it, under its new name
            TargetColumn targetColumn = new TargetColumn(target == null ? column.withName(name) : column, kind);
            ValueConverter converter = targetDialect.converter(kind, zone);
            if (verbatim && sourceIndex >= 0 && sourceDialect.kindOf(selectColumns.get(sourceIndex)) == kind
                    && sourceDialect.textIsExact(kind) && targetDialect.readsText(kind)) {
                // read as the source prints it and written as it is: no parsing and printing again on the way
                readers.set(sourceIndex, ValueReaders.AS_PRINTED);
                converter = value -> value;
            }
            feeds.add(new ColumnFeed(targetColumn, sourceIndex, sourceIndex >= 0 ? selectColumns.get(sourceIndex).name() : null,
                    transform, converter));
            written.add(targetColumn);
            quoted.add(targetDialect.quote(name));
        }
        String select = "SELECT " + (mapping.distinct() ? "DISTINCT " : "")
                + String.join(", ", selectColumns.stream().map(sourceDialect::selectColumn).toList())
                + " FROM " + from(mapping, source, sourceDialect);
        WriteTarget writeTarget = target == null ? null
                : new WriteTarget(target.name(), targetDialect.qualify(target), written, quoted, mergeKey(mapping, target, written));
        return new TableJob(mapping, source, select, selectColumns, readers, columnIndex, feeds, target, writeTarget);
    }

    /**
     * Whether values of this table may travel as the source prints them, when both databases agree on the
     * text: nothing in the script looks at a value (no transform, no row code), and every row goes through the
     * target's bulk text path (not rows checked one by one for a reject file, nor a dry run's checks).
     */
    private boolean verbatimAllowed(TableMapping mapping, TableInfo target) {
        return target != null && mapping.transforms().isEmpty() && mapping.rows() == null && plan.settings().bulk()
                && plan.settings().maxRejects() == 0 && !plan.settings().dryRun();
    }

    /** What a table's rows are selected from: the table itself, or the script's query as a derived table. */
    static String from(TableMapping mapping, TableInfo source, Dialect dialect) {
        return mapping.isQuery() ? "(" + mapping.query() + ") q" : dialect.qualify(source);
    }

    /** In MERGE mode, the quoted columns a row is matched on: the script's key, else the target's primary key. */
    private List<String> mergeKey(TableMapping mapping, TableInfo target, List<TargetColumn> written) {
        if (plan.settings().mode() != WriteMode.MERGE) {
            return List.of();
        }
        List<String> key = mapping.key().isEmpty() ? target.primaryKey() : mapping.key();
        if (key.isEmpty()) {
            throw new ScriptError(mapping.location(), "table " + target.name() + " has no primary key to merge on; declare one: table('"
                    + mapping.source() + "') { key 'column' }");
        }
        List<String> quoted = new ArrayList<>();
        for (String k : key) {
            String name = written.stream().map(TargetColumn::name).filter(n -> n.equalsIgnoreCase(k)).findFirst()
                    .orElseThrow(() -> new ScriptError(mapping.location(), "table " + target.name() + ": merge key column '" + k
                            + "' is not written by this migration" + suggestion(k, written.stream().map(TargetColumn::name).toList())));
            quoted.add(targetDialect.quote(name));
        }
        return quoted;
    }

    /**
     * Parents before children, by the target's foreign keys (they are what the target enforces), else the
     * source's; a table whose rules look values up in a table this run fills comes after that table too. A table
     * written by several jobs (one per source that goes into it) is done when all of them are. With a list of
     * tables, they load one after another in the script's order wherever those dependencies allow it; where a
     * listed table references one listed after it, the referenced one goes first.
     */
    private LoadOrder loadOrder(List<TableJob> jobs, SchemaSnapshot keys) {
        List<String> ids = jobs.stream().map(TableJob::id).toList();
        Map<String, List<String>> bySourceName = new HashMap<>();
        Map<String, List<String>> byTargetName = new HashMap<>();
        for (TableJob job : jobs) {
            bySourceName.computeIfAbsent(job.name().toLowerCase(), k -> new ArrayList<>()).add(job.id());
            byTargetName.computeIfAbsent(job.targetName().toLowerCase(), k -> new ArrayList<>()).add(job.id());
        }
        Map<String, List<String>> parents = new HashMap<>();
        Map<String, Map<String, ScriptLocation>> lookedUp = new HashMap<>();
        for (TableJob job : jobs) {
            List<String> list = new ArrayList<>();
            // a table the run creates gets its foreign keys after the load: they order it all the same
            Optional<TableInfo> target = job.targetTable() == null ? Optional.empty() : keys.table(job.targetName());
            List<ForeignKeyInfo> foreignKeys = job.targetTable() == null ? job.source().foreignKeys()
                    : target.map(TableInfo::foreignKeys).orElse(job.targetTable().foreignKeys());
            Map<String, List<String>> named = job.targetTable() != null ? byTargetName : bySourceName;
            for (ForeignKeyInfo fk : foreignKeys) {
                list.addAll(named.getOrDefault(fk.referencedTable().toLowerCase(), List.of()));
            }
            Map<String, ScriptLocation> reads = Lookups.filledTablesReadBy(job.mapping());
            reads.forEach((table, at) -> byTargetName.getOrDefault(table, List.of()).forEach(parent -> {
                list.add(parent);
                lookedUp.computeIfAbsent(job.id(), k -> new LinkedHashMap<>()).put(parent, at);
            }));
            parents.put(job.id(), list);
        }
        LoadOrder byDependencies = LoadOrder.of(ids, parents);
        refuseLookupsInCycles(byDependencies, lookedUp, jobs);
        if (plan.tables().isEmpty()) {
            return byDependencies;
        }
        // the script's order: each group of tables starts when the one before it is done
        List<List<String>> sequence = inScriptOrder(ids, byDependencies);
        for (int i = 1; i < sequence.size(); i++) {
            for (String id : sequence.get(i)) {
                parents.get(id).addAll(sequence.get(i - 1));
            }
        }
        List<String> listed = sequence.stream().flatMap(List::stream).toList();
        if (!listed.equals(ids)) {
            LOG.info("tables load in the order {}: each after the tables it references or looks values up in", String.join(", ", listed));
        }
        return LoadOrder.of(ids, parents);
    }

    /**
     * A lookup reads its table once that table is loaded and committed. One into a table that is loaded together
     * with the table that looks (the same table, or one of a foreign-key cycle with it) would find it half loaded.
     */
    private static void refuseLookupsInCycles(LoadOrder order, Map<String, Map<String, ScriptLocation>> lookedUp, List<TableJob> jobs) {
        Map<String, TableJob> byId = new HashMap<>();
        jobs.forEach(j -> byId.put(j.id(), j));
        for (Map.Entry<String, Map<String, ScriptLocation>> entry : lookedUp.entrySet()) {
            List<String> group = order.groups().stream().filter(g -> g.contains(entry.getKey())).findFirst().orElse(List.of());
            for (Map.Entry<String, ScriptLocation> read : entry.getValue().entrySet()) {
                if (read.getKey().equals(entry.getKey()) || group.contains(read.getKey())) {
                    TableJob reader = byId.get(entry.getKey());
                    TableJob filled = byId.get(read.getKey());
                    String table = filled.targetName();
                    throw new ScriptError(read.getValue(), "lookup '" + table + "' reads table " + table + ", which this run fills "
                            + (filled == reader ? "in the same load as " : "together with ") + reader.targetName()
                            + (filled == reader ? "" : " (they reference each other)") + ": it would find it half loaded; look it up in the"
                            + " source instead (lookup '" + table + "', ..., in: 'source'), or load " + table + " in a run of its own first");
                }
            }
        }
    }

    /** The dependency groups in an order they allow, the earliest a group can go being the script's first table in it. */
    private static List<List<String>> inScriptOrder(List<String> ids, LoadOrder order) {
        List<List<String>> groups = new ArrayList<>(order.groups());
        Map<String, Integer> groupOf = new HashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            for (String id : groups.get(g)) {
                groupOf.put(id, g);
            }
        }
        List<List<String>> sequence = new ArrayList<>();
        Set<Integer> placed = new HashSet<>();
        while (placed.size() < groups.size()) {
            int next = -1;
            int best = Integer.MAX_VALUE;
            for (int g = 0; g < groups.size(); g++) {
                if (placed.contains(g)) {
                    continue;
                }
                boolean ready = true;
                for (String id : groups.get(g)) {
                    for (String p : order.prerequisites().get(id)) {
                        ready &= placed.contains(groupOf.get(p));
                    }
                }
                int first = groups.get(g).stream().mapToInt(ids::indexOf).min().orElse(Integer.MAX_VALUE);
                if (ready && first < best) {
                    best = first;
                    next = g;
                }
            }
            placed.add(next);
            sequence.add(groups.get(next));
        }
        return sequence;
    }

    /** The one target column whose folded name equals the source column's, when no source column has it by name. */
    private static Optional<ColumnInfo> foldedMatch(TableInfo source, TableInfo target, String column, Set<String> ignored,
                                                    Map<String, String> renames) {
        String folded = Names.fold(column);
        List<ColumnInfo> matches = target.columns().stream().filter(t -> Names.fold(t.name()).equals(folded)).toList();
        if (matches.size() != 1) {
            return Optional.empty();
        }
        ColumnInfo match = matches.get(0);
        boolean takenByName = source.columns().stream().anyMatch(c -> !ignored.contains(c.name())
                && renames.getOrDefault(c.name(), c.name()).equalsIgnoreCase(match.name()));
        return takenByName ? Optional.empty() : Optional.of(match);
    }

    private static List<String> names(List<ColumnInfo> columns) {
        return columns.stream().map(ColumnInfo::name).toList();
    }

    private static String suggestion(String word, List<String> known) {
        return Suggestions.nearest(word, known);
    }
}
