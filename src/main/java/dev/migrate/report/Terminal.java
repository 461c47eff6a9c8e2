package dev.migrate.report;

/**
 * What the place the tool writes to allows. Redrawn progress lines (which move the cursor with ANSI escapes) only
 * on a terminal, and never when {@code NO_COLOR} is set and not empty (https://no-color.org) or {@code TERM} is
 * {@code dumb}: then progress is plain log lines and nothing the tool prints holds an escape. bin/migrate says
 * whether standard error, where progress goes, is a terminal ({@code migrate.terminal}) and how large it is
 * ({@code migrate.columns}, {@code migrate.rows}); without it, a JVM with a console is taken for one.
 */
public final class Terminal {

    /** Lines are cut to this width when the terminal's is not known: wrapped lines would break the redrawing. */
    private static final int DEFAULT_COLUMNS = 100;
    /** Lines the cursor cannot move back up over stay: at most as many as a small terminal has. */
    private static final int DEFAULT_ROWS = 24;

    private Terminal() {
    }

    /** Whether progress may be drawn as live lines. */
    public static boolean live() {
        return !noColor() && !"dumb".equals(System.getenv("TERM")) && isTerminal();
    }

    /** Whether {@code NO_COLOR} asks for output without escapes. */
    public static boolean noColor() {
        String value = System.getenv("NO_COLOR");
        return value != null && !value.isEmpty();
    }

    private static boolean isTerminal() {
        String told = System.getProperty("migrate.terminal");
        return told != null && !told.isEmpty() ? Boolean.parseBoolean(told) : System.console() != null;
    }

    /** The terminal's width, as bin/migrate found it. */
    public static int columns() {
        return size("migrate.columns", 20, DEFAULT_COLUMNS);
    }

    /** The terminal's height, as bin/migrate found it. */
    public static int rows() {
        return size("migrate.rows", 3, DEFAULT_ROWS);
    }

    private static int size(String property, int least, int otherwise) {
        try {
            int size = Integer.parseInt(System.getProperty(property, "").trim());
            return size >= least ? size : otherwise;
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
