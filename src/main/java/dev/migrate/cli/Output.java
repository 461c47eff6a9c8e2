package dev.migrate.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Stack;

import dev.migrate.report.Json;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * How a command speaks (a mixin of every command that reports). By default its text for people goes to standard
 * output. {@code --json} puts its JSON report there instead, and nothing else: the text goes to standard error, as
 * the logs and the progress always do. {@code --quiet} prints nothing when all went well, and only what went wrong
 * otherwise, on standard error. Neither changes what is written to the results folder.
 */
final class Output {

    /** What {@code --json} alone means: standard output. */
    static final Path STDOUT = Path.of("-");

    @Option(names = "--json", arity = "0..1", paramLabel = "FILE", parameterConsumer = JsonTarget.class,
            description = "print the JSON report on standard output and nothing else there (the text goes to standard error);"
                    + " --json FILE.json writes it to that file instead")
    Path json;

    @Option(names = {"-q", "--quiet"}, description = "print nothing when all went well, only what went wrong; no progress")
    boolean quiet;

    /** Applies --quiet to the logging: warnings and errors only. */
    void begin() {
        Main.quiet(quiet);
    }

    /** Whether the JSON goes to standard output (then nothing else goes there). */
    boolean jsonOnStdout() {
        return STDOUT.equals(json);
    }

    /** Where the text for people goes: standard output, standard error under --json, nowhere under --quiet. */
    PrintStream text() {
        if (quiet) {
            return new PrintStream(OutputStream.nullOutputStream());
        }
        return jsonOnStdout() ? System.err : System.out;
    }

    /** Where what went wrong goes: with the text, or on standard error under --quiet. */
    PrintStream problems() {
        return quiet ? System.err : text();
    }

    /** The JSON report, to standard output or the file --json names; nothing without --json. */
    void json(Object report) throws IOException {
        if (json == null) {
            return;
        }
        if (jsonOnStdout()) {
            System.out.println(Json.indented().writeValueAsString(report));
            System.out.flush();
            return;
        }
        Path parent = json.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Json.indented().writeValue(json.toFile(), report);
    }

    /**
     * The results folder: the one given, or {@code results} next to the script (or the migrations folder), wherever the
     * command was started from, so that the reports of a script stay together.
     */
    static Path results(Path given, Path script) {
        if (given != null) {
            return given;
        }
        Path beside = script == null ? null : script.toAbsolutePath().normalize().getParent();
        Path here = Path.of("").toAbsolutePath();
        if (beside == null || beside.equals(here)) {
            return Path.of("results");
        }
        // shown as the user would type it: relative to where the command was started when it is below it
        return (beside.startsWith(here) ? here.relativize(beside) : beside).resolve("results");
    }

    /**
     * {@code --json} alone is standard output; the word after it is its file only when it is {@code -} or ends in
     * {@code .json}, so that {@code --json shop.groovy} leaves the script where it is.
     */
    static final class JsonTarget implements IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
            String next = args.isEmpty() ? null : args.peek();
            if (next != null && (next.equals("-") || next.toLowerCase(Locale.ROOT).endsWith(".json"))) {
                args.pop();
                argSpec.setValue(Path.of(next));
            } else {
                argSpec.setValue(STDOUT);
            }
        }
    }
}
