package dev.migrate.transfer;

/** A value that cannot become what the target column holds without changing its meaning. */
public class ConversionException extends Exception {
    public ConversionException(String message) {
        super(message);
    }
}
