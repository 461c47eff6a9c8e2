/**
 * {@code verify}: what it means for a target row to equal its source row (a value form two databases agree on),
 * the differences found, and their report. The comparison itself runs in {@code engine}, which reads the rows.
 */
package dev.migrate.verify;
