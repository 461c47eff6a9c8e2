package dev.migrate.engine;

import java.io.Serializable;
import java.util.List;

/**
 * A partition as a cluster's task carries it: which table job, which key range, the session statements its
 * transaction runs first and last, and which attempt this is.
 */
public record PartitionTask(String job, int index, int count, String keyColumn, Long low, Long high, boolean last,
                            Partition.Bounds bounds, List<String> setup, List<String> reset, int attempt) implements Serializable {

    public PartitionTask {
        setup = List.copyOf(setup);
        reset = List.copyOf(reset);
    }

    static PartitionTask of(Partition p, List<String> setup, List<String> reset, int attempt) {
        return new PartitionTask(p.job().id(), p.index(), p.count(), p.keyColumn(), p.low(), p.high(), p.last(), p.bounds(), setup, reset, attempt);
    }

    Partition partition(TableJob job) {
        return new Partition(job, index, count, keyColumn, low, high, last, bounds);
    }

    /** For the log and a task's name: {@code orders 3/12}. */
    public String describe() {
        return job + " " + (index + 1) + "/" + count;
    }
}
