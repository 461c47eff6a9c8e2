package dev.migrate.dialect.sqlserver;

import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.microsoft.sqlserver.jdbc.ISQLServerBulkData;
import com.microsoft.sqlserver.jdbc.SQLServerBulkCopy;
import com.microsoft.sqlserver.jdbc.SQLServerBulkCopyOptions;

import dev.migrate.transfer.JdbcBatchWriter;
import dev.migrate.transfer.TargetColumn;
import dev.migrate.transfer.TransactionalWriter;
import dev.migrate.transfer.WriteTarget;

/**
 * Writes each batch through the driver's bulk copy API (the TDS bulk load SQL Server's own bcp uses), inside
 * the partition's transaction. Rows keep their identity values and NULLs, and are held to CHECK and foreign-key
 * constraints and triggers, as INSERTs would be.
 */
final class SqlServerBulkWriter extends TransactionalWriter {

    private final WriteTarget target;

    SqlServerBulkWriter(Connection connection, WriteTarget target) {
        super(connection);
        this.target = target;
    }

    /** One bulk copy for the partition, set up at its first batch; each batch is one write to the server. */
    private SQLServerBulkCopy copy;

    @Override
    public void add(Object[][] rows, int count) throws SQLException {
        if (copy == null) {
            copy = open();
        }
        Batch batch = new Batch(target.columns(), rows, count);
        copy.writeToServer(batch);
        bytes += batch.bytes;
    }

    private SQLServerBulkCopy open() throws SQLException {
        SQLServerBulkCopy bulk = new SQLServerBulkCopy(connection);
        SQLServerBulkCopyOptions options = new SQLServerBulkCopyOptions();
        options.setKeepIdentity(true);
        options.setKeepNulls(true);
        options.setCheckConstraints(true);
        options.setFireTriggers(true);
        // the partition's transaction is the connection's: the copy must not commit on its own
        options.setUseInternalTransaction(false);
        options.setBatchSize(0);
        bulk.setBulkCopyOptions(options);
        bulk.setDestinationTableName(target.qualifiedName());
        for (int c = 0; c < target.columns().size(); c++) {
            bulk.addColumnMapping(c + 1, target.columns().get(c).name());
        }
        return bulk;
    }

    @Override
    public void close() {
        if (copy != null) {
            copy.close();
        }
    }

    @Override
    public String method() {
        return "bulk copy";
    }

    /** One batch of rows as the bulk copy API reads them: column metadata, then row by row. */
    static final class Batch implements ISQLServerBulkData {

        private static final long serialVersionUID = 1L;

        private final transient List<TargetColumn> columns;
        private final transient Object[][] rows;
        private final int count;
        private int next;
        long bytes;

        Batch(List<TargetColumn> columns, Object[][] rows, int count) {
            this.columns = columns;
            this.rows = rows;
            this.count = count;
        }

        @Override
        public Set<Integer> getColumnOrdinals() {
            Set<Integer> ordinals = new LinkedHashSet<>();
            for (int c = 1; c <= columns.size(); c++) {
                ordinals.add(c);
            }
            return ordinals;
        }

        @Override
        public String getColumnName(int column) {
            return columns.get(column - 1).name();
        }

        /** The JDBC type of the value {@link #getRowData} gives for the column. */
        @Override
        public int getColumnType(int column) {
            return switch (columns.get(column - 1).kind()) {
                case BOOLEAN -> Types.BIT;
                case INTEGER -> Types.INTEGER;
                case BIGINT -> Types.BIGINT;
                case DECIMAL -> Types.DECIMAL;
                case REAL -> Types.REAL;
                case DOUBLE -> Types.DOUBLE;
                case BINARY -> Types.VARBINARY;
                case DATE -> Types.DATE;
                case TIMESTAMP -> Types.TIMESTAMP;
                case TIMESTAMP_TZ -> microsoft.sql.Types.DATETIMEOFFSET;
                case TIME, TEXT, JSON, UUID, OTHER -> Types.NVARCHAR;
            };
        }

        @Override
        public int getPrecision(int column) {
            TargetColumn c = columns.get(column - 1);
            return switch (c.kind()) {
                case DECIMAL -> c.info().size() > 0 ? c.info().size() : 38;
                case TIMESTAMP, TIMESTAMP_TZ -> 27;
                case TEXT, JSON, OTHER, BINARY -> c.info().size() > 0 && c.info().size() <= 8000 ? c.info().size() : Integer.MAX_VALUE;
                default -> 0;
            };
        }

        @Override
        public int getScale(int column) {
            TargetColumn c = columns.get(column - 1);
            return switch (c.kind()) {
                case DECIMAL -> Math.max(0, c.info().scale());
                case TIMESTAMP, TIMESTAMP_TZ -> 7;
                default -> 0;
            };
        }

        @Override
        public boolean next() {
            if (next >= count) {
                return false;
            }
            next++;
            return true;
        }

        /** The current row, each value in the Java type {@link #getColumnType} names. */
        @Override
        public Object[] getRowData() {
            Object[] row = rows[next - 1];
            Object[] values = new Object[columns.size()];
            for (int c = 0; c < values.length; c++) {
                values[c] = bulkValue(row[c]);
                bytes += JdbcBatchWriter.estimate(row[c]);
            }
            return values;
        }

        static Object bulkValue(Object v) {
            if (v instanceof LocalDateTime t) {
                return Timestamp.valueOf(t);
            }
            if (v instanceof LocalDate d) {
                return Date.valueOf(d);
            }
            if (v instanceof OffsetDateTime t) {
                return microsoft.sql.DateTimeOffset.valueOf(t);
            }
            if (v instanceof LocalTime || v instanceof UUID) {
                return v.toString();
            }
            return v;
        }
    }
}
