package dev.migrate.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.migrate.report.Failures;
import dev.migrate.versions.Version;

/** A wrong option value, named in the message: exit 2. */
final class UsageError extends RuntimeException {
    UsageError(String message) {
        super(message);
    }

    /**
     * The folder an option names, made now: a run must not move every row and then fail on where its report goes.
     * One that cannot be made is a usage error naming the option.
     */
    static Path folder(String option, Path folder) {
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UsageError(option + " " + (e instanceof FileSystemException f ? Failures.file(f) : folder + ": " + Failures.oneLine(e)));
        }
    }

    /** A version an option names ({@code --to 2.1}); a usage error naming the option when it is not one. */
    static Version version(String option, String text) {
        try {
            return Version.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageError(option + ": " + e.getMessage());
        }
    }
}
