package dev.migrate.engine;

import dev.migrate.report.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.json.JsonWriteFeature;


/**
 * The rows a run set aside: each one, with its source values, the column and the reason, is a line of
 * {@code <directory>/<table>.rejects.jsonl}. A table may reject up to {@code maxRejects} rows; one more
 * fails it.
 */
public final class Rejects implements AutoCloseable {

    private final Path directory;
    private final long maxRejects;
    private final Map<String, TableRejects> tables = new ConcurrentHashMap<>();

    public Rejects(Path directory, long maxRejects) {
        this.directory = directory;
        this.maxRejects = maxRejects;
    }

    /** Rejects kept in memory, a partition's task's, to be sent to the run that writes them ({@link TableRejects#take}). */
    static Rejects kept(long maxRejects) {
        return new Rejects(null, maxRejects);
    }

    public TableRejects forTable(String table) {
        return tables.computeIfAbsent(table, TableRejects::new);
    }

    /** The rejects of one table, shared by its partitions. */
    public final class TableRejects {

        private final String table;
        private final AtomicLong count = new AtomicLong();
        private BufferedWriter writer;
        private Path file;
        private final List<String> kept = new ArrayList<>();

        private TableRejects(String table) {
            this.table = table;
        }

        /** Records a rejected row; false when the table has now rejected more rows than it may. */
        public boolean accept(RowFailure failure, Map<String, Object> row) {
            long n = count.incrementAndGet();
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("table", table);
            line.put("column", failure.column());
            line.put("reason", failure.reason());
            line.put("row", row);
            try {
                String json = Json.compact().writeValueAsString(line);
                if (!StandardCharsets.UTF_8.newEncoder().canEncode(json)) {
                    // a lone surrogate (the reason the row was rejected) has no UTF-8 form; JSON escapes it exactly
                    json = Json.compact().with(JsonWriteFeature.ESCAPE_NON_ASCII).writeValueAsString(line);
                }
                write(json);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the rejects of " + table + ": " + e.getMessage(), e);
            }
            return n <= maxRejects;
        }

        /**
         * Lines another process's partition rejected, each as {@link #accept} wrote it; false when the table has now
         * rejected more rows than it may.
         */
        public boolean take(List<String> rejected) {
            try {
                for (String line : rejected) {
                    write(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the rejects of " + table + ": " + e.getMessage(), e);
            }
            return count.addAndGet(rejected.size()) <= maxRejects;
        }

        /** The lines kept in memory (see {@link Rejects#kept}). */
        synchronized List<String> lines() {
            return List.copyOf(kept);
        }

        private synchronized void write(String line) throws IOException {
            if (directory == null) {
                kept.add(line);
                return;
            }
            if (writer == null) {
                Files.createDirectories(directory);
                file = directory.resolve(table.replaceAll("[^A-Za-z0-9._-]+", "_") + ".rejects.jsonl");
                writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            }
            writer.write(line);
            writer.newLine();
            writer.flush();
        }

        public long count() {
            return count.get();
        }

        /** The reject file, or null when the table rejected nothing. */
        public synchronized Path file() {
            return file;
        }

        public long limit() {
            return maxRejects;
        }

        private synchronized void close() throws IOException {
            if (writer != null) {
                writer.close();
            }
        }
    }

    @Override
    public void close() {
        for (TableRejects t : tables.values()) {
            try {
                t.close();
            } catch (IOException ignored) {
                // every line was flushed when written
            }
        }
    }
}
