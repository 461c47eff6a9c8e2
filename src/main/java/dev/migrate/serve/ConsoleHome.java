package dev.migrate.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

/**
 * The console's home folder ({@code ~/.migrate} by default), made on first start and found on every start after:
 * owner-only, holding {@code console.key} (a Tink AES-256-GCM keyset, owner-only, that seals saved passwords) and
 * {@code console.mv.db} (an H2 database of connections, settings and the access token's SHA-256).
 */
public final class ConsoleHome {

    private final Path dir;
    private final Aead aead;
    private final String url;

    private ConsoleHome(Path dir, Aead aead) {
        this.dir = dir;
        this.aead = aead;
        this.url = "jdbc:h2:file:" + dir.resolve("console").toAbsolutePath() + ";DB_CLOSE_DELAY=-1;AUTO_SERVER=TRUE;WRITE_DELAY=0";
    }

    /** Opens {@code dir}, making it, its key and its database where they are missing. */
    public static ConsoleHome open(Path dir) throws IOException, GeneralSecurityException, SQLException {
        Files.createDirectories(dir);
        ownerOnly(dir, "rwx------");
        AeadConfig.register();
        Path keyFile = dir.resolve("console.key");
        KeysetHandle keys;
        if (Files.exists(keyFile)) {
            keys = TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(keyFile), InsecureSecretKeyAccess.get());
        } else {
            keys = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            Path written = Files.createTempFile(dir, "console", ".key");
            ownerOnly(written, "rw-------");
            Files.writeString(written, TinkJsonProtoKeysetFormat.serializeKeyset(keys, InsecureSecretKeyAccess.get()));
            Files.move(written, keyFile, StandardCopyOption.ATOMIC_MOVE);
        }
        ConsoleHome home = new ConsoleHome(dir, keys.getPrimitive(Aead.class));
        home.schema();
        Path database = dir.resolve("console.mv.db");
        if (Files.exists(database)) {
            ownerOnly(database, "rw-------");
        }
        return home;
    }

    private static void ownerOnly(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions keeps its own
        }
    }

    public Path dir() {
        return dir;
    }

    public Connection connection() throws SQLException {
        return DriverManager.getConnection(url, "sa", "");
    }

    private void schema() throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS connections (name VARCHAR(100) PRIMARY KEY, url VARCHAR(2000) NOT NULL,"
                    + " user_name VARCHAR(200), sealed VARBINARY(65536))");
            s.execute("CREATE TABLE IF NOT EXISTS settings (name VARCHAR(100) PRIMARY KEY, setting_value VARCHAR(2000) NOT NULL)");
        }
    }

    /** {@code secret} sealed under the home's key, bound to {@code context} (a sealed value moved elsewhere does not open). */
    public byte[] seal(String secret, String context) throws GeneralSecurityException {
        return aead.encrypt(secret.getBytes(StandardCharsets.UTF_8), context.getBytes(StandardCharsets.UTF_8));
    }

    public String open(byte[] sealed, String context) throws GeneralSecurityException {
        return new String(aead.decrypt(sealed, context.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    public Optional<String> setting(String name) throws SQLException {
        try (Connection c = connection(); PreparedStatement p = c.prepareStatement("SELECT setting_value FROM settings WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public void setting(String name, String value) throws SQLException {
        try (Connection c = connection(); PreparedStatement p = c.prepareStatement("MERGE INTO settings (name, setting_value) KEY (name) VALUES (?, ?)")) {
            p.setString(1, name);
            p.setString(2, value);
            p.executeUpdate();
        }
    }

    /**
     * The access token: {@code given} (from MIGRATE_CONSOLE_TOKEN) when set, else the one made at first start, of
     * which only the SHA-256 is kept; a new token is returned once, to be printed, and empty after.
     */
    public Optional<String> token(String given) throws SQLException {
        if (given != null && !given.isBlank()) {
            setting("token_sha256", sha256(given));
            return Optional.empty();
        }
        if (setting("token_sha256").isPresent()) {
            return Optional.empty();
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        setting("token_sha256", sha256(token));
        return Optional.of(token);
    }

    /** Whether {@code token} is the access token (compared in constant time). */
    public boolean accepts(String token) throws SQLException {
        Optional<String> kept = setting("token_sha256");
        return token != null && kept.isPresent()
                && MessageDigest.isEqual(kept.get().getBytes(StandardCharsets.US_ASCII), sha256(token).getBytes(StandardCharsets.US_ASCII));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
