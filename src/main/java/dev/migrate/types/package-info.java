/**
 * The neutral type model: what a column is declared as, in terms every database shares, and each
 * dialect's mapping to and from its own type names, kept as data in the dialect's {@code types.properties}.
 */
package dev.migrate.types;
