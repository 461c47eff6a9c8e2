/** What the tool knows of a database's tables, read with SchemaCrawler, and the load order derived from it. */
package dev.migrate.schema;
