/**
 * {@code bin/migrate generate}: fills the tables a script's {@code generate { }} block names with fake,
 * deliberately dirty rows, the same rows for the same seed, through the dialects' bulk writers.
 */
package dev.migrate.generate;
