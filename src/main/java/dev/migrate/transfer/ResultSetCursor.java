package dev.migrate.transfer;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** A source query read through JDBC, each column by its {@link ValueReader}. */
public final class ResultSetCursor implements SourceCursor {

    private final PreparedStatement statement;
    private final ResultSet rs;
    private final ValueReader[] readers;

    /** @param statement a prepared, parameter-bound query; executed here */
    public ResultSetCursor(PreparedStatement statement, ValueReader[] readers) throws SQLException {
        this.statement = statement;
        this.readers = readers;
        this.rs = statement.executeQuery();
    }

    @Override
    public boolean next() throws SQLException {
        return rs.next();
    }

    @Override
    public Object value(int index) throws SQLException {
        return readers[index].read(rs, index + 1);
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
