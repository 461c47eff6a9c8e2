package dev.migrate.command;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.migrate.connect.Database;
import dev.migrate.connect.ReadOnlySource;
import dev.migrate.dialect.Role;
import dev.migrate.dsl.MigrationScript;
import dev.migrate.dsl.ScriptContext;
import dev.migrate.dsl.ScriptLoader;
import dev.migrate.dsl.VersionScript;
import dev.migrate.engine.Engine;
import dev.migrate.engine.MigrationResult;
import dev.migrate.engine.ProgressListener;
import dev.migrate.engine.Start;
import dev.migrate.engine.TableResult;
import dev.migrate.journal.RunRefused;
import dev.migrate.plan.MigrationPlan;
import dev.migrate.plan.ScriptError;
import dev.migrate.versions.FolderSession;
import dev.migrate.versions.FolderState;
import dev.migrate.versions.History;
import dev.migrate.versions.SqlScript;
import dev.migrate.versions.Version;
import dev.migrate.versions.VersionFile;
import groovy.sql.Sql;

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
                if (!resume || failed.file() == null || !failed.file().groovy()) {
                    throw new RunRefused(failed.label() + " failed on " + History.shown(failed.entry().installedOn())
                            + "; nothing more is applied until it is dealt with: `up --resume` goes on with a data version where it stopped,"
                            + " `repair` forgets the failure (after you undo what it did), `down` runs its undo");
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
        Connection c = target.connection();
        try {
            c.setAutoCommit(!transactional);
            try {
                if (file.groovy()) {
                    rows = groovy(file, c, start);
                } else {
                    sql(file, c);
                }
                history.add(c, entry(file, rank, clock, rows, true));
                if (transactional) {
                    c.commit();
                }
            } catch (VersionFailure e) {
                error = e.getMessage();
                rows = e.rows;
            } catch (SQLException | RuntimeException e) {
                error = Engine.oneLine(e);
            }
            if (error != null) {
                if (transactional) {
                    c.rollback();
                }
                // the failure is recorded on its own, whatever the version's transaction did
                c.setAutoCommit(true);
                history.add(c, entry(file, rank, clock, rows, false));
            }
        } finally {
            c.setAutoCommit(true);
            c.close();
        }
        Applied applied = new Applied(file.version() == null ? null : file.version().text(), file.description(), file.type(), error == null,
                (System.nanoTime() - clock) / 1_000_000, rows, error);
        return applied;
    }

    private History.Entry entry(VersionFile file, int rank, long clock, long rows, boolean success) {
        String user = session.folder().target().user();
        return new History.Entry(rank, file.version() == null ? null : file.version().text(), file.description(), file.type(), file.script(),
                file.checksum(), user == null ? System.getProperty("user.name", "") : user, Instant.now(),
                (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - clock) / 1_000_000), rows, success);
    }

    private void sql(VersionFile file, Connection c) throws IOException, SQLException {
        List<String> statements = new SqlScript(session.target().dialect().name()).statements(file.text());
        int n = 0;
        for (String statement : statements) {
            n++;
            try (Statement s = c.createStatement()) {
                s.execute(statement);
            } catch (SQLException e) {
                throw new VersionFailure(file.script() + ", statement " + n + " of " + statements.size() + " (" + firstLine(statement) + "): "
                        + Engine.oneLine(e), 0);
            }
        }
    }

    /**
     * A Groovy version: its schema steps run on {@code c} as {@code target}; the migration it declares, if any, moves
     * its rows through the engine once they are committed.
     */
    private long groovy(VersionFile file, Connection c, Start start) throws SQLException {
        Map<String, Object> variables = new HashMap<>();
        Sql target = new Sql(c);
        variables.put("target", target);
        Database source = session.folder().source() == null ? null : Database.open(session.folder().source(), Role.SOURCE, 1);
        try {
            if (source != null) {
                DataSource read = ReadOnlySource.of(source.dataSource());
                variables.put("source", new Sql(read));
            }
            ScriptContext context = new ScriptContext(file.script(), null, session.folder().settings());
            context.setFolderSource(session.folder().source());
            context.setFolderTarget(session.folder().target());
            MigrationScript script;
            try {
                script = new ScriptLoader().evaluate(file.file(), VersionScript.class, context, variables);
            } catch (ScriptError e) {
                throw new VersionFailure(e.getMessage(), 0);
            }
            MigrationPlan plan = script.getPlan();
            if (plan == null) {
                return 0;
            }
            if (!c.getAutoCommit()) {
                // the schema steps before the move are the version's; its rows commit partition by partition
                c.commit();
            }
            MigrationResult result = Migrate.run(plan, listener, results, start);
            long rows = result.tables().stream().mapToLong(TableResult::rowsWritten).sum();
            if (!result.succeeded()) {
                String why = result.error() != null ? result.error()
                        : result.tables().stream().filter(t -> t.status() != TableResult.Status.DONE)
                        .map(t -> t.table() + " " + t.status().toString().toLowerCase(java.util.Locale.ROOT)).reduce((a, b) -> a + ", " + b).orElse("");
                throw new VersionFailure(file.script() + ": the data move did not finish (" + why + "); `up --resume` goes on with it", rows);
            }
            return rows;
        } finally {
            if (source != null) {
                source.close();
            }
        }
    }

    private static String firstLine(String statement) {
        String line = statement.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("--")).findFirst().orElse("");
        return line.length() > 60 ? line.substring(0, 57) + "..." : line;
    }

    /** A version that failed, with what it had moved. */
    private static final class VersionFailure extends RuntimeException {

        final long rows;

        VersionFailure(String message, long rows) {
            super(message);
            this.rows = rows;
        }
    }
}
