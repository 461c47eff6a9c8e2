/**
 * The commands, one small object each over a {@link dev.migrate.session.Session}: {@code run}, {@code plan},
 * {@code verify} and {@code scaffold}; {@link dev.migrate.command.Migrate} opens a session sized for one and runs it.
 */
package dev.migrate.command;
