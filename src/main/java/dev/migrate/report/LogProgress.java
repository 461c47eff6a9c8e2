package dev.migrate.report;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrate.engine.ProgressListener;
import dev.migrate.engine.TableResult;

/** Progress as plain log lines, for runs whose output is not a terminal: each table at most every few seconds. */
public final class LogProgress implements ProgressListener {

    private static final Logger LOG = LoggerFactory.getLogger("migrate.progress");

    private final long intervalNanos;
    private final Map<String, Table> tables = new ConcurrentHashMap<>();

    private static final class Table {
        final long expected;
        final long started = System.nanoTime();
        final AtomicLong rows = new AtomicLong();
        final AtomicLong lastLog = new AtomicLong(System.nanoTime());

        Table(long expected) {
            this.expected = expected;
        }
    }

    public LogProgress(long intervalMillis) {
        this.intervalNanos = intervalMillis * 1_000_000;
    }

    @Override
    public void tableStarted(String table, long expectedRows, boolean estimated) {
        tables.put(table, new Table(expectedRows));
        if (expectedRows < 0) {
            LOG.info("{}: started", table);
        } else {
            LOG.info("{}: started, {}{} rows", table, estimated ? "about " : "", Units.count(expectedRows));
        }
    }

    @Override
    public void rowsMoved(String table, long rows, long bytes) {
        Table t = tables.get(table);
        if (t == null) {
            return;
        }
        long total = t.rows.addAndGet(rows);
        long now = System.nanoTime();
        long last = t.lastLog.get();
        if (now - last >= intervalNanos && t.lastLog.compareAndSet(last, now)) {
            double seconds = (now - t.started) / 1e9;
            String percent = t.expected > 0 ? String.format(" (%d%%)", Math.min(100, total * 100 / t.expected)) : "";
            String of = t.expected < 0 ? "" : " / " + Units.count(t.expected);
            LOG.info("{}: {}{} rows{}, {} rows/s", table, Units.count(total), of, percent, Units.rate(total / Math.max(seconds, 0.001)));
        }
    }

    @Override
    public void tableFinished(TableResult result) {
        if (result.status() == TableResult.Status.DONE) {
            LOG.info("{}: done, {} rows in {} s", result.source(), Units.count(result.rowsWritten()), Units.seconds(result.seconds()));
        } else {
            LOG.warn("{}: {}", result.source(), result.error());
        }
    }
}
