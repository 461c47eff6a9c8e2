package dev.migrate.engine;

/** How a run treats an unfinished run of the same migration on the same target. */
public enum Start {
    /** A run of its own: an unfinished run whose rows it would add to a second time stops it, naming the two choices below. */
    FRESH,
    /** {@code --resume}: goes on with the unfinished run, moving only the partitions it did not commit, and finishes its steps. */
    RESUME,
    /** {@code --restart}: removes what the unfinished run wrote into tables it created, and begins again. */
    RESTART
}
