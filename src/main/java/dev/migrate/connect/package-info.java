/** Connection pools for the source and the target, configured by their dialects. */
package dev.migrate.connect;
