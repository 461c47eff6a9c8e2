package dev.migrate.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import dev.migrate.connect.Database;
import dev.migrate.dialect.ConstraintChecks;
import dev.migrate.dialect.Dialect;
import dev.migrate.journal.Journal;
import dev.migrate.plan.Settings;
import dev.migrate.transfer.RowStream;
import dev.migrate.transfer.RowWriter;

/** The target database: rows go through its dialect's writers, and each partition is recorded in its journal in its own transaction. */
public final class TargetDestination implements Destination {

    private final Database target;
    private final Journal journal;

    public TargetDestination(Database target, Journal journal) {
        this.target = target;
        this.journal = journal;
    }

    @Override
    public int workers(Settings settings) {
        return Math.min(settings.parallelism(), target.dialect().maxConcurrentWriters());
    }

    @Override
    public Optional<ConstraintChecks> constraintChecks() {
        return target.dialect().constraintChecks();
    }

    @Override
    public Transaction begin(List<String> setup, List<String> reset) throws SQLException {
        Connection connection = target.connection();
        try {
            execute(connection, setup);
            connection.setAutoCommit(false);
            return new TargetTransaction(connection, reset);
        } catch (SQLException | RuntimeException e) {
            // its session settings are unknown now: it must not serve anyone else
            target.discard(connection);
            throw e;
        }
    }

    @Override
    public Optional<RowStream> streamFrom(Dialect source) {
        return source.streamTo(target.dialect());
    }

    @Override
    public boolean readerValidates() {
        return false;
    }

    @Override
    public void recordSplit(TableJob job, List<Partition> partitions) throws SQLException {
        journal.recordSplit(job.targetName(), job.name(), Partition.split(partitions));
    }

    @Override
    public boolean retries() {
        return journal.enabled();
    }

    @Override
    public Long committedBefore(Partition partition) {
        try {
            return journal.progress(partition.job().targetName(), journal.runId()).committed(partition.job().name(), partition.index(),
                    partition.count());
        } catch (SQLException e) {
            // the target is still out of reach: the partition's next try finds out
            return null;
        }
    }

    @Override
    public void rejectedEntirely(TableJob job, int partitions) throws SQLException {
        journal.forgetPartitions(job.targetName(), job.name(), partitions);
    }

    @Override
    public void loaded(TableJob job) throws SQLException {
        if (job.targetTable() == null) {
            return;
        }
        try (Connection c = target.connection()) {
            target.dialect().resetIdentities(c, job.targetTable(), job.target().qualifiedName());
        }
    }

    @Override
    public void execute(List<String> statements) throws SQLException {
        try (Connection c = target.connection()) {
            execute(c, statements);
        }
    }

    @Override
    public String hintFor(String message) {
        return target.dialect().hintFor(message);
    }

    @Override
    public String written() {
        return "was";
    }

    private static void execute(Connection connection, List<String> statements) throws SQLException {
        for (String sql : statements) {
            try (Statement s = connection.createStatement()) {
                s.execute(sql);
            }
        }
    }

    /** A transaction on one of the target's connections. */
    private final class TargetTransaction implements Transaction {

        private final Connection connection;
        private final List<String> reset;

        TargetTransaction(Connection connection, List<String> reset) {
            this.connection = connection;
            this.reset = reset;
        }

        @Override
        public RowWriter writer(TableJob job, WritePath path) throws SQLException {
            return switch (path) {
                case BULK -> target.dialect().openWriter(connection, job.target());
                case BULK_STATEMENTS -> target.dialect().openStatementWriter(connection, job.target());
                case JDBC_BATCHES -> target.dialect().openBatchWriter(connection, job.target());
            };
        }

        @Override
        public Connection connection() {
            return connection;
        }

        @Override
        public void record(Partition partition, long rows) throws SQLException {
            journal.recordPartition(connection, partition.job().targetName(), partition.job().name(), partition.index(), partition.count(),
                    partition.describeRange(Journal.KEY_RANGE_LENGTH), rows);
        }

        @Override
        public Savepoint savepoint() throws SQLException {
            return connection.setSavepoint();
        }

        @Override
        public void rollbackTo(Savepoint savepoint) throws SQLException {
            connection.rollback(savepoint);
        }

        @Override
        public void release(Savepoint savepoint) throws SQLException {
            connection.releaseSavepoint(savepoint);
        }

        @Override
        public void commit() throws SQLException {
            connection.commit();
        }

        @Override
        public void rollback(Throwable failure) {
            Faults.rollback(connection, failure);
        }

        @Override
        public void close() {
            try {
                connection.setAutoCommit(true);
                execute(connection, reset);
                connection.close();
            } catch (SQLException e) {
                // a session whose settings could not be restored must not serve anyone else
                target.discard(connection);
            }
        }
    }
}
