package dev.migrate.engine;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.migrate.journal.Journal;
import dev.migrate.journal.TableState;

/**
 * What an unfinished run had done when it stopped, for the run that goes on with it ({@code run --resume}): per
 * target table, whether it finished, how each job was split and which partitions committed. A partition's record
 * commits with its rows, so a partition recorded is in, and one not recorded left nothing behind.
 */
public final class Resumption {

    public static final Resumption NONE = new Resumption(Map.of(), Map.of());

    private final Map<String, TableState> states;
    private final Map<String, Journal.Progress> progress;

    /**
     * @param states   what the journal says of the tables the unfinished run loaded, by target table (lower case)
     * @param progress what it recorded of each of them, by target table (lower case)
     */
    public Resumption(Map<String, TableState> states, Map<String, Journal.Progress> progress) {
        this.states = states;
        this.progress = progress;
    }

    /** Whether the unfinished run finished {@code table}: rows, keys and indexes. */
    boolean finished(String table) {
        TableState state = states.get(table.toLowerCase(Locale.ROOT));
        return state != null && !state.unfinished();
    }

    /** How the unfinished run split {@code job}, or null when it did not get that far. */
    String split(TableJob job) {
        Journal.Progress p = progress.get(job.targetName().toLowerCase(Locale.ROOT));
        return p == null ? null : p.split(job.name());
    }

    /** The rows {@code partition} committed in the unfinished run, or null when it did not commit there. */
    Long committed(Partition partition) {
        Journal.Progress p = progress.get(partition.job().targetName().toLowerCase(Locale.ROOT));
        return p == null ? null : p.committed(partition.job().name(), partition.index(), partition.count());
    }

    /** The rows every committed partition of {@code job} wrote in the unfinished run. */
    long committedRows(TableJob job) {
        return progressOf(job).rows(job.name());
    }

    /** Whether any of these jobs committed rows in the unfinished run: tables loaded together committed all together. */
    boolean anyCommitted(Collection<TableJob> jobs) {
        return jobs.stream().anyMatch(j -> finished(j.targetName()) || !progressOf(j).partitions().isEmpty());
    }

    private Journal.Progress progressOf(TableJob job) {
        return progress.getOrDefault(job.targetName().toLowerCase(Locale.ROOT), new Journal.Progress(Map.of(), Map.of(), List.of()));
    }
}
