package dev.migrate.engine;

import java.sql.Connection;
import java.sql.Savepoint;
import java.util.List;
import java.util.Optional;

import dev.migrate.dialect.ConstraintChecks;
import dev.migrate.dialect.Dialect;
import dev.migrate.plan.Settings;
import dev.migrate.transfer.RowStream;
import dev.migrate.transfer.RowWriter;

/**
 * A dry run's destination: every transaction writes nothing ({@link DryRunWriter}), so the engine reads, transforms
 * and checks every row as a real run would, and the target is never touched. The reader checks each value itself,
 * since no database will refuse one.
 */
public final class DryRunDestination implements Destination {

    private final Lookups lookups;

    /** @param lookups shown the rows a real run would write, so that lookups into those tables can be checked */
    public DryRunDestination(Lookups lookups) {
        this.lookups = lookups;
    }

    @Override
    public int workers(Settings settings) {
        return settings.parallelism();
    }

    @Override
    public Optional<ConstraintChecks> constraintChecks() {
        return Optional.empty();
    }

    @Override
    public Transaction begin(List<String> setup, List<String> reset) {
        return new Transaction() {
            @Override
            public RowWriter writer(TableJob job, WritePath path) {
                return new DryRunWriter(job, lookups);
            }

            @Override
            public Connection connection() {
                return null;
            }

            @Override
            public void record(Partition partition, long rows) {
            }

            @Override
            public Savepoint savepoint() {
                return null;
            }

            @Override
            public void rollbackTo(Savepoint savepoint) {
            }

            @Override
            public void release(Savepoint savepoint) {
            }

            @Override
            public void commit() {
            }

            @Override
            public void rollback(Throwable failure) {
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public Optional<RowStream> streamFrom(Dialect source) {
        return Optional.empty();
    }

    @Override
    public boolean readerValidates() {
        return true;
    }

    @Override
    public void recordSplit(TableJob job, List<Partition> partitions) {
    }

    @Override
    public boolean retries() {
        return false;
    }

    @Override
    public Long committedBefore(Partition partition) {
        return null;
    }

    @Override
    public void loaded(TableJob job) {
    }

    @Override
    public void rejectedEntirely(TableJob job, int partitions) {
    }

    @Override
    public void execute(List<String> statements) {
    }

    @Override
    public String hintFor(String message) {
        return "";
    }

    @Override
    public String written() {
        return "would be";
    }
}
