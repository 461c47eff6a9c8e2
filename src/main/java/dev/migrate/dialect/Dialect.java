package dev.migrate.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import dev.migrate.schema.ColumnInfo;
import dev.migrate.schema.SchemaSnapshot;
import dev.migrate.schema.TableInfo;
import dev.migrate.transfer.RowWriter;
import dev.migrate.transfer.ValueKind;
import dev.migrate.transfer.ValueReader;
import dev.migrate.transfer.WriteTarget;
import dev.migrate.types.DataType;
import dev.migrate.types.TypeMapping;

/** Everything the tool needs to know about one kind of database. */
public interface Dialect {

    /** The database's name, for messages: {@code PostgreSQL}. */
    String name();

    /** Whether this dialect serves a JDBC URL. */
    boolean handles(String jdbcUrl);

    /** The JDBC URL prefixes this dialect serves ({@code jdbc:postgresql:}), for messages about a URL none serves. */
    default List<String> urlPrefixes() {
        return List.of();
    }

    /** Driver properties for a pool of this role (streaming, batching, time zones). */
    Properties driverProperties(Role role);

    /** The URL to give the driver: some databases are reached through another database's driver. */
    default String driverUrl(String jdbcUrl) {
        return jdbcUrl;
    }

    /** How many partitions may write into this database at once (a file database takes one writer). */
    default int maxConcurrentWriters() {
        return Integer.MAX_VALUE;
    }

    /** The schema (or, where schemas are databases, the database) a connection works in by default. */
    String defaultSchema(Connection connection) throws SQLException;

    String quote(String identifier);

    /** The table's name as SQL: qualified by its schema where the database has schemas. */
    String qualify(TableInfo table);

    /** Makes a connection ready to stream a large result (autocommit off where the driver needs it). */
    void prepareStreamingRead(Connection connection) throws SQLException;

    /** The fetch size to give the driver for a streaming read, from the one the script asks for. */
    default int streamingFetchSize(int requested) {
        return requested;
    }

    /** What a column of this database holds, in neutral terms. */
    default ValueKind kindOf(ColumnInfo column) {
        return ValueKind.ofJdbcType(column.jdbcType());
    }

    /** This database's types as data: how its type names read, and how neutral types are written. */
    TypeMapping types();

    /** A column's declared type in neutral terms. */
    default DataType dataType(ColumnInfo column) {
        return types().read(column);
    }

    /** Whether the driver reports a text column's default as the bare value ({@code G}) rather than SQL ({@code 'G'}). */
    default boolean defaultsAreBareValues() {
        return false;
    }

    /** Whether what the tool calls a schema is a JDBC catalog here (MySQL's databases). */
    default boolean schemaIsCatalog() {
        return false;
    }

    /**
     * Whether a table the run creates gets its primary key after the load (as pg_dump does) rather than in
     * CREATE TABLE; not where the key organizes the table (InnoDB) or ALTER TABLE cannot add one (SQLite).
     */
    default boolean primaryKeyAfterLoad() {
        return false;
    }

    /**
     * Session settings for building the keys and indexes of tables the run loaded (more memory to sort in);
     * undone by {@link #indexBuildSessionReset} before the connection goes back to the pool.
     */
    default java.util.List<String> indexBuildSession() {
        return java.util.List.of();
    }

    default java.util.List<String> indexBuildSessionReset() {
        return java.util.List.of();
    }

    /** Whether a column of this neutral type can be part of an index (H2 cannot index large objects). */
    default boolean canIndex(DataType type) {
        return true;
    }

    /** Whether foreign keys must be declared in CREATE TABLE, because ALTER TABLE cannot add them (SQLite). */
    default boolean foreignKeysInCreateTable() {
        return false;
    }

    /** Whether columns hold only what their declared type allows (SQLite's declared types are hints). */
    default boolean enforcesDeclaredTypes() {
        return true;
    }

    /** Adds what JDBC metadata does not tell (MySQL's {@code tinyint(1)}) to a catalog just read. */
    default SchemaSnapshot enrich(Connection connection, SchemaSnapshot snapshot) throws SQLException {
        return snapshot;
    }

    /**
     * Whether the driver's text for a value of this kind ({@code getString}) is exact and in the form every
     * database reads (digits, ISO dates), so that it can be written as it is.
     */
    default boolean textIsExact(ValueKind kind) {
        return false;
    }

    /** Whether the target's bulk path takes a value of this kind as its text, parsing it itself. */
    default boolean readsText(ValueKind kind) {
        return false;
    }

    /**
     * A faster way than a JDBC result set to read {@code select} (its parameters inline), where the database
     * has one for columns of these types: PostgreSQL's COPY TO STDOUT. Empty to read through JDBC.
     *
     * @param asPrinted per column: whether to keep its text as printed instead of decoding it
     */
    default java.util.Optional<dev.migrate.transfer.SourceCursor> openExport(Connection connection, String select,
            java.util.List<ColumnInfo> columns, boolean[] asPrinted) throws SQLException {
        return java.util.Optional.empty();
    }

    /** How to read a source column of this database. */
    ValueReader reader(ColumnInfo column);

    /** The writer for one partition; the connection is already in a transaction. */
    RowWriter openWriter(Connection connection, WriteTarget target) throws SQLException;

    /**
     * A writer that sends each batch as one JDBC batch of INSERTs (or upserts), so that a batch the database
     * refuses can be rolled back to a savepoint and split to find its bad rows.
     */
    RowWriter openBatchWriter(Connection connection, WriteTarget target) throws SQLException;

    /**
     * The statement that inserts a row or, when a row with its key is there, updates it; one placeholder per
     * column of {@code target}, in order.
     */
    String upsert(WriteTarget target);

    /** How to load tables that reference each other, when the database allows it for a session. */
    Optional<ConstraintChecks> constraintChecks();

    /**
     * After a table is loaded with explicit key values, moves its sequences and identities past the largest
     * value loaded, so the application's next insert does not collide. Databases that do this by themselves
     * (MySQL, SQLite) do nothing here.
     */
    default void resetIdentities(Connection connection, TableInfo table, String qualifiedTable) throws SQLException {
    }

    /** A hint to add to a database's own error message, where the fix is known; empty otherwise. */
    default String hintFor(String message) {
        return "";
    }

    /**
     * The database's own estimate of a table's rows (from its statistics, without reading the table), or
     * empty where it has none.
     */
    default java.util.OptionalLong estimatedRows(Connection connection, TableInfo table) throws SQLException {
        return java.util.OptionalLong.empty();
    }

    /** The statement that empties a table. */
    default String truncate(String qualifiedTable) {
        return "DELETE FROM " + qualifiedTable;
    }
}
