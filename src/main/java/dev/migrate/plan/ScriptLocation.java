package dev.migrate.plan;

/** Where in a migration script something was said: the file's name and a 1-based line (0 when unknown). */
public record ScriptLocation(String file, int line) {

    public static final ScriptLocation UNKNOWN = new ScriptLocation("", 0);

    /** The prefix of every message about a script: {@code (shop.groovy, line 14) }. */
    public String prefix() {
        if (file.isEmpty()) {
            return "";
        }
        return line > 0 ? "(" + file + ", line " + line + ") " : "(" + file + ") ";
    }
}
