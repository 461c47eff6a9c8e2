package dev.migrate.report;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import dev.migrate.engine.ProgressListener;
import dev.migrate.engine.TableResult;

/**
 * Progress on a terminal: one line per table whose rows are moving, redrawn in place at most ten times a second by
 * one thread. A table that ends leaves one line ({@code film_actor  5,462 rows  0.4 s  done}) above the moving ones,
 * printed once; nothing else stays on the screen. Table names are as wide as the longest of the run, counts and rates
 * have thousands separators, and a rate shows only once there is one to show.
 *
 * <p>The workers only record what happened; {@link #draw} turns it into text: it moves the cursor up over the lines it
 * drew last, prints the tables that ended since, then the moving ones, and clears what is left below. Whatever else
 * is written to standard error meanwhile (a log line) first clears the moving lines, which the next drawing puts
 * back below it.
 */
public final class ConsoleProgress implements ProgressListener, AutoCloseable {

    static final String ESC = "\u001b[";
    private static final int BAR = 20;
    private static final long REDRAW_MILLIS = 100;
    /** A rate measured over less time than this says little. */
    private static final long RATE_AFTER_NANOS = 500_000_000L;

    /** A table counted (started), and from its first rows on, moving. */
    private static final class Table {
        final long expected;
        final boolean estimated;
        long firstRows = -1;
        long rows;

        Table(long expected, boolean estimated) {
            this.expected = expected;
            this.estimated = estimated;
        }
    }

    private final PrintStream out;
    private final LongSupplier nanos;
    private final int columns;
    private final int maxLines;
    private final Map<String, Table> running = new LinkedHashMap<>();
    private final List<TableResult> ended = new ArrayList<>();
    private int nameWidth;
    /**
     * As wide as the largest count seen, and at least as wide as {@code 9,999,999}: the lines of the tables that ended
     * are printed once, and should line up with each other.
     */
    private int countWidth = "9,999,999".length();
    private final int[] liveWidths = new int[5];
    private int drawn;
    private boolean changed;
    private Thread painter;
    private PrintStream replacedErr;

    /**
     * Draws on {@code out}, {@code columns} wide and at most {@code rows} high, with time from {@code nanos};
     * {@link #start} redraws it from its own thread.
     */
    ConsoleProgress(PrintStream out, LongSupplier nanos, int columns, int rows) {
        this.out = out;
        this.nanos = nanos;
        this.columns = columns;
        // lines the cursor cannot move back up over (above the top of the screen) would stay
        this.maxLines = Math.max(1, rows - 2);
    }

    /**
     * Progress on standard error, as large as the terminal, redrawn by a thread of its own until {@link #close}.
     * Until then, what else goes to standard error goes there through {@link #above}.
     */
    public static ConsoleProgress start() {
        PrintStream terminal = System.err;
        ConsoleProgress progress = new ConsoleProgress(terminal, System::nanoTime, Terminal.columns(), Terminal.rows());
        progress.replacedErr = terminal;
        System.setErr(new PrintStream(progress.above(), true));
        Thread painter = new Thread(progress::paint, "migrate-progress");
        painter.setDaemon(true);
        progress.painter = painter;
        painter.start();
        return progress;
    }

