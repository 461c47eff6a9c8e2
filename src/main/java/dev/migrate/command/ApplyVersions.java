package dev.migrate.command;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.migrate.connect.Database;
import dev.migrate.engine.Engine;
import dev.migrate.engine.ProgressListener;
import dev.migrate.engine.Start;
import dev.migrate.journal.RunRefused;
import dev.migrate.plan.Secrets;
import dev.migrate.versions.FolderSession;
import dev.migrate.versions.FolderState;
import dev.migrate.versions.History;
import dev.migrate.versions.Version;
import dev.migrate.versions.VersionFile;

/**
 * {@code up}: applies the folder's pending versions in order, then its new or changed repeatable ones, each recorded
 * in the history — in the same transaction as its statements where the target's DDL is transactional. Holds the
 * target's lock throughout, so a second {@code up} waits and then finds nothing to do. Refuses to start while a
 * version has failed, or the applied ones no longer match their files, naming each and what to do.
 */
public final class ApplyVersions {

    /** One version applied (or failed). */
    public record Applied(String version, String description, String type, boolean success, long millis, long rows, String error) {

        public String label() {
            return version == null ? "repeatable '" + description + "'" : "version " + version + " (" + description + ")";
        }
    }

    /** What up did: the versions it applied, in order, the last one failed if {@code failed}. */
    public record Result(String folder, List<Applied> applied, String error) {

        public boolean succeeded() {
            return error == null;
        }
    }

    private final FolderSession session;
    private final Version to;
    private final boolean resume;
    private final Path results;
    private final ProgressListener listener;

    public ApplyVersions(FolderSession session, Version to, boolean resume, Path results, ProgressListener listener) {
        this.session = session;
        this.to = to;
        this.resume = resume;
        this.results = results;
        this.listener = listener;
    }

    public Result up() throws Exception {
        History history = session.history();
        try (AutoCloseable lock = session.lock(FolderSession.LOCK_WAIT)) {
            history.create();
            FolderState state = session.state();
            List<Applied> applied = new ArrayList<>();
            VersionFile resumed = null;
            if (state.failed().isPresent()) {
                FolderState.Line failed = state.failed().get();
                boolean undo = failed.entry().type().startsWith("UNDO_");
                if (!resume || undo || failed.file() == null || !failed.file().groovy()) {
                    throw new RunRefused(failed.label() + (undo ? "'s undo" : "") + " failed on " + History.shown(failed.entry().installedOn())
                            + "; nothing more is applied until it is dealt with: "
                            + (undo ? "" : "`up --resume` goes on with a data version where it stopped, ")
                            + "`repair` forgets the failure (after you put right by hand what it did)");
                }
                resumed = failed.file();
                try (Connection c = session.target().connection()) {
                    history.remove(c, failed.entry().rank());
                }
                state = session.state();
            }
            List<String> problems = state.problems();
            if (!problems.isEmpty()) {
                throw new RunRefused("the target does not match the folder, so nothing is applied: " + String.join("; ", problems));
            }
            List<VersionFile> due = new ArrayList<>(state.pending(to));
            if (resumed != null && !due.contains(resumed)) {
                due.add(0, resumed);
            }
            if (to == null) {
                due.addAll(state.repeatablesDue());
            }
            int rank = state.nextRank();
            for (VersionFile file : due) {
                Applied one = apply(file, rank++, file == resumed ? Start.RESUME : Start.FRESH);
                applied.add(one);
                if (!one.success()) {
                    return new Result(session.folder().name(), applied, one.label() + " failed: " + one.error());
                }
            }
            return new Result(session.folder().name(), applied, null);
        }
    }

    private Applied apply(VersionFile file, int rank, Start start) throws IOException, SQLException {
        long clock = System.nanoTime();
        Database target = session.target();
        History history = session.history();
        boolean transactional = target.dialect().transactionalDdl();
        long rows = 0;
        String error = null;
        try (Connection c = target.connection()) {
            try {
                c.setAutoCommit(!transactional);
                rows = new VersionRun(session, results, listener).run(file, c, start);
                history.add(c, entry(file, rank, clock, rows, true));
                if (transactional) {
                    c.commit();
                }
            } catch (VersionRun.Failure e) {
                error = e.getMessage();
                rows = e.rows;
            } catch (SQLException | RuntimeException e) {
                error = Secrets.scrub(Engine.oneLine(e));
            }
            if (error != null && transactional) {
                try {
                    c.rollback();
                } catch (SQLException gone) {
                    // a connection that is gone committed nothing of the version
                }
            }
            try {
                c.setAutoCommit(true);
            } catch (SQLException gone) {
                // closed below either way
            }
        }
        if (error != null) {
            // on a connection of its own: the version's may have been idle through a long data move, or be gone
            try (Connection f = target.connection()) {
                history.add(f, entry(file, rank, clock, rows, false));
            } catch (SQLException e) {
                throw new SQLException(file.label() + " failed (" + error + ") and the failure could not be recorded in "
                        + history.qualifiedName() + ": " + Secrets.scrub(Engine.oneLine(e)), e);
            }
        }
        return new Applied(file.version() == null ? null : file.version().text(), file.description(), file.type(), error == null,
                (System.nanoTime() - clock) / 1_000_000, rows, error);
    }

    private History.Entry entry(VersionFile file, int rank, long clock, long rows, boolean success) {
        return entry(session, file, rank, clock, rows, success);
    }

    /** The history's record of {@code file}, run from {@code clock} (System.nanoTime) until now. */
    static History.Entry entry(FolderSession session, VersionFile file, int rank, long clock, long rows, boolean success) {
        return new History.Entry(rank, file.version() == null ? null : file.version().text(), file.description(), file.type(), file.script(),
                file.checksum(), session.installedBy(), Instant.now(),
                (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - clock) / 1_000_000), rows, success);
    }
}
