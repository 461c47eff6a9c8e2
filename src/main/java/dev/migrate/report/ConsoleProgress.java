package dev.migrate.report;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.migrate.engine.ProgressListener;
import dev.migrate.engine.TableResult;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar per running table, on a terminal. */
public final class ConsoleProgress implements ProgressListener {

    private static final int RENDERED_WIDTH = 110;

    private final Map<String, ProgressBar> bars = new ConcurrentHashMap<>();

    @Override
    public void tableStarted(String table, long expectedRows, boolean estimated) {
        bars.computeIfAbsent(table, t -> new ProgressBarBuilder()
                .setTaskName(t)
                .setInitialMax(Math.max(expectedRows, 0))
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setUnit(" rows", 1)
                .showSpeed()
                .setUpdateIntervalMillis(250)
                // one width for every bar: bars drawn at different widths leave stale text behind
                .setMaxRenderedLength(RENDERED_WIDTH)
                .build());
    }

    @Override
    public void rowsMoved(String table, long rows, long bytes) {
        ProgressBar bar = bars.get(table);
        if (bar != null) {
            bar.stepBy(rows);
        }
    }

    @Override
    public void tableFinished(TableResult result) {
        ProgressBar bar = bars.remove(result.source());
        if (bar != null) {
            if (result.status() == TableResult.Status.DONE) {
                bar.maxHint(result.rowsWritten());
                bar.stepTo(result.rowsWritten());
            } else {
                bar.setExtraMessage(result.status().name().toLowerCase());
            }
            bar.close();
        }
    }
}
