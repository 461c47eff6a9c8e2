package dev.migrate.command;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.migrate.connect.RecordingTarget;
import dev.migrate.diff.SchemaPlan;
import dev.migrate.engine.Engine;
import dev.migrate.journal.RunRefused;
import dev.migrate.plan.MigrationPlan;
import dev.migrate.versions.FolderSession;
import dev.migrate.versions.FolderState;
import dev.migrate.versions.History;
import dev.migrate.versions.SqlScript;
import dev.migrate.versions.Version;
import dev.migrate.versions.VersionFile;

/**
 * {@code up --sql FILE}: the SQL {@code up} would run, written out and run nowhere (Alembic's offline mode): the
 * history table where it is missing; each pending version's statements — a SQL file's as {@code up} cuts them, a
 * Groovy version's schema steps as its code issues them to a target that only writes them down (its reads run), the
 * DDL a data version's run executes — and the history row each one adds. A data version's rows move through the
 * engine; the file says so. It refuses what {@code up} refuses.
 */
public final class OfflineVersions {

    private final FolderSession session;
    private final Version to;

    public OfflineVersions(FolderSession session, Version to) {
        this.session = session;
        this.to = to;
    }

    /** The SQL, and the versions it covers. */
    public record Offline(String sql, List<String> versions) {
    }

    public Offline sql() throws Exception {
        History history = session.history();
        FolderState state = session.state();
        if (state.failed().isPresent()) {
            throw new RunRefused(state.failed().get().label() + " failed; up applies nothing until it is dealt with (repair, down or up --resume)");
        }
        if (!state.problems().isEmpty()) {
            throw new RunRefused("the target does not match the folder, so up would apply nothing: " + String.join("; ", state.problems()));
        }
        List<VersionFile> due = new ArrayList<>(state.pending(to));
        if (to == null) {
            due.addAll(state.repeatablesDue());
        }
        String dialect = session.target().dialect().name();
        StringBuilder out = new StringBuilder("-- What bin/migrate up ").append(session.folder().name()).append(" runs on ")
                .append(session.folder().target().safeUrl()).append(", written ").append(History.shown(Instant.now()))
                .append(". Nothing was run.\n");
        if (!history.exists()) {
            statement(out, history.createStatement(), dialect);
        }
        List<String> versions = new ArrayList<>();
        int rank = state.nextRank();
        boolean before = false;
        for (VersionFile file : due) {
            out.append("\n-- ").append(file.label()).append(file.version() == null ? "" : " (" + file.description() + ")").append(": ")
                    .append(file.script()).append('\n');
            if (!file.groovy()) {
                for (String s : new SqlScript(dialect).statements(file.text())) {
                    statement(out, s, dialect);
                }
            } else {
                RecordingTarget recording = new RecordingTarget();
                MigrationPlan plan = null;
                String failed = null;
                try (Connection c = recording.wrap(session.target().connection())) {
                    plan = new VersionRun(session, null, null).evaluate(file, c);
                } catch (SQLException | RuntimeException e) {
                    failed = Engine.oneLine(e);
                }
                for (String s : recording.statements()) {
                    statement(out, s, dialect);
                }
                if (failed != null) {
                    // its code reads what the versions above it make: what it writes is known only once they are applied
                    out.append("-- its code stopped here against the target as it is now (").append(failed.replace('\n', ' '))
                            .append("); the rest of what it runs is known once the versions above are applied\n");
                }
                if (plan != null) {
                    out.append("-- a data move: migration '").append(plan.name()).append("' moves its rows through the engine\n");
                    if (before) {
                        out.append("-- the DDL its run executes depends on the versions above; bin/migrate plan shows it once they are applied\n");
                    } else {
                        SchemaPlan ddl = Migrate.plan(plan);
                        for (String s : ddl.ddl()) {
                            statement(out, s, dialect);
                        }
                    }
                }
            }
            statement(out, history.insertStatement(ApplyVersions.entry(session, file, rank++, System.nanoTime(), 0, true)), dialect);
            versions.add(file.label());
            before = true;
        }
        if (due.isEmpty()) {
            out.append("\n-- nothing to apply: the target is up to date\n");
        }
        return new Offline(out.toString(), versions);
    }

    /** One statement as the target's own client takes it: {@code ;}, a PL/SQL block's {@code /}, SQL Server's GO. */
    private static void statement(StringBuilder out, String sql, String dialect) {
        String s = sql.strip();
        if (SqlScript.COPY_IN.matcher(s).matches()) {
            // psql's COPY ... FROM stdin with its rows and \., as psql takes it
            out.append(s).append('\n');
        } else if (dialect.equals("SQL Server")) {
            out.append(s).append("\nGO\n");
        } else if (dialect.equals("Oracle") && s.endsWith(";")) {
            out.append(s).append("\n/\n");
        } else {
            out.append(s).append(s.endsWith(";") ? "\n" : ";\n");
        }
    }
}
