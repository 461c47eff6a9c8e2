package dev.migrate.cli;

/** A wrong option value, named in the message: exit 2. */
final class UsageError extends RuntimeException {
    UsageError(String message) {
        super(message);
    }
}
