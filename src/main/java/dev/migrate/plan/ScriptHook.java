package dev.migrate.plan;

import javax.sql.DataSource;

/** Code a script runs before the first row moves or after the last one: it gets both databases. */
@FunctionalInterface
public interface ScriptHook {
    void run(DataSource source, DataSource target) throws Exception;
}
