package dev.migrate.journal;

/**
 * A run that may not start on its target tables: another run is loading them, or an earlier run left them in a
 * state this run cannot safely add to. Nothing has been changed when it is thrown.
 */
public class RunRefused extends RuntimeException {
    public RunRefused(String message) {
        super(message);
    }
}
