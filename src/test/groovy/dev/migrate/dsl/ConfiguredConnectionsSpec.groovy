package dev.migrate.dsl

import dev.migrate.plan.Configuration
import dev.migrate.plan.ConnectionDefaults
import dev.migrate.plan.Endpoint
import dev.migrate.plan.MigrationPlan
import dev.migrate.plan.Settings
import dev.migrate.support.Scripts
import spock.lang.Specification

/** A script over what the project file and the environment configure: its words go over the configured fields. */
class ConfiguredConnectionsSpec extends Specification {

    static final Configuration CONFIGURED = new Configuration(Settings.builder().batchSize(20_000).build(),
            new ConnectionDefaults('jdbc:h2:mem:legacy', 'reader', 'S3cret-source', null),
            new ConnectionDefaults('jdbc:postgresql://db:5432/shop', 'migrator', 'S3cret-target', 'sales'))

    private static MigrationPlan load(String body) {
        def file = Scripts.write('configured.groovy', "migration 'shop', {\n${body}\n}\n")
        new ScriptLoader().load(file, new ScriptContext('configured.groovy', null, CONFIGURED))
    }

    def "a script without connection blocks takes both sides, and its settings start, from the configuration"() {
        when:
        def plan = load("settings { parallelism 3 }")

        then:
        plan.source() == new Endpoint('jdbc:h2:mem:legacy', 'reader', 'S3cret-source', null, [:])
        plan.target() == new Endpoint('jdbc:postgresql://db:5432/shop', 'migrator', 'S3cret-target', 'sales', [:])
        plan.settings() == Settings.builder().batchSize(20_000).parallelism(3).build()
    }

    def "each word of a block goes over the configured field of its name"() {
        when:
        def plan = load("target { user 'owner'; property 'sslmode', 'require' }")

        then:
        plan.target() == new Endpoint('jdbc:postgresql://db:5432/shop', 'owner', 'S3cret-target', 'sales', [sslmode: 'require'])
    }

    def "a block that names another url gets none of the configured user, password and schema: they belong to the configured database"() {
        when:
        def plan = load("target { url 'jdbc:h2:mem:other'; user 'sa' }")

        then:
        plan.target() == new Endpoint('jdbc:h2:mem:other', 'sa', null, null, [:])
        plan.source() == new Endpoint('jdbc:h2:mem:legacy', 'reader', 'S3cret-source', null, [:])
    }

    def "a password configured without a url goes with the url the script names"() {
        given:
        def file = Scripts.write('password-only.groovy', "migration 'shop', {\n source { url 'jdbc:h2:mem:a'; user 'sa' }\n target { url 'jdbc:h2:mem:b' }\n}\n")
        def configured = Configuration.DEFAULTS.withTarget(ConnectionDefaults.NONE.withPassword('S3cret'))

        when:
        def plan = new ScriptLoader().load(file, new ScriptContext('password-only.groovy', null, configured))

        then:
        plan.source().password() == null
        plan.target() == new Endpoint('jdbc:h2:mem:b', null, 'S3cret', null, [:])
    }
}
