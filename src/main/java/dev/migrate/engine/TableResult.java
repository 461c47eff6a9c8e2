package dev.migrate.engine;

/**
 * How one table went.
 *
 * @param table       the target table's name
 * @param source      the source table's name
 * @param rowsRead    rows read from the source
 * @param rowsWritten rows committed to the target (in a dry run: rows that would be written)
 * @param partitions  primary-key ranges the table was moved in
 * @param rejected    rows set aside in the reject file
 * @param skipped     rows the script's row code left out
 * @param rejectFile  the table's reject file, or null
 * @param errors      partitions that failed
 * @param bytes       bytes sent to the target (an estimate where the driver cannot tell)
 * @param error       why the table failed or was skipped, else null
 * @param method      how the rows were written: {@code COPY (binary stream)}, {@code LOAD DATA LOCAL INFILE},
 *                    {@code JDBC batches}...; null when no partition ran
 * @param resumed     of {@code rowsWritten}, the rows an earlier attempt of this run committed ({@code run --resume})
 * @param retries     partitions tried again after a lost connection
 */
public record TableResult(String table, String source, Status status, long rowsRead, long rowsWritten, long rejected, long skipped, String rejectFile, int partitions, long errors,
                          long bytes, double seconds, String error, String method, long resumed, int retries) {

    public enum Status { DONE, FAILED, SKIPPED }

    /**
     * Whether {@link #bytes()} tells what moved: a table that wrote rows and counted no byte was moved by a path that
     * does not count them (partitions an earlier attempt committed), and its bytes are unknown, not 0.
     */
    public boolean bytesKnown() {
        return bytes > 0 || rowsWritten == 0;
    }

    /** The rows this run moved per second: those an earlier attempt committed took none of its time. */
    public double rowsPerSecond() {
        return seconds > 0 ? (rowsWritten - resumed) / seconds : 0;
    }
}
