package dev.migrate.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.migrate.connect.Database;
import dev.migrate.dialect.Dialect;
import dev.migrate.schema.ColumnInfo;
import dev.migrate.transfer.TargetColumn;
import dev.migrate.transfer.ValueReader;
import dev.migrate.verify.Canonical;
import dev.migrate.verify.RowDifference;
import dev.migrate.verify.TableVerdict;

/**
 * The key sets of a target table whose rows cannot be matched one to one with a source's: a query, a table several
 * sources feed, a {@code distinct} table. Every source's rows are read through the script's transforms, ordered by the
 * key inside the source, and merged into one ordered set of keys, which is matched with the target's keys, ordered
 * the same way; memory holds one row per stream. The key is the script's {@code key}, else the target's primary key,
 * and every source must write it as it reads it (no code computes it), or it is not a key
 * both sides can order alike: then only the row counts are compared.
 */
final class KeySets {

    private final List<TableJob> jobs;
    /** Per job, the key columns as indexes into its written row. */
    private final List<int[]> keyIndexes;
    private final List<TargetColumn> keyColumns;

    private KeySets(List<TableJob> jobs, List<int[]> keyIndexes, List<TargetColumn> keyColumns) {
        this.jobs = jobs;
        this.keyIndexes = keyIndexes;
        this.keyColumns = keyColumns;
    }

    /** The key sets of the table these jobs write, when it has a key every one of them writes as it reads it. */
    static Optional<KeySets> of(List<TableJob> jobs) {
        TableJob first = jobs.get(0);
        List<String> key = first.mapping().key().isEmpty() ? first.targetTable().primaryKey() : first.mapping().key();
        if (key.isEmpty()) {
            return Optional.empty();
        }
        List<int[]> indexes = new ArrayList<>();
        List<TargetColumn> columns = new ArrayList<>();
        for (TableJob job : jobs) {
            if (job.mapping().rows() != null) {
                return Optional.empty();
            }
            int[] at = new int[key.size()];
            for (int k = 0; k < key.size(); k++) {
                at[k] = -1;
                for (int f = 0; f < job.feeds().size(); f++) {
                    ColumnFeed feed = job.feeds().get(f);
                    if (feed.target().name().equalsIgnoreCase(key.get(k)) && feed.transform() == null && feed.sourceIndex() >= 0) {
                        at[k] = f;
                    }
                }
                if (at[k] < 0) {
                    return Optional.empty();
                }
                if (columns.size() <= k) {
                    columns.add(job.feeds().get(at[k]).target());
                }
            }
            indexes.add(at);
        }
        return Optional.of(new KeySets(jobs, indexes, columns));
    }

    /** Compares the key sets; {@code clock} is when the table's comparison began. */
    TableVerdict compare(Database source, Database target, Lookups lookups, long clock) throws SQLException {
        String table = jobs.get(0).targetName();
        Dialect to = target.dialect();
        List<String> targetKey = new ArrayList<>();
        List<String> targetOrder = new ArrayList<>();
        for (TargetColumn column : keyColumns) {
            String quoted = to.quote(column.name());
            targetKey.add(quoted);
            targetOrder.add(nullsFirst(quoted) + ", " + to.byteOrder(quoted, column.kind()));
        }
        List<ValueReader> targetReaders = keyColumns.stream().map(c -> to.reader(c.info())).toList();
        String targetSql = "SELECT " + String.join(", ", targetKey) + " FROM " + jobs.get(0).target().qualifiedName() + " ORDER BY "
                + String.join(", ", targetOrder);
        List<Stream> streams = new ArrayList<>();
        List<RowDifference> kept = new ArrayList<>();
        long found = 0;
        long sourceKeys = 0;
        long targetKeys = 0;
        try (Connection tc = target.connection()) {
            to.prepareStreamingRead(tc);
            try (PreparedStatement ts = tc.prepareStatement(targetSql)) {
                ts.setFetchSize(to.streamingFetchSize(5_000));
                for (int j = 0; j < jobs.size(); j++) {
                    streams.add(new Stream(jobs.get(j), keyIndexes.get(j), source, lookups));
                }
                try (ResultSet tr = ts.executeQuery()) {
                    Object[] s = nextSource(streams, null);
                    Object[] t = nextTarget(tr, targetReaders);
                    while (s != null || t != null) {
                        int order = s == null ? 1 : t == null ? -1 : compare(s, t);
                        RowDifference difference = null;
                        if (order < 0) {
                            difference = new RowDifference(table, describe(s), RowDifference.Kind.MISSING_IN_TARGET, null, null, null);
                        } else if (order > 0) {
                            difference = new RowDifference(table, describe(t), RowDifference.Kind.EXTRA_IN_TARGET, null, null, null);
                        }
                        if (difference != null && ++found <= TableVerdict.KEPT) {
                            kept.add(difference);
                        }
                        if (order <= 0) {
                            sourceKeys++;
                            s = nextSource(streams, s);
                        }
                        if (order >= 0) {
                            targetKeys++;
                            t = nextTarget(tr, targetReaders);
                        }
                    }
                }
            } finally {
                for (Stream stream : streams) {
                    stream.close();
                }
                if (!tc.getAutoCommit()) {
                    tc.rollback();
                }
            }
        }
        return new TableVerdict(table, "keys", sourceKeys, targetKeys, (System.nanoTime() - clock) / 1e9, kept, found, null);
    }

