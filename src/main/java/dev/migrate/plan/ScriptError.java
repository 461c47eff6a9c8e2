package dev.migrate.plan;

/** A mistake in a migration script or in how the tool was called: the run stops before any row moves (exit code 2). */
public class ScriptError extends RuntimeException {

    private final ScriptLocation location;
    private final String reason;

    public ScriptError(ScriptLocation location, String reason) {
        this(location, reason, null);
    }

    public ScriptError(ScriptLocation location, String reason, Throwable cause) {
        super(location.prefix() + reason, cause);
        this.location = location;
        this.reason = reason;
    }

    public ScriptLocation location() {
        return location;
    }

    public String reason() {
        return reason;
    }
}
