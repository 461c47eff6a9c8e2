package dev.migrate.transfer;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A source query read through JDBC, each column by its {@link ValueReader}.
 *
 * <p>A driver that fetches rows in round trips (a positive fetch size) holds a whole fetch in memory, so the rows a
 * fetch asks for are bounded by bytes as well as by the fetch size: the first fetch asks for one row, each later one
 * for at most twice the rows read so far and for no more rows as wide as the widest seen than {@code fetchBytes}
 * holds. Rows of a few bytes reach a fetch size of 5,000 in ten round trips; rows of megabytes come a few at a
 * time. A driver that streams row by row (a fetch size of zero or below, such as MySQL's) is left as it is.
 */
public final class ResultSetCursor implements SourceCursor {

    private final PreparedStatement statement;
    private final ResultSet rs;
    private final ValueReader[] readers;
    /** The rows a fetch may ask for at most, as the caller set it; 0 when the driver's own way is kept. */
    private final int fetchRows;
    private final long fetchBytes;
    private long rowsRead;
    private long rowBytes;
    private long widest;
    private int fetching;

    /**
     * @param statement  a prepared, parameter-bound query with its fetch size set; executed here
     * @param fetchBytes about the bytes of values one fetch may bring
     */
    public ResultSetCursor(PreparedStatement statement, ValueReader[] readers, long fetchBytes) throws SQLException {
        this.statement = statement;
        this.readers = readers;
        this.fetchBytes = Math.max(1, fetchBytes);
        int requested = statement.getFetchSize();
        this.fetchRows = Math.max(0, requested);
        if (fetchRows > 0) {
            fetching = 1;
            statement.setFetchSize(fetching);
        }
        this.rs = statement.executeQuery();
    }

    @Override
    public boolean next() throws SQLException {
        if (fetchRows > 0 && rowsRead > 0) {
            bound();
        }
        rowBytes = 0;
        boolean more = rs.next();
        if (more) {
            rowsRead++;
        }
        return more;
    }

    /** After a row: the rows the next fetch may ask for, given the widest row so far. */
    private void bound() throws SQLException {
        widest = Math.max(widest, rowBytes + 16L + 8L * readers.length);
        long rows = Math.min(Math.min(fetchRows, 2 * rowsRead), fetchBytes / widest);
        int next = (int) Math.max(1, rows);
        if (next != fetching) {
            fetching = next;
            rs.setFetchSize(next);
        }
    }

    @Override
    public Object value(int index) throws SQLException {
        Object value = readers[index].read(rs, index + 1);
        rowBytes += JdbcBatchWriter.estimate(value);
        return value;
    }

    @Override
    public void cancel() {
        try {
            statement.cancel();
        } catch (SQLException ignored) {
            // closing the statement ends the query either way
        }
    }

    /** JDBC allows a statement to be cancelled from another thread. */
    @Override
    public void interrupt() {
        cancel();
    }

    @Override
    public void close() throws SQLException {
        try {
            rs.close();
        } finally {
            statement.close();
        }
    }
}
