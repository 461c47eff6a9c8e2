package dev.migrate.versions;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * One file of a migrations folder, by its name: {@code V<version>__<description>.sql|groovy} a version,
 * {@code U<version>__<description>} its undo, {@code R__<description>} a repeatable one (applied again whenever it
 * changes). The description is the rest of the name, underscores read as spaces.
 *
 * @param kind        versioned, undo or repeatable
 * @param version     null for a repeatable file
 * @param description as the history shows it
 * @param file        where it is
 * @param groovy      a Groovy script (else SQL)
 * @param checksum    a CRC32 of its text, line endings and a byte order mark aside, as Flyway's
 */
public record VersionFile(Kind kind, Version version, String description, Path file, boolean groovy, int checksum) {

    public enum Kind {
        VERSIONED("V"), UNDO("U"), REPEATABLE("R");

        final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    private static final Pattern NAME = Pattern.compile("([VUR])(.*?)__(.+)\\.(sql|groovy)");

    /** The file name, which the history keeps as the script. */
    public String script() {
        return file.getFileName().toString();
    }

    /** The type the history records: SQL or GROOVY, and UNDO_ before it for an undo. */
    public String type() {
        return (kind == Kind.UNDO ? "UNDO_" : "") + (groovy ? "GROOVY" : "SQL");
    }

    /** {@code V2}, {@code R} (the description): how messages name the file's version. */
    public String label() {
        return kind == Kind.REPEATABLE ? "repeatable '" + description + "'" : "version " + version;
    }

    /**
     * The file {@code file} as a version, empty when its name does not look like one at all (a README); an
     * IllegalArgumentException naming the file when it looks like one but is misnamed ({@code V1_init.sql}).
     */
    public static Optional<VersionFile> of(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (!name.endsWith(".sql") && !name.endsWith(".groovy")) {
            return Optional.empty();
        }
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            throw new IllegalArgumentException(name + ": a version file is named V<version>__<description>.sql or .groovy"
                    + " (U<version>__ for its undo, R__<description> for a repeatable one), with two underscores");
        }
        Kind kind = switch (m.group(1)) {
            case "V" -> Kind.VERSIONED;
            case "U" -> Kind.UNDO;
            default -> Kind.REPEATABLE;
        };
        Version version = null;
        if (kind == Kind.REPEATABLE) {
            if (!m.group(2).isEmpty()) {
                throw new IllegalArgumentException(name + ": a repeatable file has no version: R__<description>." + m.group(4));
            }
        } else {
            try {
                version = Version.parse(m.group(2));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage());
            }
        }
        String description = m.group(3).replace('_', ' ').trim();
        if (description.isEmpty()) {
            throw new IllegalArgumentException(name + ": the name needs a description after the two underscores");
        }
        if (description.length() > 200 || name.length() > 1000) {
            throw new IllegalArgumentException(name + ": the history keeps descriptions of up to 200 characters; shorten the name");
        }
        return Optional.of(new VersionFile(kind, version, description, file, m.group(4).equals("groovy"), checksum(file)));
    }

    /** CRC32 of the text line by line, without line endings and a leading byte order mark: an editor's line endings change nothing. */
    static int checksum(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file.getFileName() + ": a version file is UTF-8 text; this one holds bytes that are not");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        CRC32 crc = new CRC32();
        text.lines().forEach(line -> crc.update(line.getBytes(StandardCharsets.UTF_8)));
        return (int) crc.getValue();
    }

    /** The file's text. */
    public String text() throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
