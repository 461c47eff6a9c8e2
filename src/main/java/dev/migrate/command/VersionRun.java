package dev.migrate.command;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import dev.migrate.plan.MigrationPlan;
import dev.migrate.plan.ScriptError;
import dev.migrate.plan.Secrets;
import dev.migrate.versions.FolderSession;
import dev.migrate.versions.SqlScript;
import dev.migrate.versions.VersionFile;
import groovy.sql.Sql;

/**
 * Runs one file of a folder on a connection to the target: a SQL file statement by statement, a Groovy one as a
 * schema step (with {@code target}, and {@code source} where the folder has one) and, where it declares a migration,
 * that migration through the engine once the steps before it are committed. Returns the rows it moved; a
 * {@link Failure} naming the file (and the statement) when it fails.
 */
final class VersionRun {

    /** A Groovy version's code that reads the source. */
    private static final Pattern SOURCE = Pattern.compile("\\bsource\\s*\\.");

    /** Where psql's COPY starts in a statement that may open with comments. */
    private static final Pattern COPY = Pattern.compile("(?im)^\\s*COPY\\s");

    private final FolderSession session;
    private final Path results;
    private final ProgressListener listener;

    VersionRun(FolderSession session, Path results, ProgressListener listener) {
        this.session = session;
        this.results = results;
        this.listener = listener;
    }

    long run(VersionFile file, Connection c, Start start) throws IOException, SQLException {
        if (file.groovy()) {
            return groovy(file, c, start);
        }
        sql(file, c);
        return 0;
    }

    private void sql(VersionFile file, Connection c) throws IOException, SQLException {
        List<String> statements = new SqlScript(session.target().dialect().name()).statements(file.text());
        int n = 0;
        for (String statement : statements) {
            n++;
            if (statement.startsWith("\\")) {
                throw new Failure(file.script() + ", statement " + n + " of " + statements.size() + " (" + firstLine(statement)
                        + "): a psql command, not SQL; of psql's commands only pg_dump's \\restrict and \\unrestrict are passed over", 0);
            }
            try (Statement s = c.createStatement()) {
                if (SqlScript.COPY_IN.matcher(statement).matches()) {
                    // psql's COPY ... FROM stdin: from COPY (past the comments before it, which may hold ';') to its ';',
                    // its rows after that line
                    Matcher copy = COPY.matcher(statement);
                    copy.find();
                    int end = statement.indexOf(';', copy.start());
                    int rows = statement.indexOf('\n', end);
                    String data = rows < 0 ? "" : statement.substring(rows + 1).replaceFirst("(?s)\\\\\\.\\s*$", "");
                    session.target().dialect().copyIn(c, statement.substring(copy.start(), end), new StringReader(data));
                } else {
                    s.execute(statement);
                }
            } catch (SQLException e) {
                throw new Failure(Secrets.scrub(file.script() + ", statement " + n + " of " + statements.size() + " (" + firstLine(statement) + "): "
                        + Engine.oneLine(e)), 0);
            }
        }
    }

    /**
     * A Groovy version: its schema steps run on {@code c} as {@code target}; the migration it declares, if any, moves
     * its rows through the engine once they are committed.
     */
    private long groovy(VersionFile file, Connection c, Start start) throws SQLException {
        MigrationPlan plan = evaluate(file, c);
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
                    .map(t -> t.table() + " " + t.status().toString().toLowerCase(Locale.ROOT)).reduce((a, b) -> a + ", " + b).orElse("");
            throw new Failure(file.script() + ": the data move did not finish (" + why + "); `up --resume` goes on with it", rows);
        }
        return rows;
    }

    /**
     * Runs a Groovy version's code with {@code target} on {@code c} (and {@code source}, read only, where the folder
     * has one): its schema steps, and the migration it declares, returned (null when it declares none).
     */
    MigrationPlan evaluate(VersionFile file, Connection c) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("target", new Sql(c));
        // the source is opened for code that names it: a schema step runs when the legacy source is long gone
        boolean named;
        try {
            named = SOURCE.matcher(file.text()).find();
        } catch (IOException e) {
            throw new Failure(file.script() + ": " + e.getMessage(), 0);
        }
        Database source = session.folder().source() == null || !named ? null : Database.open(session.folder().source(), Role.SOURCE, 1);
        try {
            if (source != null) {
                DataSource read = ReadOnlySource.of(source.dataSource());
                variables.put("source", new Sql(read));
            }
            ScriptContext context = new ScriptContext(file.script(), null, session.folder().settings());
            context.setFolderSource(session.folder().source());
            context.setFolderTarget(session.folder().target());
            try {
                MigrationScript script = new ScriptLoader().evaluate(file.file(), VersionScript.class, context, variables);
                return script.getPlan();
            } catch (ScriptError e) {
                throw new Failure(Secrets.scrub(e.getMessage()), 0);
            }
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
    static final class Failure extends RuntimeException {

        final long rows;

        Failure(String message, long rows) {
            super(message);
            this.rows = rows;
        }
    }
}
