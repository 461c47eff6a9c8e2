package dev.migrate.transfer;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The portable writer: one prepared INSERT, executed as a JDBC batch per batch of rows. */
public class JdbcBatchWriter extends TransactionalWriter {

    /** How a dialect puts one value into a statement. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement, int index, Object value, TargetColumn column) throws SQLException;
    }

    private final WriteTarget target;
    private final PreparedStatement statement;
    private final Binder binder;

    /** @param sql the statement a row is written with: an INSERT, or the dialect's upsert; one placeholder per column */
    public JdbcBatchWriter(Connection connection, WriteTarget target, Binder binder, String sql) throws SQLException {
        super(connection);
        this.target = target;
        this.binder = binder;
        this.statement = connection.prepareStatement(sql);
    }

    @Override
    public String method() {
        return "JDBC batches";
    }

    /** The plain INSERT of a row. */
    public static String insert(WriteTarget target) {
        return "INSERT INTO " + target.qualifiedName() + " (" + target.columnList() + ") VALUES (" + target.placeholders() + ")";
    }

    @Override
    public void add(Object[][] rows, int count) throws SQLException {
        int width = target.columns().size();
        for (int r = 0; r < count; r++) {
            Object[] row = rows[r];
            for (int c = 0; c < width; c++) {
                binder.bind(statement, c + 1, row[c], target.columns().get(c));
                bytes += estimate(row[c]);
            }
            statement.addBatch();
        }
        try {
            statement.executeBatch();
        } catch (BatchUpdateException e) {
            statement.clearBatch();
            SQLException next = e.getNextException();
            throw next != null ? next : e;
        } catch (SQLException e) {
            statement.clearBatch();
            throw e;
        }
    }

    /** About how many bytes a value takes on the wire, where the driver does not tell. */
    public static long estimate(Object value) {
        if (value == null) {
            return 1;
        }
        if (value instanceof String s) {
            return s.length();
        }
        if (value instanceof byte[] b) {
            return b.length;
        }
        return 8;
    }





    @Override
    public void close() throws SQLException {
        statement.close();
    }
}
