/**
 * The engine: resolves a plan against both catalogs into table jobs, splits tables into partitions and
 * moves them with GPars workers, each partition read, transformed and written through a bounded hand-off
 * and committed on its own. All of the tool's concurrency lives here.
 */
package dev.migrate.engine;
