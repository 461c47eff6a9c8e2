package dev.migrate.cli;

/** What the process tells its caller. */
public final class ExitCode {
    public static final int DONE = 0;
    public static final int FAILED = 1;
    public static final int BAD_SCRIPT_OR_USAGE = 2;
    public static final int UNRESOLVED_BREAKING_CHANGES = 3;
    /** {@code verify} found rows that differ between source and target. */
    public static final int DIFFERENCES = 4;

    private ExitCode() {
    }
}
