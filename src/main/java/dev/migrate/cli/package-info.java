/** The command line: {@code bin/migrate [run] script.groovy [options]}, exit codes, what is printed. */
package dev.migrate.cli;
