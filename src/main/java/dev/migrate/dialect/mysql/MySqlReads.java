package dev.migrate.dialect.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.migrate.schema.ColumnInfo;
import dev.migrate.schema.SchemaSnapshot;
import dev.migrate.schema.TableInfo;
import dev.migrate.transfer.UnreadableValue;
import dev.migrate.transfer.ValueKind;
import dev.migrate.transfer.ValueReader;

/**
 * Reading MySQL text and dates without changing them. Sessions get their text in utf8mb4, converted by the server
 * with its own tables: decoded by Java instead, MySQL's latin1 would lose the five bytes Java's Cp1252 leaves out
 * (0x81, 0x8D, 0x8F, 0x90, 0x9D, control characters to MySQL), and greek or hebrew would read as other characters.
 * The server sends {@code ?} for a byte that is no character of its column's character set (0x81 in cp1250, any
 * byte above 0x7F in ascii); in the character sets that have such bytes, each value is converted back on the server
 * and compared, and one that does not survive comes as its bytes, to be rejected. A date that does not exist
 * (2024-02-30, stored under {@code ALLOW_INVALID_DATES}) is rejected too, rather than failing the read.
 */
final class MySqlReads {

    /**
     * Character sets in which every byte the server stores is a character it converts to Unicode and back, so
     * that their values need no check (MariaDB's tables, probed byte by byte in MySqlCharacterSetSpec).
     */
    static final Set<String> EXACT = Set.of("utf8mb4", "utf8mb3", "utf8", "ucs2", "utf16", "utf16le", "utf32", "binary",
            "latin1", "latin2", "latin5", "latin7", "cp850", "cp852", "cp866", "koi8r", "koi8u", "armscii8", "keybcs2",
            "macce", "macroman", "tis620");

    /** Starts a value that did not survive the round trip; no character set outside Unicode has U+FFFF. */
    private static final char NOT_TEXT = '\uFFFF';

    private MySqlReads() {
    }

    /** The snapshot with each text column's character set, as information_schema tells it. */
    static SchemaSnapshot withCharacterSets(Connection connection, SchemaSnapshot snapshot) throws SQLException {
        Map<String, String> charsets = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT table_name, column_name, character_set_name"
                + " FROM information_schema.columns WHERE table_schema = ? AND character_set_name IS NOT NULL")) {
            statement.setString(1, snapshot.schema() != null ? snapshot.schema() : connection.getCatalog());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    charsets.put(rs.getString(1) + "." + rs.getString(2), rs.getString(3).toLowerCase(Locale.ROOT));
                }
            }
        }
        List<TableInfo> tables = snapshot.tables().stream().map(t -> t.withColumns(t.columns().stream()
                .map(c -> c.withCharacterSet(charsets.get(t.name() + "." + c.name())))
                .toList())).toList();
        return new SchemaSnapshot(snapshot.schema(), tables);
    }

    private static boolean checked(ColumnInfo column) {
        return column.characterSet() != null && !EXACT.contains(column.characterSet());
    }

    /** The column as selected: itself, or checked by a round trip through utf8mb4 where its character set needs it. */
    static String select(ColumnInfo column, String quoted) {
        if (!checked(column)) {
            return quoted;
        }
        return "CASE WHEN CAST(CONVERT(CONVERT(" + quoted + " USING utf8mb4) USING " + column.characterSet() + ") AS BINARY) = CAST("
                + quoted + " AS BINARY) THEN CONVERT(" + quoted + " USING utf8mb4) ELSE CONCAT(_utf8mb4 X'EFBFBF', HEX(" + quoted
                + ")) END AS " + quoted;
    }

    /**
     * How to read the column: as {@code plain} does, with a value that did not survive the round trip, a date that
     * does not exist and a TIME beyond the day (MySQL's TIME is a duration too) handed on to be rejected.
     */
    static ValueReader reader(ColumnInfo column, ValueKind kind, ValueReader plain) {
        if (checked(column)) {
            String charset = column.characterSet();
            return (rs, i) -> {
                Object value = plain.read(rs, i);
                if (value instanceof String s && !s.isEmpty() && s.charAt(0) == NOT_TEXT) {
                    return UnreadableValue.text(HexFormat.of().parseHex(s, 1, s.length()), charset);
                }
                return value;
            };
        }
        return switch (kind) {
            case DATE, TIMESTAMP, TIMESTAMP_TZ -> (rs, i) -> {
                try {
                    return plain.read(rs, i);
                } catch (DateTimeException e) {
                    // the driver builds a java.time value of each part the server printed
                    String shown = rs.getString(i);
                    return new UnreadableValue(shown, "the source holds the impossible date '" + shown + "' (" + e.getMessage() + ")");
                }
            };
            case TIME -> (rs, i) -> {
                try {
                    return plain.read(rs, i);
                } catch (SQLException e) {
                    // the driver refuses a TIME outside 00:00:00 to 23:59:59 (838:59:59, -01:00:00)
                    String shown = rs.getString(i);
                    return new UnreadableValue(shown, "the source holds the time '" + shown + "', which is no time of day");
                }
            };
            default -> plain;
        };
    }
}
