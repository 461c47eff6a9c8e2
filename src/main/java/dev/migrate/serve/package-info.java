/**
 * {@code bin/migrate serve}: the console's state in its home folder (an embedded database, the key that seals saved
 * passwords, the hashed access token), the saved connections, and the HTTP API over them.
 */
package dev.migrate.serve;
