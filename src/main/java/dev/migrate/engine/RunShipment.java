package dev.migrate.engine;

import java.io.Serializable;
import java.time.Instant;
import java.util.Map;

import dev.migrate.plan.Endpoint;
import dev.migrate.plan.Settings;
import dev.migrate.schema.SchemaSnapshot;

/**
 * What a cluster's task needs to do a partition exactly as the run that sent it would, sent once per run: the
 * script (compiled where the task runs, for its closures), the environment variables it read, the run's settings
 * and connections, both catalogs as the run resolved them (no task reads a catalog), the run's journal and the
 * source snapshot its readers join.
 *
 * @param environment the variables the script read, with their values: the task's machine need not have them
 * @param sourceSchema the source tables the run resolved its jobs against (queries included)
 * @param targetSchema the target as the run resolved its jobs against, once its tables were created
 * @param keys         the target whose foreign keys ordered the load
 * @param zone         the run's time zone, in which values without one are read
 * @param snapshot     the source snapshot every reader joins, or null: each task then reads the source as it is
 */
public record RunShipment(String scriptName, String scriptText, Map<String, String> environment, Settings settings, Endpoint source,
                          Endpoint target, SchemaSnapshot sourceSchema, SchemaSnapshot targetSchema, SchemaSnapshot keys, String zone,
                          String migration, String runId, Instant started, boolean journalled, String snapshot)
        implements Serializable {

    public RunShipment {
        environment = Map.copyOf(environment);
    }

    /** This shipment, its tasks joining the source snapshot {@code name} (null: none). */
    public RunShipment withSnapshot(String name) {
        return new RunShipment(scriptName, scriptText, environment, settings, source, target, sourceSchema, targetSchema, keys, zone, migration,
                runId, started, journalled, name);
    }

    /** Never the values: the environment may hold passwords. */
    @Override
    public String toString() {
        return "RunShipment[" + migration + ", run " + runId + ", script " + scriptName + "]";
    }
}
