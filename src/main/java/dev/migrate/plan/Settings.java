package dev.migrate.plan;

import java.io.Serializable;

/**
 * How the engine runs.
 *
 * @param batchSize     rows handed from reader to writer at a time, and rows per JDBC batch
 * @param parallelism   partitions read, transformed and written at once
 * @param fetchSize     rows the source driver fetches per round trip
 * @param partitionRows a table with more rows than this is split into primary-key ranges of about this size
 * @param mode          how rows reach the target
 * @param dryRun        read and transform every row, write none
 * @param schema        what the run may do to the target's tables
 * @param maxRejects    rows a table may set aside (written to its reject file) before it fails
 * @param bulk          whether each database's bulk path (COPY, LOAD DATA, bulk copy) is used where it can be;
 *                      off, every row goes through JDBC batches of INSERTs
 * @param snapshot      whether every reader sees the source as of one moment (on by default)
 * @param journal       the run's journal table in the target: {@code name}, in the target's schema, or {@code schema.name}
 * @param identifiers   how source names become the names of the tables, columns, indexes and keys the run creates
 */
public record Settings(int batchSize, int parallelism, int fetchSize, long partitionRows, WriteMode mode, boolean dryRun,
                       SchemaMode schema, long maxRejects, boolean bulk, boolean snapshot, String journal,
                       Identifiers identifiers) implements Serializable {

    /** One partition per core: more only make the databases' processes take turns on the same cores. */
    public static final Settings DEFAULTS = new Settings(5_000, Math.max(2, Runtime.getRuntime().availableProcessors()), 5_000, 500_000,
            WriteMode.INSERT, false, SchemaMode.CREATE, 0, true, true, "migrate_journal", Identifiers.AS_IS);

    public Settings {
        requirePositive("batchSize", batchSize);
        requirePositive("parallelism", parallelism);
        requirePositive("fetchSize", fetchSize);
        requirePositive("partitionRows", partitionRows);
        if (mode == null) {
            throw new IllegalArgumentException("mode must be one of INSERT, MERGE, TRUNCATE_INSERT");
        }
        if (maxRejects < 0) {
            throw new IllegalArgumentException("maxRejects must be 0 or more, not " + maxRejects);
        }
        if (schema == null) {
            throw new IllegalArgumentException("schema must be one of CREATE, CREATE_AND_ALTER, NONE");
        }
        if (journal == null || !journal.matches("([^.\\s]+\\.)?[^.\\s]+")) {
            throw new IllegalArgumentException("journal must be a table name or schema.name, not '" + journal + "'");
        }
        if (identifiers == null) {
            throw new IllegalArgumentException("identifiers must be one of AS_IS, LOWER, SNAKE_CASE");
        }
    }

    private static void requirePositive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, not " + value);
        }
    }

    /** A builder holding these settings, to change some of them: {@code settings.toBuilder().batchSize(100).build()}. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder holding the built-in defaults. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** Settings changed one at a time; {@link #build} checks them together, as the record does. */
    public static final class Builder {
        private int batchSize;
        private int parallelism;
        private int fetchSize;
        private long partitionRows;
        private WriteMode mode;
        private boolean dryRun;
        private SchemaMode schema;
        private long maxRejects;
        private boolean bulk;
        private boolean snapshot;
        private String journal;
        private Identifiers identifiers;

        private Builder(Settings from) {
            batchSize = from.batchSize;
            parallelism = from.parallelism;
            fetchSize = from.fetchSize;
            partitionRows = from.partitionRows;
            mode = from.mode;
            dryRun = from.dryRun;
            schema = from.schema;
            maxRejects = from.maxRejects;
            bulk = from.bulk;
            snapshot = from.snapshot;
            journal = from.journal;
            identifiers = from.identifiers;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder parallelism(int value) {
            parallelism = value;
            return this;
        }

        public Builder fetchSize(int value) {
            fetchSize = value;
            return this;
        }

        public Builder partitionRows(long value) {
            partitionRows = value;
            return this;
        }

        public Builder mode(WriteMode value) {
            mode = value;
            return this;
        }

        public Builder dryRun(boolean value) {
            dryRun = value;
            return this;
        }

        public Builder schema(SchemaMode value) {
            schema = value;
            return this;
        }

        public Builder maxRejects(long value) {
            maxRejects = value;
            return this;
        }

        public Builder bulk(boolean value) {
            bulk = value;
            return this;
        }

        public Builder snapshot(boolean value) {
            snapshot = value;
            return this;
        }

        public Builder journal(String value) {
            journal = value;
            return this;
        }

        public Builder identifiers(Identifiers value) {
            identifiers = value;
            return this;
        }

        /** The settings, checked: an {@link IllegalArgumentException} names the one that is wrong. */
        public Settings build() {
            return new Settings(batchSize, parallelism, fetchSize, partitionRows, mode, dryRun, schema, maxRejects, bulk, snapshot, journal, identifiers);
        }
    }

    /** The journal table's own name, without its schema. */
    public String journalName() {
        return journal.substring(journal.lastIndexOf('.') + 1);
    }

    /** The journal table's schema, or null for the target's own. */
    public String journalSchema() {
        int dot = journal.lastIndexOf('.');
        return dot < 0 ? null : journal.substring(0, dot);
    }
}
