package dev.migrate.cli;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Stack;

import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * A password option given alone asks for the password: on the terminal with echo off, or, without one, with the
 * prompt on stderr and the password read as one line of stdin (picocli would print the prompt on stdout, into a
 * script printed there). A value on the command line is refused: anyone on the machine can read it in the
 * process list.
 */
final class PasswordPrompt implements IParameterPreprocessor {

    @Override
    public boolean preprocess(Stack<String> args, CommandSpec command, ArgSpec argSpec, Map<String, Object> info) {
        String option = ((OptionSpec) argSpec).longestName();
        String side = option.substring(2, option.indexOf('-', 2));
        // picocli gives the separator it met: '=' for --option=value, a space otherwise
        boolean attached = !String.valueOf(info.get("separator")).isBlank();
        boolean followedByValue = !args.isEmpty() && !isOption(command, args.peek());
        if (attached || followedByValue) {
            throw new ParameterException(command.commandLine(), option + " takes no value: a password on the command line shows in the"
                    + " process list; give " + option + " alone to be asked for it, or set MIGRATE_" + side.toUpperCase() + "_PASSWORD");
        }
        argSpec.setValue(read(side + " password: "));
        return true;
    }

    private static boolean isOption(CommandSpec command, String arg) {
        String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        return command.optionsMap().containsKey(name) || arg.equals("--");
    }

    private static String read(String prompt) {
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("%s", prompt);
            return typed == null ? "" : new String(typed);
        }
        System.err.print(prompt);
        System.err.flush();
        try {
            // byte by byte, so that the next prompt reads the next line
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = System.in.read(); b != -1 && b != '\n'; b = System.in.read()) {
                line.write(b);
            }
            return line.toString(StandardCharsets.UTF_8).replaceFirst("\r$", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
