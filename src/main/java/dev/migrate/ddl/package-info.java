/**
 * Target DDL: the definition of a table to create, derived from its source table and the script's
 * mapping, written in the target dialect's types. Tables are created before the load; unique
 * constraints, indexes and foreign keys after it. Nothing here drops or narrows anything.
 */
package dev.migrate.ddl;