    /** Rows whose key is NULL first, on every database: where each puts them by itself differs. */
    private static String nullsFirst(String column) {
        return "CASE WHEN " + column + " IS NULL THEN 0 ELSE 1 END";
    }

    /** The smallest key any stream holds that is greater than {@code last}: the sources' keys merged, each once. */
    private Object[] nextSource(List<Stream> streams, Object[] last) throws SQLException {
        Object[] smallest = null;
        for (Stream stream : streams) {
            while (stream.head != null && last != null && compare(stream.head, last) <= 0) {
                stream.advance();
            }
            if (stream.head != null && (smallest == null || compare(stream.head, smallest) < 0)) {
                smallest = stream.head;
            }
        }
        return smallest;
    }

    private static Object[] nextTarget(ResultSet tr, List<ValueReader> readers) throws SQLException {
        if (!tr.next()) {
            return null;
        }
        Object[] key = new Object[readers.size()];
        for (int i = 0; i < key.length; i++) {
            key[i] = readers.get(i).read(tr, i + 1);
        }
        return key;
    }

    private static int compare(Object[] a, Object[] b) {
        for (int k = 0; k < a.length; k++) {
            int order = Canonical.compareKeys(a[k], b[k]);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    private String describe(Object[] key) {
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < key.length; k++) {
            parts.add(keyColumns.get(k).name() + "=" + Canonical.of(key[k]));
        }
        return String.join(", ", parts);
    }

    /** One source's rows as the run writes them, ordered by the key: its head is the key of the current row. */
    private static final class Stream {

        private final TableJob job;
        private final int[] key;
        private final RowTransformer transformer;
        private final Connection connection;
        private final PreparedStatement statement;
        private final ResultSet rows;
        Object[] head;

        Stream(TableJob job, int[] key, Database source, Lookups lookups) throws SQLException {
            this.job = job;
            this.key = key;
            this.transformer = new RowTransformer(job, lookups);
            Dialect from = source.dialect();
            List<String> order = new ArrayList<>();
            for (int k : key) {
                ColumnFeed feed = job.feeds().get(k);
                ColumnInfo column = job.sourceColumns().get(feed.sourceIndex());
                String quoted = from.quote(column.name());
                order.add(nullsFirst(quoted) + ", " + from.byteOrder(quoted, from.kindOf(column)));
            }
            String where = job.mapping().where() == null ? "" : " WHERE (" + job.mapping().where() + ")";
            String sql = "SELECT * FROM (" + job.sourceSql() + where + ") d ORDER BY " + String.join(", ", order);
            connection = source.connection();
            try {
                from.prepareStreamingRead(connection);
                statement = connection.prepareStatement(sql);
                statement.setFetchSize(from.streamingFetchSize(5_000));
                rows = statement.executeQuery();
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
            advance();
        }

        /** The next row's key, skipping rows the run leaves out or refuses (they are not expected in the target). */
        void advance() throws SQLException {
            int width = job.readers().size();
            while (rows.next()) {
                Object[] row = new Object[width];
                for (int i = 0; i < width; i++) {
                    row[i] = job.readers().get(i).read(rows, i + 1);
                }
                try {
                    Object[] written = transformer.apply(row);
                    if (written != null) {
                        Object[] k = new Object[key.length];
                        for (int i = 0; i < key.length; i++) {
                            k[i] = written[key[i]];
                        }
                        head = k;
                        return;
                    }
                } catch (RowFailure refused) {
                    // set aside by the run, or it failed on it: not in the target
                }
            }
            head = null;
        }

        void close() throws SQLException {
            try (Connection c = connection) {
                try {
                    rows.close();
                    statement.close();
                } finally {
                    if (!c.getAutoCommit()) {
                        c.rollback();
                    }
                }
            }
        }
    }
}
