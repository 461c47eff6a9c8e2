package dev.migrate.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;

import dev.migrate.schema.ColumnInfo;
import dev.migrate.schema.TableInfo;
import dev.migrate.transfer.JdbcBatchWriter;
import dev.migrate.transfer.RowWriter;
import dev.migrate.transfer.TargetColumn;
import dev.migrate.transfer.ValueReader;
import dev.migrate.transfer.ValueReaders;
import dev.migrate.transfer.WriteTarget;
import dev.migrate.types.TypeMapping;

/** Defaults that hold for most databases; each dialect overrides what its database does differently. */
public abstract class AbstractDialect implements Dialect {

    private final String name;
    private final String urlPrefix;
    private final TypeMapping types;

    protected AbstractDialect(String name, String urlPrefix) {
        this.name = name;
        this.urlPrefix = urlPrefix;
        this.types = TypeMapping.forDialect(getClass(), name);
    }

    @Override
    public TypeMapping types() {
        return types;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean handles(String jdbcUrl) {
        return jdbcUrl.toLowerCase(Locale.ROOT).startsWith(urlPrefix);
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of(urlPrefix);
    }

    @Override
    public Properties driverProperties(Role role) {
        return new Properties();
    }

    @Override
    public String defaultSchema(Connection connection) throws SQLException {
        return connection.getSchema();
    }

    @Override
    public String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public String qualify(TableInfo table) {
        return table.schema() == null ? quote(table.name()) : quote(table.schema()) + "." + quote(table.name());
    }

    @Override
    public void prepareStreamingRead(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
    }

    @Override
    public ValueReader reader(ColumnInfo column) {
        return ValueReaders.forKind(kindOf(column));
    }

    @Override
    public RowWriter openWriter(Connection connection, WriteTarget target) throws SQLException {
        return new JdbcBatchWriter(connection, target, this::bind, target.merges() ? upsert(target) : JdbcBatchWriter.insert(target));
    }

    @Override
    public RowWriter openBatchWriter(Connection connection, WriteTarget target) throws SQLException {
        return new JdbcBatchWriter(connection, target, this::bind, target.merges() ? upsert(target) : JdbcBatchWriter.insert(target));
    }

    /** {@code ON CONFLICT (key) DO UPDATE SET c = excluded.c}, or DO NOTHING when every column is key (PostgreSQL, SQLite). */
    public static String onConflict(WriteTarget target) {
        List<String> updated = target.updatedColumns();
        return " ON CONFLICT (" + String.join(", ", target.mergeKey()) + ") DO "
                + (updated.isEmpty() ? "NOTHING" : "UPDATE SET " + String.join(", ", updated.stream().map(c -> c + " = excluded." + c).toList()));
    }

    /** The standard MERGE (Oracle, SQL Server, H2): the row as a one-row source, matched on the key. */
    @Override
    public String upsert(WriteTarget target) {
        List<String> columns = target.quotedColumns();
        String values = String.join(", ", columns.stream().map(c -> "? AS " + c).toList());
        String on = String.join(" AND ", target.mergeKey().stream().map(k -> "t." + k + " = s." + k).toList());
        List<String> updated = target.updatedColumns();
        String update = updated.isEmpty() ? "" : " WHEN MATCHED THEN UPDATE SET "
                + String.join(", ", updated.stream().map(c -> "t." + c + " = s." + c).toList());
        return "MERGE INTO " + target.qualifiedName() + " t USING (SELECT " + values + rowSourceSuffix() + ") s ON (" + on + ")" + update
                + " WHEN NOT MATCHED THEN INSERT (" + target.columnList() + ") VALUES ("
                + String.join(", ", columns.stream().map(c -> "s." + c).toList()) + ")" + mergeTerminator();
    }

    /** What a one-row SELECT needs after its values ({@code FROM dual} on Oracle). */
    protected String rowSourceSuffix() {
        return "";
    }

    /** What ends a MERGE statement (SQL Server wants a semicolon). */
    protected String mergeTerminator() {
        return "";
    }

    /** The number a one-value query with text parameters returns, when it returns one above zero. */
    protected static OptionalLong positiveNumber(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0 ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** Puts one converted value into an INSERT statement. */
    protected void bind(PreparedStatement statement, int index, Object value, TargetColumn column) throws SQLException {
        if (value == null) {
            statement.setNull(index, column.info().jdbcType());
        } else {
            statement.setObject(index, value);
        }
    }

    @Override
    public Optional<ConstraintChecks> constraintChecks() {
        return Optional.empty();
    }

    @Override
    public String toString() {
        return name;
    }
}
