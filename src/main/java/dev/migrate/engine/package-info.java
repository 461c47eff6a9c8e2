/**
 * The engine: resolves a plan against both catalogs into table jobs, splits tables into partitions and
 * moves them with GPars workers, each partition read, transformed and written through a bounded hand-off
 * and committed on its own. All of the tool's concurrency lives here.
 *
 * <h2>What GPars does here, and why not more</h2>
 * Two GPars {@code PGroup}s, writers and readers, each over a pool of named daemon threads sized by the run's
 * parallelism ({@link dev.migrate.engine.Engine#namedPool}). A partition is a writer task; it starts its reader as a
 * task of the other group and holds that task's {@code Promise}, so a reader's failure reaches the writer
 * that waits on it, and the writer's failure or a cancel stops the reader. One event queue brings every
 * partition's end back to the scheduling loop, which alone decides what starts next (dependencies between tables,
 * a failed table stopping its partitions, retries after a lost connection).
 * <p>
 * The read → transform → write pipeline of a partition is one reader and one writer around an
 * {@code ArrayBlockingQueue} of a few batches, not a chain of dataflow operators, for three reasons:
 * <ul>
 *   <li>Back-pressure. The hand-off must be bounded (batches are sized by their share of the heap); GPars'
 *       {@code DataflowQueue} is unbounded, and its bounded {@code SyncDataflowQueue} hands over one value at a time.</li>
 *   <li>Blocking calls. Each stage blocks in JDBC or COPY for most of its life; operators share their group's
 *       threads, so a stage blocked in a driver would starve the others of the same group. Here every stage
 *       owns a thread for as long as its partition runs.</li>
 *   <li>One transaction. A partition's rows and its journal entry commit together on the writer's connection,
 *       and a failure on either side must end both with nothing committed; a pair of tasks with one queue
 *       between them states that directly, where an operator network would need the same bookkeeping around it.</li>
 * </ul>
 * On a cluster ({@link dev.migrate.engine.Cluster}) the same partitions run as remote tasks: the scheduling loop
 * is unchanged, and the executor runs each partition through the same reader and writer ({@link
 * dev.migrate.engine.TaskRunner}).
 */
package dev.migrate.engine;
