package dev.migrate.plan;

import java.util.regex.Pattern;

/** A table name or a pattern of names, as given to {@code exclude}. */
public record TableFilter(String name, Pattern pattern, ScriptLocation location) {

    public static TableFilter named(String name, ScriptLocation location) {
        return new TableFilter(name, null, location);
    }

    public static TableFilter matching(Pattern pattern, ScriptLocation location) {
        return new TableFilter(null, pattern, location);
    }

    public boolean matches(String table) {
        return pattern != null ? pattern.matcher(table).matches() : name.equalsIgnoreCase(table);
    }
}
