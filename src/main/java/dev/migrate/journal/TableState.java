package dev.migrate.journal;

import java.time.Instant;

/**
 * What the journal says of one target table: the last run that loaded it, and how far that run got.
 *
 * @param table          the table, as the journal names it ({@code schema.table}, lower case)
 * @param run            the run's id
 * @param migration      the migration's name
 * @param state          {@code loading} (started, not finished), {@code done} or {@code failed}
 * @param created        whether that run created the table (so its keys and indexes come after the load)
 * @param partitions     the partitions that run committed
 * @param rowsCommitted  the rows those partitions committed
 * @param started        when that run started on the table
 * @param host           where it ran
 * @param pid            its process
 * @param updated        when that run last wrote of the table: when it began loading it, or ended
 */
public record TableState(String table, String run, String migration, String state, boolean created, long partitions,
                         long rowsCommitted, Instant started, String host, long pid, Instant updated) {

    public static final String LOADING = "loading";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    /** Whether that run ended without finishing the table. */
    public boolean unfinished() {
        return !DONE.equals(state);
    }

    /** Whether that run left rows of its own in the table: a partition committed before it stopped. */
    public boolean leftRows() {
        return unfinished() && partitions > 0;
    }

    /** {@code run 'shop' (started 2026-11-21 13:02:11 on db-host, pid 4242)}, for messages. */
    public String describeRun() {
        return "run '" + migration + "' (started " + Journal.LOCAL_TIME.format(started) + " on " + host + ", pid " + pid + ")";
    }
}
