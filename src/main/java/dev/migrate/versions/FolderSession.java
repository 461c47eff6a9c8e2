package dev.migrate.versions;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import dev.migrate.connect.Database;
import dev.migrate.dialect.LockRows;
import dev.migrate.dialect.Role;
import dev.migrate.journal.Journal;
import dev.migrate.journal.RunRefused;

/**
 * What the folder commands share: the folder, its target's connections (opened on first use) and its history; the
 * lock that lets one {@code up} (or down, baseline, repair) change a target at a time.
 */
public final class FolderSession implements AutoCloseable {

    /** How long a command waits for another one's lock on the same target before it gives up. */
    public static final Duration LOCK_WAIT = Duration.ofMinutes(10);

    private final MigrationsFolder folder;
    private Database target;
    private History history;

    public FolderSession(MigrationsFolder folder) {
        this.folder = folder;
    }

    public MigrationsFolder folder() {
        return folder;
    }

    public synchronized Database target() {
        if (target == null) {
            // the lock's session, a version's transaction and the history's reads
            target = Database.open(folder.target(), Role.TARGET, 4);
        }
        return target;
    }

    public synchronized History history() {
        if (history == null) {
            history = History.named(target(), folder.history());
        }
        return history;
    }

    /** Who the history says installed a version: the target's user, else the operating system's. */
    public String installedBy() {
        String user = folder.target().user();
        return user == null ? System.getProperty("user.name", "") : user;
    }

    /** The target's state against the folder, as the history says now. */
    public FolderState state() throws SQLException {
        return new FolderState(folder, history().entries());
    }

    /**
     * Takes the lock on the target's history, waiting up to {@code wait} for a command that holds it (polling, so a
     * holder that dies frees it within a second); a RunRefused when it is still held then.
     */
    public AutoCloseable lock(Duration wait) throws SQLException, InterruptedException {
        Database db = target();
        Journal journal = new Journal(db, "migrations " + folder.name(), Instant.now());
        LockRows rows = (session, name) -> {
            journal.create();
            return journal.tryLock(session, name);
        };
        String name = "history:" + history().qualifiedName().toLowerCase(Locale.ROOT);
        long deadline = System.nanoTime() + wait.toNanos();
        Connection session = db.connection();
        try {
            while (true) {
                Optional<AutoCloseable> lock = db.dialect().tryLock(session, name, rows);
                if (lock.isPresent()) {
                    AutoCloseable held = lock.get();
                    return () -> {
                        try {
                            held.close();
                        } finally {
                            db.discard(session);
                        }
                    };
                }
                if (System.nanoTime() > deadline) {
                    throw new RunRefused("another command is changing " + history().qualifiedName() + "'s target (up, down, baseline or repair);"
                            + " waited " + wait.toSeconds() + " s for it to end");
                }
                Thread.sleep(500);
            }
        } catch (SQLException | RuntimeException | InterruptedException e) {
            db.discard(session);
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (target != null) {
            target.close();
        }
    }
}
