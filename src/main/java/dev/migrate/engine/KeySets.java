package dev.migrate.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.migrate.connect.Database;
import dev.migrate.dialect.Dialect;
import dev.migrate.schema.ColumnInfo;
import dev.migrate.transfer.TargetColumn;
import dev.migrate.transfer.ValueKind;
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
    /** MERGE mode: rows with the same key become one row, so each key is expected once. */
    private final boolean merges;
    /** The stream whose head was handed out last: it moves on before the next key is chosen. */
    private Stream current;

    private KeySets(List<TableJob> jobs, List<int[]> keyIndexes, List<TargetColumn> keyColumns) {
        this.jobs = jobs;
        this.keyIndexes = keyIndexes;
        this.keyColumns = keyColumns;
        this.merges = jobs.get(0).target().merges();
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
                    if (feed.target().name().equalsIgnoreCase(key.get(k)) && feed.transform() == null && feed.sourceIndex() >= 0
                            && ordersAlike(job, feed)) {
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

    /**
     * Whether the source orders a key column's values as the target orders what they become: both numbers, or both
     * not (an integer key written into a text column orders 9 before 10 in one and after it in the other).
     */
    static boolean ordersAlike(TableJob job, ColumnFeed feed) {
        ValueKind from = ValueKind.ofJdbcType(job.sourceColumns().get(feed.sourceIndex()).jdbcType());
        return numeric(from) == numeric(feed.target().kind());
    }

    private static boolean numeric(ValueKind kind) {
        return kind == ValueKind.INTEGER || kind == ValueKind.BIGINT || kind == ValueKind.DECIMAL || kind == ValueKind.REAL
                || kind == ValueKind.DOUBLE || kind == ValueKind.BOOLEAN;
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
                    stream.close(null);
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

    /**
     * The next key of the sources merged in order: the smallest head of any stream. In MERGE mode a key the run wrote
     * already (from this source or another) is passed over, as the run made one row of them; a NULL key never
     * matches another, there or in the target.
     */
    private Object[] nextSource(List<Stream> streams, Object[] last) throws SQLException {
        if (current != null) {
            current.advance();
            current = null;
        }
        if (merges && last != null && Arrays.stream(last).noneMatch(Objects::isNull)) {
            for (Stream stream : streams) {
                while (stream.head != null && compare(stream.head, last) == 0) {
                    stream.advance();
                }
            }
        }
        for (Stream stream : streams) {
            if (stream.head != null && (current == null || compare(stream.head, current.head) < 0)) {
                current = stream;
            }
        }
        return current == null ? null : current.head;
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
        private final Database source;
        private final Connection connection;
        private final PreparedStatement statement;
        private final ResultSet rows;
        Object[] head;

        Stream(TableJob job, int[] key, Database source, Lookups lookups) throws SQLException {
            this.job = job;
            this.key = key;
            this.transformer = new RowTransformer(job, lookups);
            this.source = source;
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
            PreparedStatement prepared = null;
            ResultSet result = null;
            try {
                from.prepareStreamingRead(connection);
                prepared = connection.prepareStatement(sql);
                prepared.setFetchSize(from.streamingFetchSize(5_000));
                result = prepared.executeQuery();
            } catch (SQLException | RuntimeException e) {
                // a query that failed half way may still hold the connection: it goes, not back to the pool
                source.discard(connection);
                throw e;
            }
            statement = prepared;
            rows = result;
            try {
                advance();
            } catch (SQLException | RuntimeException e) {
                close(e);
                throw e;
            }
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

        /** Ends the read and frees its connection; one that cannot be ended is discarded, and why is added to {@code failure}, if any. */
        void close(Throwable failure) {
            try {
                rows.close();
                statement.close();
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
                connection.close();
            } catch (SQLException | RuntimeException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                }
                source.discard(connection);
            }
        }
    }
}
