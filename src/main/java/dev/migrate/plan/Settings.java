package dev.migrate.plan;

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
 */
public record Settings(int batchSize, int parallelism, int fetchSize, long partitionRows, WriteMode mode, boolean dryRun,
                       SchemaMode schema, long maxRejects) {

    public static final Settings DEFAULTS = new Settings(5_000, 4, 5_000, 500_000, WriteMode.INSERT, false, SchemaMode.CREATE, 0);

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
    }

    private static void requirePositive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, not " + value);
        }
    }

    public Settings withBatchSize(int value) {
        return new Settings(value, parallelism, fetchSize, partitionRows, mode, dryRun, schema, maxRejects);
    }

    public Settings withParallelism(int value) {
        return new Settings(batchSize, value, fetchSize, partitionRows, mode, dryRun, schema, maxRejects);
    }

    public Settings withFetchSize(int value) {
        return new Settings(batchSize, parallelism, value, partitionRows, mode, dryRun, schema, maxRejects);
    }

    public Settings withPartitionRows(long value) {
        return new Settings(batchSize, parallelism, fetchSize, value, mode, dryRun, schema, maxRejects);
    }

    public Settings withMode(WriteMode value) {
        return new Settings(batchSize, parallelism, fetchSize, partitionRows, value, dryRun, schema, maxRejects);
    }

    public Settings withSchema(SchemaMode value) {
        return new Settings(batchSize, parallelism, fetchSize, partitionRows, mode, dryRun, value, maxRejects);
    }

    public Settings withMaxRejects(long value) {
        return new Settings(batchSize, parallelism, fetchSize, partitionRows, mode, dryRun, schema, value);
    }

    public Settings withDryRun(boolean value) {
        return new Settings(batchSize, parallelism, fetchSize, partitionRows, mode, value, schema, maxRejects);
    }
}
