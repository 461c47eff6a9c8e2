package dev.migrate.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Optional;

import dev.migrate.dialect.ConstraintChecks;
import dev.migrate.dialect.Dialect;
import dev.migrate.plan.Settings;
import dev.migrate.transfer.RowStream;
import dev.migrate.transfer.RowWriter;

/**
 * Where the engine's partitions write. The engine asks its destination — how many writers it takes, a transaction,
 * a writer in it — and never whether this is a dry run: {@link TargetDestination} writes into the target and records
 * every partition in the journal in the partition's own transaction; {@link DryRunDestination} writes nothing, so
 * that every row is still read, transformed and checked.
 */
public interface Destination {

    /** The number of partitions moved at once: the script's parallelism, within what the destination takes. */
    int workers(Settings settings);

    /** How the destination's foreign-key checks are turned off for the tables of a cycle, if it can. */
    Optional<ConstraintChecks> constraintChecks();

    /**
     * A transaction of its own, its session set up with {@code setup} (undone with {@code reset} when it closes).
     * A transaction the tables of a foreign-key cycle share is one of these, handed to each of their partitions.
     */
    Transaction begin(List<String> setup, List<String> reset) throws SQLException;

    /** The stream rows from {@code source} travel by without being decoded, when the two databases have one. */
    Optional<RowStream> streamFrom(Dialect source);

    /** Whether the reader must check each value itself: nothing downstream would refuse one that does not fit. */
    boolean readerValidates();

    /** Records how a table was split, so that a run that goes on with this one splits it the same way. */
    void recordSplit(TableJob job, List<Partition> partitions) throws SQLException;

    /**
     * Whether a partition whose connection was lost may be tried again: only where the journal can tell a commit
     * whose answer was lost from one that failed.
     */
    boolean retries();

    /** The rows {@code partition} committed in this run as the journal shows them, or null when it did not commit. */
    Long committedBefore(Partition partition);

    /** A table's rows are all in: its identity columns and sequences start after them. */
    /**
     * A table whose every row was rejected: its partitions committed no row, and are forgotten so that a resumed run
     * loads it again.
     */
    void rejectedEntirely(TableJob job, int partitions) throws SQLException;

    void loaded(TableJob job) throws SQLException;

    /** Runs statements outside any partition (the database-wide foreign-key switch). */
    void execute(List<String> statements) throws SQLException;

    /** What the destination's database adds to a failure's message, or "". */
    String hintFor(String message);

    /** "was" for rows written, "would be" for a dry run's. */
    String written();

    /** How a writer sends a partition's rows. */
    enum WritePath {
        /** The database's bulk path as one stream for the whole partition. */
        BULK,
        /** Each batch one complete statement through the bulk path, so that a refused one can be rolled back and split. */
        BULK_STATEMENTS,
        /** Each batch one JDBC batch of INSERTs (or upserts). */
        JDBC_BATCHES
    }

    /**
     * One transaction of the destination: the writers of its partitions write in it, and each records in it that it
     * is done. It commits (through the last writer, which may have something to send first) or rolls back whole.
     */
    interface Transaction extends AutoCloseable {

        /** A writer for {@code job}'s rows in this transaction, sending them the way {@code path} says. */
        RowWriter writer(TableJob job, WritePath path) throws SQLException;

        /** The connection under it, for a stream that copies straight into it; null when there is none. */
        Connection connection();

        /** Records, in this transaction, that {@code partition}'s {@code rows} are in. */
        void record(Partition partition, long rows) throws SQLException;

        /** A point to roll back to when a batch is refused, or null where nothing can be refused. */
        Savepoint savepoint() throws SQLException;

        void rollbackTo(Savepoint savepoint) throws SQLException;

        void release(Savepoint savepoint) throws SQLException;

        void commit() throws SQLException;

        /** Rolls back after {@code failure}; a rollback that fails too is added to it, never hides it. */
        void rollback(Throwable failure);

        /** Ends the transaction's hold on its connection, its session settings undone. */
        @Override
        void close();
    }
}
