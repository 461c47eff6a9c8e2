package dev.migrate.command;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.migrate.versions.FolderSession;
import dev.migrate.versions.FolderState;
import dev.migrate.versions.History;

/**
 * {@code repair}: removes the entries of failed versions (whose changes the user has undone by hand, or which
 * changed nothing) and realigns the checksums and descriptions of applied versions with their files after a
 * deliberate edit. Says what it did, one line each.
 */
public final class RepairVersions {

    private final FolderSession session;

    public RepairVersions(FolderSession session) {
        this.session = session;
    }

    public List<String> repair() throws Exception {
        List<String> done = new ArrayList<>();
        History history = session.history();
        try (AutoCloseable lock = session.lock(FolderSession.LOCK_WAIT)) {
            FolderState state = session.state();
            try (Connection c = session.target().connection()) {
                repair(state, history, c, done);
            }
        }
        return done;
    }

    private static void repair(FolderState state, History history, Connection c, List<String> done) throws SQLException {
        for (FolderState.Line line : state.lines()) {
            if (line.state() == FolderState.State.FAILED) {
                history.remove(c, line.entry().rank());
                done.add(line.label() + ": its failed entry removed");
            } else if (line.state() == FolderState.State.CHANGED) {
                history.realign(c, line.entry().rank(), line.file().checksum(), line.file().description());
                done.add(line.label() + ": checksum set to " + line.file().checksum() + " (was " + line.entry().checksum() + ")");
            }
        }
    }
}
