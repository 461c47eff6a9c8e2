package dev.migrate.dsl

/**
 * The base class of a Groovy version of a migrations folder: a schema step, with {@code target} (and {@code source},
 * where the folder has one) bound as {@code groovy.sql.Sql}, or a migration without connections, which come from the
 * folder's {@code migrations.groovy}.
 */
abstract class VersionScript extends MigrationScript {
}
