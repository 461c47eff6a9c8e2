package dev.migrate.dsl

import dev.migrate.dialect.DialectRegistry
import dev.migrate.plan.Endpoint
import dev.migrate.plan.ScriptLocation

/** {@code source { }} and {@code target { }}: where to connect and as whom. */
class ConnectionSpec extends SpecSupport {

    private final String side
    private final ScriptLocation location
    private String url
    private String user
    private String password
    private String schema
    private final Map<String, String> properties = [:]

    ConnectionSpec(ScriptContext context, String side, ScriptLocation location) {
        super(context)
        this.side = side
        this.location = location
    }

    @Override
    protected String blockName() {
        side
    }

    /** Checked here, so that a URL no database serves stops the script before anything is connected or created. */
    void url(String value) {
        require(value?.trim(), context.error("${side} url is empty"))
        String shown = new Endpoint(value, null, null, null, [:]).safeUrl()
        require(value.startsWith('jdbc:'), context.error("${side} url must be a JDBC URL starting with jdbc:, not '${shown}'"))
        require(DialectRegistry.find(value).isPresent(), context.error("${side} url ${shown}: ${DialectRegistry.unsupported(value)}"))
        url = value
    }

    void user(String value) {
        user = value
    }

    void password(String value) {
        password = value
    }

    void schema(String value) {
        schema = value
    }

    /** A JDBC driver property, passed to the driver as is. */
    void property(String name, Object value) {
        properties[name] = String.valueOf(value)
    }

    Endpoint build() {
        require(url != null, new dev.migrate.plan.ScriptError(location, "${side} { } has no url".toString()))
        new Endpoint(url, user, password, schema, properties)
    }
}
