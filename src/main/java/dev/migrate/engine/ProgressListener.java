package dev.migrate.engine;

import java.util.List;

/** What the engine tells the outside while it runs; called from worker threads. */
public interface ProgressListener {

    /** Every table the run is to move, named as {@link #tableStarted} names them, before the first starts. */
    default void tablesPlanned(List<String> tables) {
    }

    /**
     * A table starts; {@code expectedRows} is its row count as counted at the start, or the database's own
     * estimate for a large table ({@code estimated}), or -1. Tables are named as {@link TableResult#source()}
     * names them: the source table, or {@code source -> target}.
     */
    void tableStarted(String table, long expectedRows, boolean estimated);

    void rowsMoved(String table, long rows, long bytes);

    void tableFinished(TableResult result);

    ProgressListener NONE = new ProgressListener() {
        @Override
        public void tableStarted(String table, long expectedRows, boolean estimated) {
        }

        @Override
        public void rowsMoved(String table, long rows, long bytes) {
        }

        @Override
        public void tableFinished(TableResult result) {
        }
    };
}
