package dev.migrate.dialect.mysql;

import java.util.Arrays;
import java.util.Optional;

/**
 * MySQL and MariaDB keep each table in files named after it ({@code name.frm}, {@code name.ibd}), its name
 * written in their {@code filename} character set: A-Z, a-z, 0-9 and _ as they are, the letters below as
 * {@code @} and two characters, any other character as {@code @} and four hex digits. A file name holds 255
 * bytes, so a table name that takes more than 251 is refused ("File name too long") however few its
 * characters.
 */
final class TableFileName {

    static final int MAX_BYTES = 255 - ".frm".length();

    /** The characters written as {@code @} and two characters, as MariaDB 10.11's {@code filename} set has them. */
    private static final int[][] THREE_BYTES = Arrays.stream(("c0-d6 d8-f6 f8-12f 131-1be 1c4 1c6-1c7 1c9-1ca 1cc-1f1 1f3-1f6 1f8-241"
            + " 250-2af 386 388-38a 38c 38e-3a1 3a3-3ce 3d0-3d7 3d9-3f3 3f5-3f6 3f8 3fb-481 48a-4ce 4d0-4f9 500-50f 531-555"
            + " 561-585 1e00-1e9b 1ea0-1ef9 1f00-1f15 1f18-1f1d 1f20-1f45 1f48-1f4d 1f50-1f57 1f59 1f5b 1f5d 1f5f-1f7d"
            + " 1f80-1fb4 1fb6-1fbc 1fc2-1fc4 1fc6-1fcc 1fd0-1fd3 1fd6-1fdb 1fe0-1fec 1ff2-1ff3 1ff6-1ffc 2160-217f 24b6-24e9"
            + " ff21-ff3a ff41-ff5a").split(" "))
            .map(range -> Arrays.stream(range.split("-")).mapToInt(hex -> Integer.parseInt(hex, 16)).toArray())
            .toArray(int[][]::new);

    private TableFileName() {
    }

    /** Why the table's files cannot be named after it; empty when they can. */
    static Optional<String> problem(String database, String table) {
        if (table.startsWith("#mysql50#")) {
            return Optional.of("name beginning with #mysql50#, which " + database + " reads as an old file name");
        }
        int bytes = bytes(table);
        return bytes <= MAX_BYTES ? Optional.empty() : Optional.of("name of " + bytes + " bytes as a file name (each character but A-Z, a-z,"
                + " 0-9 and _ takes 3 or 5); " + database + " holds at most " + MAX_BYTES);
    }

    static int bytes(String table) {
        return table.codePoints().map(TableFileName::bytes).sum();
    }

    private static int bytes(int c) {
        if (c < 128 && (Character.isLetterOrDigit(c) || c == '_')) {
            return 1;
        }
        for (int[] range : THREE_BYTES) {
            if (c >= range[0] && c <= range[range.length - 1]) {
                return 3;
            }
        }
        return 5;
    }
}
