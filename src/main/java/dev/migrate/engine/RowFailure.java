package dev.migrate.engine;

/** A row that could not be transformed or converted: names the table, the column, the row and the reason. */
public class RowFailure extends Exception {

    private final String column;
    private final String reason;

    public RowFailure(String message, String column, String reason, Throwable cause) {
        super(message, cause);
        this.column = column;
        this.reason = reason;
    }

    /** The target column whose value failed. */
    public String column() {
        return column;
    }

    /** Why, without the table and row: {@code cannot store 'x' (String) as an integer}. */
    public String reason() {
        return reason;
    }
}
