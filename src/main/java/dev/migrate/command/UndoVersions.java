package dev.migrate.command;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import dev.migrate.engine.Engine;
import dev.migrate.engine.ProgressListener;
import dev.migrate.engine.Start;
import dev.migrate.journal.RunRefused;
import dev.migrate.versions.FolderSession;
import dev.migrate.versions.FolderState;
import dev.migrate.versions.History;
import dev.migrate.versions.Version;
import dev.migrate.versions.VersionFile;

/**
 * {@code down}: runs the undo files of the newest applied versions, newest first, and removes their history entries
 * (in the undo's transaction where DDL is transactional). Every version to undo must have its undo file, or nothing is
 * undone. An undo that fails is recorded as a failed entry of that version, so that {@code up} stops until it is
 * repaired; the versions before it stay as they were.
 */
public final class UndoVersions {

    private final FolderSession session;
    private final Version to;
    private final int steps;
    private final Path results;
    private final ProgressListener listener;

    /** @param to undo every version above this one; else the newest {@code steps} */
    public UndoVersions(FolderSession session, Version to, int steps, Path results, ProgressListener listener) {
        this.session = session;
        this.to = to;
        this.steps = steps;
        this.results = results;
        this.listener = listener;
    }

    public ApplyVersions.Result down() throws Exception {
        History history = session.history();
        try (AutoCloseable lock = session.lock(FolderSession.LOCK_WAIT)) {
            FolderState state = session.state();
            if (state.failed().isPresent()) {
                FolderState.Line failed = state.failed().get();
                throw new RunRefused(failed.label() + " failed on " + History.shown(failed.entry().installedOn())
                        + "; repair it (or undo what it did by hand and run repair) before anything is undone");
            }
            List<FolderState.Line> applied = new ArrayList<>(state.lines().stream()
                    .filter(l -> l.version() != null && l.entry() != null && l.entry().success() && !l.entry().baseline()).toList());
            Collections.reverse(applied);
            List<FolderState.Line> chosen = to != null
                    ? applied.stream().filter(l -> Version.parse(l.version()).compareTo(to) > 0).toList()
                    : applied.subList(0, Math.min(steps, applied.size()));
            List<String> missing = new ArrayList<>();
            List<VersionFile> undos = new ArrayList<>();
            for (FolderState.Line l : chosen) {
                Optional<VersionFile> undo = session.folder().undo(Version.parse(l.version()));
                if (undo.isEmpty()) {
                    missing.add(l.label() + " has no undo file (U" + l.version() + "__" + l.description().replace(' ', '_') + ".sql or .groovy)");
                } else {
                    undos.add(undo.get());
                }
            }
            if (!missing.isEmpty()) {
                throw new RunRefused(String.join("; ", missing) + "; nothing was undone");
            }
            List<ApplyVersions.Applied> done = new ArrayList<>();
            int rank = state.nextRank();
            for (int i = 0; i < chosen.size(); i++) {
                ApplyVersions.Applied one = undo(chosen.get(i), undos.get(i), history, rank++);
                done.add(one);
                if (!one.success()) {
                    return new ApplyVersions.Result(session.folder().name(), done, "the undo of " + one.label() + " failed: " + one.error());
                }
            }
            return new ApplyVersions.Result(session.folder().name(), done, null);
        }
    }

    private ApplyVersions.Applied undo(FolderState.Line line, VersionFile file, History history, int rank) throws Exception {
        long clock = System.nanoTime();
        boolean transactional = session.target().dialect().transactionalDdl();
        String error = null;
        long rows = 0;
        try (Connection c = session.target().connection()) {
            c.setAutoCommit(!transactional);
            try {
                rows = new VersionRun(session, results, listener).run(file, c, Start.FRESH);
                history.remove(c, line.entry().rank());
                if (transactional) {
                    c.commit();
                }
            } catch (VersionRun.Failure e) {
                error = e.getMessage();
            } catch (SQLException | RuntimeException e) {
                error = Engine.oneLine(e);
            }
            if (error != null) {
                if (transactional) {
                    c.rollback();
                }
                c.setAutoCommit(true);
                history.add(c, ApplyVersions.entry(session, file, rank, clock, rows, false));
            }
            c.setAutoCommit(true);
        }
        return new ApplyVersions.Applied(line.version(), line.description(), file.type(), error == null, (System.nanoTime() - clock) / 1_000_000,
                rows, error);
    }
}
