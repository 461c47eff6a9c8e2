package dev.migrate.engine;

import dev.migrate.transfer.JdbcBatchWriter;
import dev.migrate.transfer.RowWriter;

/**
 * The writer of a dry run: writes nothing, counts what would have been sent, and shows lookups into this
 * table the rows a real run would have written, so that they can be checked against them.
 */
final class DryRunWriter implements RowWriter {

    private final TableJob job;
    private final Lookups lookups;
    private long bytes;

    DryRunWriter(TableJob job, Lookups lookups) {
        this.job = job;
        this.lookups = lookups;
    }

    @Override
    public void add(Object[][] rows, int count) {
        for (int r = 0; r < count; r++) {
            for (Object value : rows[r]) {
                bytes += JdbcBatchWriter.estimate(value);
            }
        }
        lookups.wouldWrite(job, rows, count);
    }

    @Override
    public void finish() {
    }

    @Override
    public void commit() {
    }

    @Override
    public void abort() {
    }

    @Override
    public String method() {
        return "dry run";
    }

    @Override
    public long bytesWritten() {
        return bytes;
    }

    @Override
    public void close() {
    }
}
