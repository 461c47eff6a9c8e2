package dev.migrate.generate;

/** Makes one column's value for the row being generated; a script's closure, seen from Java. */
@FunctionalInterface
public interface ValueMaker {

    Object make(RowContext row) throws Exception;
}
