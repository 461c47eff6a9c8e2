/**
 * Moving values: how a column's value is read from a result set, converted to what the target column
 * holds, and written. Dialects pick and extend these; the engine drives them.
 */
package dev.migrate.transfer;
