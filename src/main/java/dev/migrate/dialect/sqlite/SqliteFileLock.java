package dev.migrate.dialect.sqlite;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.migrate.dialect.LockNames;

/**
 * A run's lock on a table of a SQLite database: an operating-system lock on a byte of a file beside the database
 * ({@code shop.db.migrate-lock}), which the system frees when the process ends, however it ends. A database in
 * memory lives in one process, so a lock held in this process is enough.
 */
final class SqliteFileLock {

    private static final Set<String> IN_MEMORY = ConcurrentHashMap.newKeySet();

    private SqliteFileLock() {
    }

    static Optional<AutoCloseable> tryLock(String url, String name) throws SQLException {
        String file = databaseFile(url);
        if (file == null) {
            String key = url + " " + name;
            return IN_MEMORY.add(key) ? Optional.of(() -> IN_MEMORY.remove(key)) : Optional.empty();
        }
        // one file per database, never removed (a file removed while another process holds it open would let two
        // runs each lock a file of that name); each table locks a byte of it of its own
        Path lockFile = Path.of(file + ".migrate-lock");
        long position = LockNames.hash64(name) & 0x7fff_ffffL;
        try {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock(position, 1, false);
            } catch (OverlappingFileLockException heldHere) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            FileLock held = lock;
            return Optional.of(() -> {
                try {
                    held.release();
                } finally {
                    channel.close();
                }
            });
        } catch (IOException e) {
            throw new SQLException("cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
    }

    /** The database file of a {@code jdbc:sqlite:} URL, or null for a database in memory. */
    static String databaseFile(String url) {
        String rest = url.substring("jdbc:sqlite:".length());
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        }
        return rest.isEmpty() || rest.equals(":memory:") || rest.contains("mode=memory") ? null : rest;
    }
}
