package dev.migrate.dialect.mysql;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.mysql.cj.jdbc.JdbcStatement;

import dev.migrate.transfer.TransactionalWriter;
import dev.migrate.transfer.WriteTarget;

/**
 * Writes a partition as one {@code LOAD DATA LOCAL INFILE} fed from memory: MySQL's own bulk path. The
 * statement runs on a thread of its own, reading from a short in-memory pipe that {@link #add} fills as batches
 * come, so the server parses and stores rows while the next ones are encoded, as it would reading a file. Text
 * is sent as UTF-8 ({@code CHARACTER SET utf8mb4}) and converted by the server into each column's character set, as
 * for a statement (read as binary, a latin1 column would store the UTF-8 bytes of {@code é} as {@code Ã©}); bytes
 * go into binary columns as they are. LOCAL turns refused values into warnings and
 * skips duplicate keys; the writer fails the partition on either, so nothing changes silently.
 *
 * <p>For a table that may reject rows, each batch is a statement of its own instead, run before {@link #add}
 * returns and held to the same checks, so that the caller can roll a refused batch back to its savepoint; the
 * warning or error names the row it is about ({@code at row 3}) when MySQL says.
 */
final class MySqlLoadWriter extends TransactionalWriter {

    /** Bytes encoded before they are handed to the loading thread. */
    private static final int CHUNK = 1 << 18;
    /** Chunks waiting in the pipe at most. */
    private static final int PIPE_CHUNKS = 4;
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** {@code ... for column 'qty' at row 3}: the row of its statement a warning or error is about, counted from 1. */
    private static final Pattern AT_ROW = Pattern.compile("\\bat row (\\d+)\\b");

    private final String sql;
    private final boolean statements;
    private final LoadDataEncoder encoder = new LoadDataEncoder();
    private Pipe pipe;
    private Thread loader;
    private volatile SQLException failure;
    private long loaded;
    private SQLWarning warning;
    private long rows;

    /** @param statements each batch a LOAD DATA of its own, ended before {@link #add} returns */
    MySqlLoadWriter(Connection connection, WriteTarget target, boolean statements) {
        super(connection);
        this.statements = statements;
        this.sql = "LOAD DATA LOCAL INFILE 'migrate' INTO TABLE " + target.qualifiedName() + " CHARACTER SET utf8mb4"
                + " FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (" + target.columnList() + ")";
    }

    @Override
    public void add(Object[][] batch, int count) throws SQLException {
        if (statements) {
            loadAlone(batch, count);
            return;
        }
        if (pipe == null) {
            start();
        }
        for (int r = 0; r < count; r++) {
            encoder.row(batch[r], batch[r].length);
            if (encoder.length() >= CHUNK) {
                hand();
            }
        }
        rows += count;
    }

    /** The rows as one complete LOAD DATA: all of them in unchanged, or an exception (the caller rolls back what went in). */
    private void loadAlone(Object[][] batch, int count) throws SQLException {
        encoder.reset();
        for (int r = 0; r < count; r++) {
            encoder.row(batch[r], batch[r].length);
        }
        try (Statement statement = connection.createStatement()) {
            statement.unwrap(JdbcStatement.class).setLocalInfileInputStream(new ByteArrayInputStream(encoder.buffer(), 0, encoder.length()));
            statement.execute(sql);
            bytes += encoder.length();
            check(statement.getUpdateCount(), count, statement.getWarnings());
        }
    }

    /** A warning (a value changed or a row skipped) or a row missing (a duplicate key) fails the statement. */
    private static void check(long loaded, long rows, SQLWarning warning) throws SQLException {
        if (warning != null) {
            throw new SQLException(warning.getMessage(), warning.getSQLState(), warning.getErrorCode());
        }
        if (loaded != rows) {
            throw new SQLException((rows - loaded) + " of " + rows + " rows were not loaded (a duplicate key)", "23000");
        }
    }

    /** The row a warning or error names ({@code at row 3}). */
    @Override
    public int refusedRow(SQLException refusal) {
        Matcher row = AT_ROW.matcher(String.valueOf(refusal.getMessage()));
        return row.find() ? Integer.parseInt(row.group(1)) - 1 : -1;
    }

    private void start() {
        pipe = new Pipe();
        loader = new Thread(this::load, "migrate-load-" + THREADS.incrementAndGet());
        loader.setDaemon(true);
        loader.start();
    }

    /** The loading thread: one statement reading the pipe to its end. */
    private void load() {
        try (Statement statement = connection.createStatement()) {
            statement.unwrap(JdbcStatement.class).setLocalInfileInputStream(pipe);
            statement.execute(sql);
            loaded = statement.getUpdateCount();
            warning = statement.getWarnings();
        } catch (SQLException e) {
            failure = e;
        } finally {
            pipe.closeReading();
        }
    }

    /** Hands what is encoded to the loading thread, waiting while the pipe is full. */
    private void hand() throws SQLException {
        byte[] chunk = Arrays.copyOf(encoder.buffer(), encoder.length());
        encoder.reset();
        if (!pipe.put(chunk)) {
            joinLoader();
            throw failure != null ? failure : new SQLException("LOAD DATA stopped reading before the end of its rows");
        }
        bytes += chunk.length;
    }

    @Override
    public String method() {
        return "LOAD DATA LOCAL INFILE";
    }

    @Override
    public void finish() throws SQLException {
        if (pipe == null) {
            return;
        }
        if (encoder.length() > 0) {
            hand();
        }
        pipe.end();
        joinLoader();
        if (failure != null) {
            throw failure;
        }
        check(loaded, rows, warning);
    }

    @Override
    public void abort() {
        if (pipe != null) {
            // the statement sees the end of its input and returns; the rollback below undoes what it loaded
            pipe.end();
            try {
                joinLoader();
            } catch (SQLException ignored) {
                // interrupted: the rollback below still ends the transaction
            }
        }
        super.abort();
    }

    @Override
    public void close() {
        if (loader != null && loader.isAlive()) {
            abort();
        }
    }

    private void joinLoader() throws SQLException {
        try {
            loader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while LOAD DATA was running", e);
        }
    }

    /**
     * A bounded hand-off of byte chunks from the encoding thread to the loading one, read as an InputStream.
     * An empty chunk marks the end.
     */
    private static final class Pipe extends InputStream {

        private static final byte[] END = new byte[0];

        private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(PIPE_CHUNKS);
        private volatile boolean readingClosed;
        private byte[] current;
        private int position;
        private boolean ended;

        /** Waits for room; false when the reading side is gone (the statement failed). */
        boolean put(byte[] chunk) throws SQLException {
            try {
                while (!readingClosed) {
                    if (chunks.offer(chunk, 50, TimeUnit.MILLISECONDS)) {
                        return true;
                    }
                }
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while handing rows to LOAD DATA", e);
            }
        }

        /** Marks the end of the rows; never waits on a reader that is gone. */
        void end() {
            try {
                while (!readingClosed && !chunks.offer(END, 50, TimeUnit.MILLISECONDS)) {
                    // the reader is busy; try again
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void closeReading() {
            readingClosed = true;
            chunks.clear();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (ended) {
                return -1;
            }
            if (current == null || position == current.length) {
                try {
                    current = chunks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
                position = 0;
                if (current == END) {
                    ended = true;
                    return -1;
                }
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, into, offset, n);
            position += n;
            return n;
        }
    }
}
