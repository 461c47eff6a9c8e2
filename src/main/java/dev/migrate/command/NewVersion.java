package dev.migrate.command;

import java.math.BigInteger;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import dev.migrate.journal.RunRefused;
import dev.migrate.plan.MigrationPlan;
import dev.migrate.plan.ScriptLocation;
import dev.migrate.session.Session;
import dev.migrate.versions.MigrationsFolder;
import dev.migrate.versions.VersionFile;

/**
 * {@code new}: the folder's next version, written from the difference between its source and its target as they are
 * now — every source table moved, a TODO at each difference to decide (the scaffold, as a version without
 * connections). The version is the next whole number after the folder's newest.
 */
public final class NewVersion {

    /** The file written, and how many decisions it leaves. */
    public record Written(Path file, long todo) {
    }

    private final MigrationsFolder folder;
    private final String description;

    public NewVersion(MigrationsFolder folder, String description) {
        this.folder = folder;
        this.description = description;
    }

    public Written write() throws Exception {
        String words = description == null ? "" : description.trim();
        if (words.isEmpty() || !words.matches("[\\p{L}\\p{N} _-]+")) {
            throw new IllegalArgumentException("a version's description is words (letters, digits, spaces, - and _), not '" + description + "'");
        }
        if (folder.source() == null) {
            throw new RunRefused(MigrationsFolder.CONFIG + " has no source { } block: new writes a data move from the source to the target");
        }
        BigInteger next = folder.versioned().stream().map(f -> f.version().parts().get(0)).max(BigInteger::compareTo)
                .orElse(BigInteger.ZERO).add(BigInteger.ONE);
        Path file = folder.dir().resolve("V" + next + "__" + words.replace(' ', '_') + ".groovy");
        MigrationPlan plan = new MigrationPlan(words, file.getFileName().toString(), folder.source(), folder.target(), folder.settings(),
                List.of(), List.of(), List.of(), List.of(), List.of(), new ScriptLocation(file.getFileName().toString(), 0));
        ScaffoldMigration.Scaffold scaffold;
        try (Session session = Session.open(plan, 2, 2)) {
            scaffold = new ScaffoldMigration(session).scaffold(true);
        }
        try {
            Files.writeString(file, scaffold.script(), StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            throw new RunRefused(file + " exists already; nothing was written");
        }
        // what up will read: a name it accepts
        VersionFile.of(file).orElseThrow();
        return new Written(file, scaffold.todo());
    }
}
