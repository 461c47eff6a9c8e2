package dev.migrate.transfer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;

/** The usual way to read each kind of value: the driver's own typed getter, never a lossy detour. */
public final class ValueReaders {

    /**
     * A value read as the source prints it, to be written as it is (numbers and dates both databases print and
     * read alike); a reader of an export stream keeps such a column's text undecoded.
     */
    public static final ValueReader AS_PRINTED = (rs, i) -> rs.getString(i);

    private ValueReaders() {
    }

    /**
     * Text as a driver decoded it, where the driver puts U+FFFD for bytes that are not UTF-8 (pgjdbc, sqlite-jdbc):
     * text with a U+FFFD in it is read again as the bytes the database sent and decoded strictly, so that a U+FFFD
     * the database holds stays one and bytes that are not UTF-8 become an {@link UnreadableValue}.
     */
    public static Object checkedText(ResultSet rs, int index, Object decoded) throws SQLException {
        if (decoded instanceof String s && s.indexOf('\uFFFD') >= 0) {
            byte[] sent = rs.getBytes(index);
            String text = Utf8.decode(sent);
            return text != null ? text : UnreadableValue.text(sent, "UTF-8");
        }
        return decoded;
    }

    public static ValueReader forKind(ValueKind kind) {
        return switch (kind) {
            case BOOLEAN -> (rs, i) -> {
                boolean v = rs.getBoolean(i);
                return rs.wasNull() ? null : v;
            };
            case INTEGER -> (rs, i) -> {
                int v = rs.getInt(i);
                return rs.wasNull() ? null : v;
            };
            case BIGINT -> (rs, i) -> {
                long v = rs.getLong(i);
                return rs.wasNull() ? null : v;
            };
            case REAL -> (rs, i) -> {
                float v = rs.getFloat(i);
                return rs.wasNull() ? null : v;
            };
            case DOUBLE -> (rs, i) -> {
                double v = rs.getDouble(i);
                return rs.wasNull() ? null : v;
            };
            case DECIMAL -> (rs, i) -> rs.getBigDecimal(i);
            case TEXT, JSON -> (rs, i) -> rs.getString(i);
            case BINARY -> (rs, i) -> rs.getBytes(i);
            case DATE -> (rs, i) -> rs.getObject(i, LocalDate.class);
            case TIME -> (rs, i) -> rs.getObject(i, LocalTime.class);
            case TIMESTAMP -> (rs, i) -> rs.getObject(i, LocalDateTime.class);
            case TIMESTAMP_TZ -> (rs, i) -> rs.getObject(i, OffsetDateTime.class);
            case UUID, OTHER -> (rs, i) -> rs.getObject(i);
        };
    }
}
