package dev.migrate.dsl

import dev.migrate.plan.Identifiers
import dev.migrate.plan.SchemaMode
import dev.migrate.plan.SettingNames
import dev.migrate.plan.Settings
import dev.migrate.plan.WriteMode

/**
 * {@code settings { }}: how the engine runs. Each word is a name of {@link SettingNames}, which the project file and
 * the environment use too; the typed methods are here so that an editor completes them.
 */
class SettingsSpec extends SpecSupport {

    private Settings settings

    SettingsSpec(ScriptContext context, Settings start) {
        super(context)
        this.settings = start
    }

    @Override
    protected String blockName() {
        'settings'
    }

    private static final Map<String, String> USAGE = [
            batchSize    : 'batchSize 10_000',
            parallelism  : 'parallelism 4',
            fetchSize    : 'fetchSize 5_000',
            partitionRows: 'partitionRows 500_000',
            mode         : 'mode INSERT (or MERGE, TRUNCATE_INSERT)',
            maxRejects   : 'maxRejects 100',
            schema       : 'schema CREATE (or CREATE_AND_ALTER, NONE)',
            bulk         : 'bulk false',
            snapshot     : 'snapshot false',
            journal      : "journal 'ops.migrate_journal'",
            identifiers  : "identifiers 'SNAKE_CASE' (or 'LOWER', 'AS_IS')"]

    @Override
    protected String usage(String word) {
        USAGE[word]
    }

    void batchSize(long value) {
        settings = checked { SettingNames.set(settings, 'batchSize', asInt('batchSize', value)) }
    }

    void parallelism(long value) {
        settings = checked { SettingNames.set(settings, 'parallelism', asInt('parallelism', value)) }
    }

    void fetchSize(long value) {
        settings = checked { SettingNames.set(settings, 'fetchSize', asInt('fetchSize', value)) }
    }

    void partitionRows(long value) {
        settings = checked { SettingNames.set(settings, 'partitionRows', value) }
    }

    @Override
    protected Map<String, String> valueAliases() {
        [UPSERT: 'MERGE', TRUNCATE: 'TRUNCATE_INSERT', APPEND: 'INSERT']
    }

    void mode(WriteMode value) {
        settings = checked { SettingNames.set(settings, 'mode', value) }
    }

    /** Rows a table may set aside in its reject file before it fails (default 0: the first bad row fails it). */
    void maxRejects(long value) {
        settings = checked { SettingNames.set(settings, 'maxRejects', value) }
    }

    /** What the run may do to target tables: CREATE (default), CREATE_AND_ALTER or NONE. */
    void schema(SchemaMode value) {
        settings = checked { SettingNames.set(settings, 'schema', value) }
    }

    /**
     * Whether each database's bulk path is used (PostgreSQL COPY, MySQL LOAD DATA, SQL Server bulk copy);
     * {@code bulk false} sends every row through JDBC batches of INSERTs instead (default true).
     */
    void bulk(boolean value) {
        settings = SettingNames.set(settings, 'bulk', value)
    }

    /**
     * Whether every partition reads the source as of one moment, the moment the load starts (default true):
     * an exported snapshot on PostgreSQL, sessions started together under a brief global read lock on MySQL.
     * {@code snapshot false} lets each partition read the source as it is when that partition starts.
     */
    void snapshot(boolean value) {
        settings = SettingNames.set(settings, 'snapshot', value)
    }

    /**
     * The run's journal table in the target (default {@code migrate_journal}, in the target's schema):
     * {@code journal 'name'} or {@code journal 'schema.name'}.
     */
    void journal(String value) {
        settings = checked { SettingNames.set(settings, 'journal', value) }
    }

    /**
     * How source names become the names of the tables, columns, indexes and keys the run creates: AS_IS (default),
     * LOWER ({@code AlbumId} is {@code albumid}) or SNAKE_CASE ({@code album_id}). Names the script writes are kept.
     */
    void identifiers(Identifiers value) {
        settings = SettingNames.set(settings, 'identifiers', value)
    }

    void identifiers(String word) {
        settings = checked { SettingNames.set(settings, 'identifiers', Identifiers.of(word)) }
    }

    private Settings checked(Closure<Settings> change) {
        try {
            change.call()
        } catch (IllegalArgumentException e) {
            throw context.error(e.message)
        }
    }

    private int asInt(String name, long value) {
        if (value > Integer.MAX_VALUE) {
            throw context.error("${name} must be at most ${Integer.MAX_VALUE}, not ${value}".toString())
        }
        (int) value
    }

    Settings build() {
        settings
    }
}
