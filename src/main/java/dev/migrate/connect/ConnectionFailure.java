package dev.migrate.connect;

/** A database that cannot be reached or will not let the tool in; the message never holds a password. */
public class ConnectionFailure extends RuntimeException {
    public ConnectionFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