    /** A stream whose text goes above the moving lines: they are cleared first, and drawn again below it. */
    OutputStream above() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                synchronized (ConsoleProgress.this) {
                    clear();
                    out.write(bytes, offset, length);
                    out.flush();
                }
            }
        };
    }

    private void paint() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(REDRAW_MILLIS);
                draw();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void tablesPlanned(List<String> tables) {
        tables.forEach(t -> nameWidth = Math.max(nameWidth, t.length()));
    }

    @Override
    public synchronized void tableStarted(String table, long expectedRows, boolean estimated) {
        running.putIfAbsent(table, new Table(expectedRows, estimated));
        nameWidth = Math.max(nameWidth, table.length());
        countWidth = Math.max(countWidth, Units.count(expectedRows).length());
    }

    @Override
    public synchronized void rowsMoved(String table, long rows, long bytes) {
        Table t = running.get(table);
        // rows of a table that ended, or never started, draw nothing: no line comes back once it is gone
        if (t != null && rows > 0) {
            if (t.firstRows < 0) {
                t.firstRows = nanos.getAsLong();
            }
            t.rows += rows;
            changed = true;
        }
    }

    @Override
    public synchronized void tableFinished(TableResult result) {
        running.remove(result.source());
        nameWidth = Math.max(nameWidth, result.source().length());
        countWidth = Math.max(countWidth, Units.count(result.rowsWritten()).length());
        ended.add(result);
        changed = true;
    }

    /** Redraws what changed since the last drawing: the tables that ended, then the moving ones. */
    synchronized void draw() {
        if (!changed) {
            return;
        }
        changed = false;
        StringBuilder screen = new StringBuilder();
        up(screen);
        TextTable endedLine = new TextTable(new int[] {nameWidth, countWidth + " rows".length(), "00.0 s".length(), 0}, List.of(),
                c -> c == 1 || c == 2);
        for (TableResult t : ended) {
            screen.append(ESC).append("2K").append(fit(endedLine.line(new String[] {t.source(), Units.count(t.rowsWritten()) + " rows",
                    Units.seconds(t.seconds()) + " s", t.status().name().toLowerCase()}))).append('\n');
        }
        ended.clear();
        long now = nanos.getAsLong();
        List<String[]> lines = new ArrayList<>();
        running.forEach((name, t) -> {
            if (t.firstRows >= 0) {
                lines.add(live(name, t, now));
            }
        });
        // columns only widen while the run goes on, so the lines do not shift from one drawing to the next
        liveWidths[0] = nameWidth;
        TextTable table = new TextTable(liveWidths, lines, c -> c >= 2);
        for (int c = 0; c < liveWidths.length; c++) {
            liveWidths[c] = table.width(c);
        }
        int shown = lines.size() <= maxLines ? lines.size() : maxLines - 1;
        for (String[] line : lines.subList(0, shown)) {
            screen.append(ESC).append("2K").append(fit(table.line(line))).append('\n');
        }
        if (shown < lines.size()) {
            screen.append(ESC).append("2K").append(fit("and " + (lines.size() - shown) + " more tables moving")).append('\n');
        }
        screen.append(ESC).append('J');
        drawn = Math.min(lines.size(), maxLines);
        out.print(screen);
        out.flush();
    }

    /** The moving lines cleared, for a line of other text; the next drawing draws them again. */
    private void clear() {
        if (drawn > 0) {
            StringBuilder screen = new StringBuilder();
            up(screen);
            screen.append(ESC).append('J');
            out.print(screen);
            drawn = 0;
            changed = true;
        }
    }

    private void up(StringBuilder screen) {
        if (drawn > 0) {
            screen.append(ESC).append(drawn).append('A').append('\r');
        }
    }

    private static String[] live(String name, Table t, long now) {
        String bar;
        String percent;
        String rows;
        if (t.expected > 0) {
            long done = Math.min(t.rows, t.expected);
            int filled = (int) (done * BAR / t.expected);
            bar = "[" + "#".repeat(filled) + "-".repeat(BAR - filled) + "]";
            percent = done * 100 / t.expected + "%";
            rows = Units.count(t.rows) + " / " + (t.estimated ? "~" : "") + Units.count(t.expected) + " rows";
        } else {
            bar = "[" + " ".repeat(BAR) + "]";
            percent = "";
            rows = Units.count(t.rows) + " rows";
        }
        long elapsed = now - t.firstRows;
        // nothing until it is known: a terminal's encoding may not have a dash
        String rate = elapsed >= RATE_AFTER_NANOS ? Units.rate(t.rows * 1e9 / elapsed) + " rows/s" : "";
        return new String[] {name, bar, percent, rows, rate};
    }

    /** A line cut to the terminal's width: one that wrapped would take two lines, and the next drawing would miss one. */
    private String fit(String line) {
        return line.length() < columns ? line : line.substring(0, columns - 1).stripTrailing();
    }

    /** The last drawing, then no more; standard error is the terminal again. */
    @Override
    public void close() {
        if (painter != null) {
            painter.interrupt();
            try {
                painter.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            draw();
            if (replacedErr != null) {
                System.setErr(replacedErr);
                replacedErr = null;
            }
        }
    }
}
