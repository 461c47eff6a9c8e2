package dev.migrate.command

import dev.migrate.engine.RunShipment
import dev.migrate.plan.Endpoint
import dev.migrate.plan.Settings
import spock.lang.Specification

import java.time.Instant

/** The run's script, compiled again where a cluster's task runs. */
class ShippedScriptSpec extends Specification {

    def "a script that left its connections to the run's configuration compiles in a task with the run's connections"() {
        given:
        Endpoint source = new Endpoint('jdbc:h2:mem:shipped_src', 'sa', 'S3cret-a', null, [:])
        Endpoint target = new Endpoint('jdbc:h2:mem:shipped_dst', 'sa', 'S3cret-b', 'PUBLIC', [:])
        Settings settings = Settings.builder().batchSize(7).build()
        def shipment = new RunShipment('configured.groovy', "migration 'configured', { tables 'items' }\n", [:], settings, source, target,
                null, null, null, 'UTC', 'configured', 'run-1', Instant.now(), false, null)

        when:
        def plan = ShippedScript.compile(shipment)

        then:
        plan.source() == source
        plan.target() == target
        plan.settings() == settings
        plan.tables()*.name() == ['items']
    }
}
