package dev.migrate.engine;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import groovyx.gpars.group.DefaultPGroup;
import groovyx.gpars.group.PGroup;
import groovyx.gpars.scheduler.DefaultPool;

import dev.migrate.connect.Database;
import dev.migrate.diff.NameFolding;
import dev.migrate.dialect.ReadSnapshot;
import dev.migrate.dialect.Role;
import dev.migrate.journal.Journal;
import dev.migrate.plan.Lookup;
import dev.migrate.plan.MigrationPlan;

/**
 * A cluster's executor side of one run: the run's table jobs resolved again from the catalogs it was sent (none is
 * read here), pools to both databases, the journal, and the source snapshot it joins. It does one partition at a time
 * per task, as the engine does on one machine, and keeps the rule that makes a task's retries and speculative copies
 * safe: a partition that the journal shows committed (by an earlier attempt, or by a copy running at the same time)
 * is not written again. Its transaction records the partition in the same commit as its rows, and the journal's
 * key lets only one of two such commits through.
 */
public final class TaskRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);

    private final RunShipment shipment;
    private final Database source;
    private final Database target;
    private final ReadSnapshot snapshot;
    private final TargetDestination destination;
    private final Map<String, TableJob> jobs = new HashMap<>();
    private final PGroup readers;
    private final long batchBytes;

    /**
     * @param plan  the run's script compiled here, with the run's settings and connections
     * @param slots the tasks this JVM runs at once
     */
    public TaskRunner(RunShipment shipment, MigrationPlan plan, int slots) {
        this.shipment = shipment;
        this.source = Database.open(plan.source(), Role.SOURCE, slots + 1);
        Database opened = null;
        try {
            opened = Database.open(plan.target(), Role.TARGET, slots + 1);
            MigrationPlan named = NameFolding.of(plan, new JobPlanner(plan, source.dialect(), opened.dialect(), ZoneId.of(shipment.zone()))
                    .selectTables(shipment.sourceSchema())).plan();
            JobPlanner planner = new JobPlanner(named, source.dialect(), opened.dialect(), ZoneId.of(shipment.zone()));
            for (TableJob job : planner.resolve(shipment.sourceSchema(), shipment.targetSchema(), shipment.keys()).jobs()) {
                jobs.put(job.id(), job);
            }
        } catch (RuntimeException e) {
            source.close();
            if (opened != null) {
                opened.close();
            }
            throw e;
        }
        this.target = opened;
        this.snapshot = shipment.snapshot() == null ? ReadSnapshot.none(source)
                : source.dialect().joinSnapshot(source, shipment.snapshot()).orElse(ReadSnapshot.none(source));
        Journal journal = Journal.ofRun(target, shipment.migration(), shipment.started(), shipment.runId(),
                shipment.settings().journalSchema(), shipment.settings().journalName(), shipment.journalled());
        this.destination = new TargetDestination(target, journal);
        this.readers = new DefaultPGroup(new DefaultPool(Engine.namedPool("migrate-task-reader-", slots)));
        this.batchBytes = PartitionRun.batchBytes(slots);
    }

    /** The run this runner serves. */
    public String runId() {
        return shipment.runId();
    }

    /**
     * Moves one partition, or finds that an attempt before it (or beside it) committed it. Never throws: a failure
     * comes back as the outcome's kind and line, for the run to decide (a lost connection is tried again, a refused
     * row is not).
     *
     * @param cancelled turns true when the task is cancelled: the partition stops and rolls back
     */
    public PartitionOutcome run(PartitionTask task, Map<Lookup, Map<Object, Object>> lookups, AtomicBoolean cancelled) {
        TableJob job = jobs.get(task.job());
        if (job == null) {
            return PartitionOutcome.lost("table job " + task.job() + " is not among the run's jobs here: the task's script does not"
                    + " resolve as the run's did");
        }
        Partition partition = task.partition(job);
        Long committed = destination.committedBefore(partition);
        if (committed != null) {
            LOG.info("partition {}: committed already by an earlier attempt ({} rows); nothing written", task.describe(), committed);
            return PartitionOutcome.committedEarlier(committed);
        }
        Rejects rejects = Rejects.kept(shipment.settings().maxRejects());
        Rejects.TableRejects tableRejects = rejects.forTable(job.targetName());
        try {
            PartitionRun run = new PartitionRun(partition, source, snapshot, destination, null, shipment.settings(), readers, ProgressListener.NONE,
                    task.setup(), task.reset(), cancelled, tableRejects, Lookups.loaded(lookups), batchBytes);
            return PartitionOutcome.of(run.run(), tableRejects.lines());
        } catch (Throwable failure) {
            // a copy of this task that ran at the same time may have committed first: its commit is the partition's
            committed = destination.committedBefore(partition);
            if (committed != null) {
                LOG.info("partition {}: committed by another attempt ({} rows); this one rolled back", task.describe(), committed);
                return PartitionOutcome.committedEarlier(committed);
            }
            return PartitionOutcome.failed(failure, tableRejects.lines());
        }
    }

    /** The jobs' ids, for a message that says what the runner knows. */
    public List<String> jobs() {
        return List.copyOf(jobs.keySet());
    }

    @Override
    public void close() {
        readers.shutdown();
        snapshot.close();
        try {
            source.close();
        } finally {
            target.close();
        }
    }
}
