package dev.migrate.engine;

/** A script's before or after hook failed; the message names the script line. */
public class HookFailure extends RuntimeException {
    public HookFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
