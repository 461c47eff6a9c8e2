/**
 * Scale-out on Apache Spark ({@code bin/migrate run script.groovy --spark MASTER}): the run plans on the driver as it
 * always does, and each partition becomes one Spark task that compiles the script once per executor JVM and moves its
 * rows through the dialects' own readers and writers ({@link dev.migrate.engine.TaskRunner}). The only package that
 * imports Spark; built with {@code -Pspark}.
 */
package dev.migrate.spark;
