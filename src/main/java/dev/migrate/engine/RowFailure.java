package dev.migrate.engine;

/** A row that could not be transformed or converted: names the table, the column, the row and the reason. */
public class RowFailure extends Exception {
    public RowFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
