package dev.migrate.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import dev.migrate.dialect.DialectRegistry;

/**
 * What {@code bin/migrate} runs once after it builds the tool, under {@code -XX:ArchiveClassesAtExit}: the commands a
 * user runs, on two in-memory databases, so that the JVM archives the classes they load and every later start maps
 * them from the archive instead of loading them one by one (a second or so on each command). Writes nothing but its
 * own temporary folder, which it removes; prints nothing.
 */
public final class Warmup {

    /** Every server's driver and dialect, which the commands above do not load. */
    private static final List<String> URLS = List.of("jdbc:postgresql://localhost/db", "jdbc:mysql://localhost/db",
            "jdbc:mariadb://localhost/db", "jdbc:oracle:thin:@//localhost:1521/db", "jdbc:sqlserver://localhost;databaseName=db",
            "jdbc:sqlite:warm.db", "jdbc:h2:mem:warm");

    private static final String SCRIPT = """
            migration 'warmup', {
                source { url 'jdbc:h2:mem:warm_src;DB_CLOSE_DELAY=-1'; user 'sa' }
                target { url 'jdbc:h2:mem:warm_dst;DB_CLOSE_DELAY=-1'; user 'sa' }
                settings { partitionRows 500; parallelism 2 }
                table('customers') {
                    rename 'name', to: 'full_name'
                    column('email') { it?.trim()?.toLowerCase() }
                }
                table('orders')
            }
            """;

    private Warmup() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(warm());
    }

    /** Runs the commands and loads the classes; the worst exit code of the commands (0 when all of them did their work). */
    static int warm() throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(nowhere);
        System.setErr(nowhere);
        Path folder = Files.createTempDirectory("migrate-warmup");
        try {
            source();
            Path script = Files.writeString(folder.resolve("warmup.groovy"), SCRIPT);
            String results = folder.resolve("results").toString();
            int code = Math.max(Main.execute("plan", script.toString(), "--results", results),
                    Math.max(Main.execute("run", script.toString(), "--verify", "--results", results),
                            Main.execute("verify", script.toString(), "--results", results)));
            DriverManager.getDrivers();
            servers();
            for (String url : URLS) {
                try {
                    DialectRegistry.forUrl(url);
                } catch (RuntimeException e) {
                    code = Math.max(code, ExitCode.FAILED);
                }
            }
            return code;
        } finally {
            System.setOut(out);
            System.setErr(err);
            remove(folder);
            drop("warm_src");
            drop("warm_dst");
        }
    }

    private static void drop(String database) {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1", "sa", "");
             Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            // gone already
        }
    }

    /**
     * The classes of the two servers' drivers and of the catalog reader, which only a server would make the commands
     * load: loaded here without being initialized (MySQL's X protocol, which the tool does not speak, left out).
     */
    private static void servers() throws IOException, URISyntaxException {
        Path jar = Path.of(Warmup.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isRegularFile(jar)) {
            return;
        }
        ClassLoader loader = Warmup.class.getClassLoader();
        try (JarFile tool = new JarFile(jar.toFile())) {
            String classPath = tool.getManifest().getMainAttributes().getValue("Class-Path");
            for (String entry : classPath == null ? new String[0] : classPath.trim().split("\\s+")) {
                String name = Path.of(entry).getFileName().toString();
                if (!name.startsWith("postgresql-") && !name.startsWith("mysql-connector-j-") && !name.startsWith("schemacrawler")) {
                    continue;
                }
                try (JarFile library = new JarFile(jar.resolveSibling(entry).toFile())) {
                    library.stream().map(JarEntry::getName)
                            .filter(n -> n.endsWith(".class") && !n.contains("-") && !n.contains("/x/") && !n.contains("xdevapi"))
                            .forEach(n -> load(loader, n.substring(0, n.length() - 6).replace('/', '.')));
                }
            }
        }
    }

    private static void load(ClassLoader loader, String name) {
        try {
            Class.forName(name, false, loader);
        } catch (Throwable e) {
            // a class that needs what the tool does not ship: not archived
        }
    }

    private static void source() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:warm_src;DB_CLOSE_DELAY=-1", "sa", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR(40) NOT NULL, email VARCHAR(80), balance DECIMAL(12,2),"
                    + " joined TIMESTAMP, active BOOLEAN, score DOUBLE PRECISION)");
            s.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer_id BIGINT NOT NULL REFERENCES customers(id), total DECIMAL(10,2),"
                    + " placed DATE)");
            s.execute("INSERT INTO customers SELECT x, 'name ' || x, ' Mail' || x || '@Example.com ', x / 100.0,"
                    + " TIMESTAMP '2024-01-01 00:00:00' + x * INTERVAL '1' MINUTE, MOD(x, 2) = 0, x / 7.0 FROM SYSTEM_RANGE(1, 2000)");
            s.execute("INSERT INTO orders SELECT x, MOD(x, 2000) + 1, x / 10.0, DATE '2024-01-01' + MOD(x, 300) FROM SYSTEM_RANGE(1, 3000)");
        }
    }

    private static void remove(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
