/**
 * Where every command stands: a {@link dev.migrate.session.Session} owns a migration's two databases, their
 * catalogs and the script resolved against them ({@link dev.migrate.session.Resolution}), read and made once.
 */
package dev.migrate.session;
