package dev.migrate.command;

import java.sql.Connection;
import java.time.Instant;

import dev.migrate.journal.RunRefused;
import dev.migrate.versions.FolderSession;
import dev.migrate.versions.History;
import dev.migrate.versions.Version;

/**
 * {@code baseline}: marks a database that already has its schema as being at a version, so that {@code up} applies
 * only the versions after it. Only a target whose history is empty can be given a baseline.
 */
public final class BaselineVersions {

    public static final String DESCRIPTION = "<< baseline >>";

    private final FolderSession session;
    private final Version version;

    public BaselineVersions(FolderSession session, Version version) {
        this.session = session;
        this.version = version;
    }

    public String baseline() throws Exception {
        History history = session.history();
        try (AutoCloseable lock = session.lock(FolderSession.LOCK_WAIT)) {
            history.create();
            if (!history.entries().isEmpty()) {
                throw new RunRefused(history.qualifiedName() + " already holds " + history.entries().size()
                        + " entr(ies): a baseline marks a database whose history is empty");
            }
            try (Connection c = session.target().connection()) {
                history.add(c, new History.Entry(1, version.text(), DESCRIPTION, "BASELINE", DESCRIPTION, null, session.installedBy(),
                        Instant.now(), 0, 0, true));
            }
            return "baseline: " + history.qualifiedName() + " marks the target as at version " + version
                    + "; up applies the versions after it";
        }
    }
}
