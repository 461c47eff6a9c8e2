package dev.migrate.dialect;

import java.io.Reader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Properties;

import dev.migrate.schema.ColumnInfo;
import dev.migrate.schema.SchemaSnapshot;
import dev.migrate.schema.TableInfo;
import dev.migrate.transfer.RowStream;
import dev.migrate.transfer.RowWriter;
import dev.migrate.transfer.SourceCursor;
import dev.migrate.transfer.ValueConverter;
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

    /**
     * A statement run on every new connection of a pool of this role, or null: what the driver's own settings
     * cannot say (a source session read-only on the server).
     */
    default String connectionInitSql(Role role) {
        return null;
    }

    /** The URL to give the driver: some databases are reached through another database's driver. */
    default String driverUrl(String jdbcUrl) {
        return jdbcUrl;
    }

    /**
     * The URL of the server's maintenance database, where a missing target database is created
     * ({@code createDatabase true}); empty where the tool creates none (an embedded database's driver creates its file;
     * Oracle and SQL Server databases are made by their administrators).
     */
    default Optional<String> maintenanceUrl(String jdbcUrl) {
        return Optional.empty();
    }

    /** The query, with the database's name as its one parameter, that returns a row when the server has that database. */
    default String databaseExistsQuery() {
        throw new UnsupportedOperationException(name() + " databases are not created by the tool");
    }

    /** The statement that creates a database of this name. */
    default String createDatabase(String name) {
        return "CREATE DATABASE " + quote(name);
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

    /** What a column of this database holds at run time: its type's kind, unless its types table says otherwise. */
    default ValueKind kindOf(ColumnInfo column) {
        return types().valueKind(column).orElseGet(() -> dataType(column).kind().valueKind());
    }

    /** This database's types as data: how its type names read, and how neutral types are written. */
    TypeMapping types();

    /** A column's declared type in neutral terms. */
    default DataType dataType(ColumnInfo column) {
        return types().read(column);
    }

    /**
     * Runs psql's {@code COPY ... FROM stdin} ({@code copy}, without its rows) with {@code rows} (the lines after it,
     * up to {@code \.}), as a migrations folder's SQL file may hold it (pg_dump's data); the rows written.
     */
    default long copyIn(Connection connection, String copy, Reader rows) throws SQLException {
        throw new SQLException("COPY ... FROM stdin is PostgreSQL's (psql's); " + name() + " does not take it");
    }

    /**
     * Whether CREATE, ALTER and DROP take part in a transaction, so that a version of a migrations folder and its
     * history entry commit together or not at all (PostgreSQL, SQLite, SQL Server); elsewhere each commits as it runs.
     */
    default boolean transactionalDdl() {
        return false;
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
    default List<String> indexBuildSession() {
        return List.of();
    }

    default List<String> indexBuildSessionReset() {
        return List.of();
    }

    /**
     * Whether the keys and indexes of different tables can be built at once, each on its own connection, without
     * one waiting on the other (PostgreSQL: each build locks only its own table). Foreign keys, which lock two
     * tables, are built one at a time all the same.
     */
    default boolean buildsTablesConcurrently() {
        return false;
    }

    /**
     * Whether CREATE TABLE and ALTER TABLE take part in a transaction, so that several can be undone together
     * (PostgreSQL, SQLite, SQL Server); elsewhere each commits at once.
     */
    default boolean supportsDdlTransactions() {
        return false;
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
    default Optional<SourceCursor> openExport(Connection connection, String select,
            List<ColumnInfo> columns, boolean[] asPrinted) throws SQLException {
        return Optional.empty();
    }

    /**
     * A way to copy rows from this database into {@code target} without decoding them, where the two share a
     * format (PostgreSQL to PostgreSQL); empty where they do not.
     */
    default Optional<RowStream> streamTo(Dialect target) {
        return Optional.empty();
    }

    /**
     * Makes every reader of this (source) database see it as of this moment, for {@code readers} readers at once;
     * empty where the database has no means. May warn and give a weaker snapshot where the user lacks a privilege.
     */
    default Optional<ReadSnapshot> snapshot(Connections pool, int readers) throws SQLException {
        return Optional.empty();
    }

    /**
     * The snapshot another process shares under {@code name} ({@link ReadSnapshot#shared()}), joined by this pool's
     * readers while that process holds it; empty where the database has no such thing.
     */
    default Optional<ReadSnapshot> joinSnapshot(Connections pool, String name) {
        return Optional.empty();
    }

    /**
     * An ORDER BY term that orders a column as {@code verify} matches rows: numbers by value, text by the bytes of
     * its UTF-8 form (not by the column's collation, which two databases never share).
     */
    default String byteOrder(String quotedColumn, ValueKind kind) {
        return quotedColumn;
    }

    /**
     * An expression giving a column's value as text in the form {@code verify} agrees on with other databases (see
     * {@code verify.Canonical}: numbers by value, booleans as 1/0, times with six digits of fraction, instants in UTC,
     * bytes in lower-case hex), or empty where this database cannot say it in SQL.
     */
    default Optional<String> canonicalText(String quotedColumn, ValueKind kind) {
        return Optional.empty();
    }

    /**
     * An expression giving a column's value as this server prints it by itself, where that is the canonical form for a
     * column whose other side has the same kind and, for decimals, the same number of decimal places (times: none):
     * cheaper than {@link #canonicalText}, which makes the form. Empty where the server's own form is not the canonical
     * one. Text comes in UTF-8, as every row text is hashed ({@code column} tells its character set where the
     * database has one per column).
     */
    default Optional<String> plainText(ColumnInfo column, String quotedColumn, ValueKind kind) {
        return Optional.empty();
    }

    /**
     * A select list of two terms over rows whose canonical texts are {@code texts}, of values of {@code kinds} (a text
     * is null where the value is NULL): the row count and a sum of a 60-bit hash of each row, computed by the
     * database; empty where it has no means. Every database hashes the same row text: the values joined by '|', NULL
     * as 'n', and a TEXT value (which may hold '|' or be 'n') as its length in UTF-8 bytes, ':', and itself, all of it
     * in UTF-8 (a length in bytes, which the servers keep beside the value, rather than in characters, which they
     * count). Numbers, dates, times and hex hold neither, so they go without a length: each expression is evaluated
     * once.
     */
    default Optional<String> rowDigest(List<String> texts, List<ValueKind> kinds) {
        return Optional.empty();
    }

    /**
     * Like {@link #rowDigest}, over columns as this database holds them itself: for two databases of one kind whose
     * columns have the same types, which hash and print equal values alike. Faster, where there is such a way; the
     * ways there are, fastest first (a way the server refuses gives way to the next).
     */
    default List<String> nativeRowDigests(List<String> quotedColumns) {
        return List.of();
    }

    /** How to read a source column of this database. */
    ValueReader reader(ColumnInfo column);

    /** How a source column is selected: its name, or an expression that reads it exactly (named as the column). */
    default String selectColumn(ColumnInfo column) {
        return quote(column.name());
    }

    /**
     * How a value becomes what a target column of this kind holds; a database that cannot hold some values of a
     * kind (PostgreSQL text and NUL) refuses them here, where the row and column are known.
     */
    default ValueConverter converter(ValueKind kind, ZoneId zone) {
        return ValueConverter.to(kind, zone);
    }

    /** The writer for one partition; the connection is already in a transaction. */
    RowWriter openWriter(Connection connection, WriteTarget target) throws SQLException;

    /**
     * A writer that sends each batch as one JDBC batch of INSERTs (or upserts), so that a batch the database
     * refuses can be rolled back to a savepoint and split to find its bad rows.
     */
    RowWriter openBatchWriter(Connection connection, WriteTarget target) throws SQLException;

    /**
     * A writer whose every {@link RowWriter#add} is one complete statement through the database's bulk path (one
     * COPY, one LOAD DATA), so that a batch the database refuses can be rolled back to a savepoint and written again
     * in pieces, for a table that may reject rows; where there is no such path, {@link #openBatchWriter}.
     */
    default RowWriter openStatementWriter(Connection connection, WriteTarget target) throws SQLException {
        return openBatchWriter(connection, target);
    }

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
    default OptionalLong estimatedRows(Connection connection, TableInfo table) throws SQLException {
        return OptionalLong.empty();
    }

    /**
     * A query for about {@code wanted} non-NULL values of {@code quotedKey} spread evenly over its order (every k-th),
     * in that order: the sample a table's key ranges are cut from. The database orders them, so the ranges it is
     * later asked for follow its collation and its type.
     */
    default String keySample(String table, String quotedKey, String filter, long rows, int wanted) {
        long step = Math.max(1, rows / Math.max(1, wanted));
        return "SELECT k FROM (SELECT " + quotedKey + " AS k, ROW_NUMBER() OVER (ORDER BY " + quotedKey + ") AS rn FROM " + table
                + " WHERE " + quotedKey + " IS NOT NULL" + (filter == null ? "" : " AND (" + filter + ")") + ") s WHERE "
                + remainder("rn", step) + " = 0 ORDER BY rn";
    }

    /** A cheaper sample than {@link #keySample} where the database has one (reading some of the table's pages only). */
    default Optional<String> quickKeySample(String table, String quotedKey, String filter, long rows, int wanted) {
        return Optional.empty();
    }

    /** The SQL for {@code expression} modulo {@code divisor}. */
    default String remainder(String expression, long divisor) {
        return "MOD(" + expression + ", " + divisor + ")";
    }

    /** The column that gives a row's place in its table (PostgreSQL's {@code ctid}), by which a keyless table is split. */
    default Optional<String> rowLocator() {
        return Optional.empty();
    }

    /** The pages {@code table} takes, for splitting it by {@link #rowLocator}; empty where it has no such thing. */
    default OptionalLong pages(Connection connection, TableInfo table) throws SQLException {
        return OptionalLong.empty();
    }

    /**
     * The bytes a table's rows take on disk, large values stored apart included, as the database keeps count
     * (without reading the table), or empty where it has none.
     */
    default OptionalLong estimatedBytes(Connection connection, TableInfo table) throws SQLException {
        return OptionalLong.empty();
    }

    /**
     * How closely {@code column}'s order follows the order of the rows' places, from -1 to 1, by the database's
     * statistics (PostgreSQL's pg_stats.correlation); empty when it keeps none.
     */
    default OptionalDouble physicalOrder(Connection connection, TableInfo table, String column) throws SQLException {
        return OptionalDouble.empty();
    }

    /** The {@link #rowLocator} of the first row place of page {@code page}, as SQL. */
    default String pageBound(long page) {
        throw new UnsupportedOperationException(name() + " has no row locator");
    }

    /** {@code text} as a string literal: compared with a column, the database reads it as a value of that column's type. */
    default String textLiteral(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** Binds {@code text}, a value as the database prints it, for comparison with a column of any type. */
    default void bindText(PreparedStatement statement, int index, String text) throws SQLException {
        statement.setString(index, text);
    }

    /**
     * Takes the lock named {@code name} for {@code session} without waiting, so that two runs never load one
     * table at once; empty when another session holds it. The lock lasts until what is returned is closed or
     * the session ends. Databases with a named lock of their own use it (advisory locks, GET_LOCK, application
     * locks); the others lock a row of the tool's journal in the session's open transaction.
     */
    default Optional<AutoCloseable> tryLock(Connection session, String name, LockRows rows) throws SQLException {
        return rows.tryLock(session, name) ? Optional.of(() -> { }) : Optional.empty();
    }

    /**
     * The statements that empty these tables, given children before parents, and nothing else: never a
     * cascade into tables not named. Run on one connection, which is discarded if one fails.
     */
    default List<String> emptyTables(List<String> qualifiedTables) {
        return qualifiedTables.stream().map(t -> "DELETE FROM " + t).toList();
    }

    /** The names this database can hold: how long, counted how, and what it refuses. */
    default NameRules nameRules() {
        return NameRules.characters(Integer.MAX_VALUE);
    }

    /** Why this database cannot hold {@code name} as the name of a {@code kind}, every reason; empty when it can. */
    default Optional<String> nameProblem(NameKind kind, String name) {
        return nameRules().problem(name(), kind, name);
    }

    /** {@code name} as this database can hold it, changed as little as it must be; empty when nothing of it is left. */
    default String fitName(NameKind kind, String name) {
        String fitted = nameRules().fitted(kind, name);
        while (!fitted.isEmpty() && nameProblem(kind, fitted).isPresent()) {
            fitted = nameRules().fitted(kind, NameRules.withoutLastCharacter(fitted));
        }
        return fitted;
    }
}
