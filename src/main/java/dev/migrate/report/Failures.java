package dev.migrate.report;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** A failure as one line about its real cause, for messages and reports. */
public final class Failures {

    private Failures() {
    }

    /**
     * The first line of the message of the failure's real cause: wrappers that only carry another exception
     * (a thread's, a reflective call's, or one whose message is its cause's) are looked through, and a file
     * system failure says what is wrong with which file.
     */
    public static String oneLine(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t && isWrapper(t)) {
            t = t.getCause();
        }
        if (t instanceof FileSystemException f) {
            return file(f);
        }
        String message = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage().strip();
        List<String> lines = message.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String first = lines.get(0);
        if (lines.size() > 1 && first.endsWith(":")) {
            // the line goes on below: "...; SQL statement:" and the statement
            return first + " " + lines.get(1);
        }
        if (lines.size() > 1 && lines.get(1).startsWith("Possible solutions: ")) {
            // Groovy's missing method: the nearest methods there are
            List<String> solutions = List.of(lines.get(1).substring("Possible solutions: ".length()).split(", "));
            return first + " (possible solutions: " + String.join(", ", solutions.subList(0, Math.min(3, solutions.size()))) + ")";
        }
        return first;
    }

    /** {@code /data/out is not a folder}: what is wrong with a file, which the exception says only by its type. */
    public static String file(FileSystemException e) {
        String file = e.getFile() == null ? "a file" : e.getFile();
        String other = e.getOtherFile() == null ? "" : " (and " + e.getOtherFile() + ")";
        if (e instanceof NoSuchFileException) {
            return file + other + ": no such file or folder";
        }
        if (e instanceof AccessDeniedException) {
            return file + other + ": permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return file + ": not a folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return file + ": already exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return file + ": the folder is not empty";
        }
        return file + other + ": " + (e.getReason() == null ? "cannot be used" : e.getReason());
    }

    private static boolean isWrapper(Throwable t) {
        return t instanceof CompletionException || t instanceof ExecutionException || t instanceof InvocationTargetException
                || t instanceof UndeclaredThrowableException || t.getMessage() == null || t.getMessage().isBlank()
                || t.getMessage().equals(t.getCause().toString());
    }
}
