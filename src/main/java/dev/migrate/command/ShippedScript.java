package dev.migrate.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.migrate.dsl.ScriptContext;
import dev.migrate.dsl.ScriptLoader;
import dev.migrate.engine.RunShipment;
import dev.migrate.plan.Configuration;
import dev.migrate.plan.ConnectionDefaults;
import dev.migrate.plan.MigrationPlan;

/**
 * A run's script where a cluster's task runs: compiled there from the text the run sent (its closures are the run's
 * transforms), {@code env()} answered with the values the run read, its settings and connections the run's, the
 * command line's overrides included. Its hooks are not run: they belong to the run.
 */
public final class ShippedScript {

    private ShippedScript() {
    }

    public static MigrationPlan compile(RunShipment shipment) throws IOException {
        Path folder = Files.createTempDirectory("migrate-task-");
        Path script = folder.resolve(shipment.scriptName());
        Files.writeString(script, shipment.scriptText(), StandardCharsets.UTF_8);
        try {
            // a side the script left to the run's configuration (migrate.conf, MIGRATE_*) is the run's connection
            ScriptContext context = new ScriptContext(shipment.scriptName(), null, new Configuration(shipment.settings(),
                    ConnectionDefaults.of(shipment.source()), ConnectionDefaults.of(shipment.target())));
            context.setEnvironment(shipment.environment());
            MigrationPlan plan = new ScriptLoader().load(script, context);
            return plan.withSettings(shipment.settings()).withConnections(shipment.source(), shipment.target());
        } finally {
            Files.deleteIfExists(script);
            Files.deleteIfExists(folder);
        }
    }
}
