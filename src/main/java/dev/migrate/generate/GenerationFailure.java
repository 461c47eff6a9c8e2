package dev.migrate.generate;

/** A value a block's code made that its column cannot hold, or rows a table cannot have: names table, column and row. */
public final class GenerationFailure extends RuntimeException {

    public GenerationFailure(String message) {
        super(message);
    }

    public GenerationFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
