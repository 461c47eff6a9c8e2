package dev.migrate.diff;

/**
 * One difference between the source (as the script maps it) and the target.
 *
 * @param table  the target table
 * @param column the column concerned, or null for the table itself
 * @param what   what differs, e.g. {@code type VARCHAR(200) -> VARCHAR(50)}
 * @param action what the tool does, or what the script must say
 */
public record Difference(String table, String column, Category category, String what, String action) {

    public String describe() {
        return "table " + table + (column == null ? "" : ", column " + column) + ": " + what + " -> " + action;
    }
}
