package dev.migrate.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the tables of one foreign-key cycle (tables that reference each other, or a table that references
 * itself) in one target transaction, with the target's foreign-key checks off for it: every partition of every
 * table of the cycle, one after another, committed together. So a failure in any of them leaves none of them
 * loaded, and no row ever points at a row that is not there.
 */
final class CycleRun {

    /** Partitions of one table, run in the cycle's transaction. */
    interface Tables {
        List<Partition> split(TableJob job) throws Exception;

        PartitionRun partition(Partition partition, Destination.Transaction shared);
    }

    /** How the cycle went: each table's totals, or the table that failed and why. */
    record Outcome(Map<String, PartitionRun.Outcome> tables, Map<String, Integer> partitions, String failedTable,
                   Partition failedPartition, Throwable failure) {
    }

    private final Destination destination;
    private final List<String> sessionSetup;
    private final List<String> sessionReset;

    CycleRun(Destination destination, List<String> sessionSetup, List<String> sessionReset) {
        this.destination = destination;
        this.sessionSetup = sessionSetup;
        this.sessionReset = sessionReset;
    }

    Outcome run(List<TableJob> jobs, Tables tables) {
        Map<String, PartitionRun.Outcome> totals = new LinkedHashMap<>();
        Map<String, Integer> partitions = new LinkedHashMap<>();
        Destination.Transaction transaction = null;
        String current = null;
        Partition running = null;
        try {
            // a session that cannot turn its checks off fails the cycle's first table
            current = jobs.get(0).id();
            transaction = destination.begin(sessionSetup, sessionReset);
            for (TableJob job : jobs) {
                current = job.id();
                List<Partition> parts = tables.split(job);
                partitions.put(job.id(), parts.size());
                PartitionRun.Outcome sum = new PartitionRun.Outcome(0, 0, 0, 0, 0, null);
                for (Partition partition : parts) {
                    running = partition;
                    sum = add(sum, tables.partition(partition, transaction).run());
                }
                running = null;
                totals.put(job.id(), sum);
                long rejected = sum.rowsRead() - sum.rowsWritten() - sum.skipped();
                if (sum.rowsWritten() == 0 && rejected > 0) {
                    // decided before the commit: the other tables of the cycle would point at rows that never arrived
                    throw new EveryRowRejected("every row was rejected (" + rejected + " of " + sum.rowsRead()
                            + "), so no table of its cycle keeps a row");
                }
            }
            transaction.commit();
            return new Outcome(totals, partitions, null, null, null);
        } catch (Throwable failure) {
            if (transaction != null) {
                transaction.rollback(failure);
            }
            return new Outcome(totals, partitions, current, running, failure);
        } finally {
            if (transaction != null) {
                transaction.close();
            }
        }
    }

    private static PartitionRun.Outcome add(PartitionRun.Outcome a, PartitionRun.Outcome b) {
        return new PartitionRun.Outcome(a.rowsRead() + b.rowsRead(), a.rowsWritten() + b.rowsWritten(), a.rejected() + b.rejected(),
                a.skipped() + b.skipped(), a.bytes() + b.bytes(), b.method());
    }

    /** A table of the cycle none of whose rows could be written: the cycle fails as a whole. */
    static final class EveryRowRejected extends Exception {
        EveryRowRejected(String message) {
            super(message);
        }
    }
}
