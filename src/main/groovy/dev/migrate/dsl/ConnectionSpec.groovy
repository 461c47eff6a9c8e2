package dev.migrate.dsl

import dev.migrate.dialect.DialectRegistry
import dev.migrate.plan.ConnectionDefaults
import dev.migrate.plan.Endpoint
import dev.migrate.plan.ScriptError
import dev.migrate.plan.SettingNames
import dev.migrate.plan.ScriptLocation

/** {@code source { }} and {@code target { }}: where to connect and as whom. */
class ConnectionSpec extends SpecSupport {

    private final String side
    private final ScriptLocation location
    private String jdbcUrl
    private String userName
    private String secret
    private String schemaName
    private final Map<String, String> properties = [:]
    private boolean create

    private final ConnectionDefaults configured

    /**
     * Starts from what the configuration says of this side: each word of the block goes over its field. The configured
     * user, password and schema belong to the configured url: a block that names another url does not get them.
     */
    ConnectionSpec(ScriptContext context, String side, ScriptLocation location, ConnectionDefaults configured) {
        super(context)
        this.side = side
        this.location = location
        this.configured = configured
    }

    @Override
    protected String blockName() {
        side
    }

    private static final Map<String, String> USAGE = [
            url     : "url 'jdbc:postgresql://host:5432/database'",
            user    : "user 'name'",
            password: "password env('PASSWORD_VARIABLE')",
            schema  : "schema 'public'",
            property: "property 'name', 'value'",
            createDatabase: "createDatabase true"]

    @Override
    protected String usage(String word) {
        USAGE[word]
    }

    /** Checked here, so that a URL no database serves stops the script before anything is connected or created. */
    void url(String value) {
        require(value?.trim(), context.error("${side} url is empty"))
        String shown = new Endpoint(value, null, null, null, [:]).safeUrl()
        require(value.startsWith('jdbc:'), context.error("${side} url must be a JDBC URL starting with jdbc:, not '${shown}'"))
        require(DialectRegistry.find(value).isPresent(), context.error("${side} url ${shown}: ${DialectRegistry.unsupported(value)}"))
        jdbcUrl = value
    }

    void user(String value) {
        userName = value
    }

    void password(String value) {
        secret = value
    }

    void schema(String value) {
        schemaName = value
    }

    /** A JDBC driver property, passed to the driver as is. */
    void property(String name, Object value) {
        properties[name] = String.valueOf(value)
    }

    private String envOf(String field) {
        SettingNames.byKey("${side}.${field}".toString()).get().env()
    }

    /**
     * {@code createDatabase true}: a run creates the target's database when the server lacks it (PostgreSQL,
     * MySQL/MariaDB); never drops one. {@code plan} and dry runs only say that a run would.
     */
    void createDatabase(boolean value) {
        require(side == 'target', context.error("createDatabase is a word of the target connection: a source is only read"))
        create = value
        createAt = context.here()
    }

    private ScriptLocation createAt

    Endpoint build() {
        boolean sameDatabase = jdbcUrl == null || configured.url() == null || configured.url() == jdbcUrl
        String url = jdbcUrl ?: configured.url()
        String user = userName != null ? userName : sameDatabase ? configured.user() : null
        String password = secret != null ? secret : sameDatabase ? configured.password() : null
        String schema = schemaName != null ? schemaName : sameDatabase ? configured.schema() : null
        String configurable = SettingNames.byKey("${side}.url".toString()).isPresent() ? " (nor is ${side}.url in migrate.conf or ${envOf('url')} set)" : ''
        require(url != null, new ScriptError(location, "${side} { } has no url${configurable}".toString()))
        if (create) {
            def dialect = DialectRegistry.find(url).get()
            boolean embedded = dialect.name() in ['H2', 'SQLite']
            require(embedded || dialect.maintenanceUrl(url).isPresent(), new ScriptError(createAt,
                    "createDatabase: the tool creates PostgreSQL and MySQL/MariaDB databases, not ${dialect.name()} ones; create it before the run".toString()))
        }
        new Endpoint(url, user, password, schema, properties, create)
    }
}
