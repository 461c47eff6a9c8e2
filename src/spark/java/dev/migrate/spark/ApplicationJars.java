package dev.migrate.spark;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The jars a run sends its executors (spark.jars): every jar of this JVM's class path and of the class paths their
 * manifests name (migrate.jar names its lib/), less Spark's own (those of the Spark installation in SPARK_HOME, which
 * the executors have); a folder of classes (a build's, a test's) goes as a jar made of it.
 */
final class ApplicationJars {

    private ApplicationJars() {
    }

    static List<Path> find() throws IOException {
        return find(System.getenv("SPARK_HOME"));
    }

    /** @param sparkHome the Spark installation the cluster runs, whose jars are not sent (null: none known) */
    static List<Path> find(String sparkHome) throws IOException {
        Set<String> spark = sparkJars(sparkHome);
        Set<Path> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                add(Path.of(entry).toAbsolutePath().normalize(), entries);
            }
        }
        List<Path> jars = new ArrayList<>();
        for (Path entry : entries) {
            if (Files.isDirectory(entry)) {
                jars.add(jarOf(entry));
            } else if (Files.isRegularFile(entry) && !spark.contains(entry.getFileName().toString())) {
                jars.add(entry);
            }
        }
        return jars;
    }

    /** A class path entry and, for a jar, the entries its manifest's Class-Path names. */
    private static void add(Path entry, Set<Path> entries) throws IOException {
        if (!entries.add(entry) || !Files.isRegularFile(entry) || !entry.toString().endsWith(".jar")) {
            return;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            String classPath = jar.getManifest() == null ? null : jar.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath != null) {
                for (String named : classPath.trim().split("\\s+")) {
                    add(entry.getParent().resolve(named).normalize(), entries);
                }
            }
        }
    }

    /** The file names of the jars of the Spark installation {@code home}. */
    private static Set<String> sparkJars(String home) throws IOException {
        Set<String> names = new HashSet<>();
        if (home != null && Files.isDirectory(Path.of(home, "jars"))) {
            try (Stream<Path> jars = Files.list(Path.of(home, "jars"))) {
                jars.forEach(j -> names.add(j.getFileName().toString()));
            }
        }
        return names;
    }

    /** A jar of a folder of classes, made once per run in the temporary folder. */
    private static Path jarOf(Path folder) throws IOException {
        Path jar = Files.createTempFile("migrate-classes-", ".jar");
        jar.toFile().deleteOnExit();
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
             Stream<Path> files = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                if (Files.isRegularFile(file)) {
                    zip.putNextEntry(new JarEntry(folder.relativize(file).toString().replace(File.separatorChar, '/')));
                    Files.copy(file, zip);
                    zip.closeEntry();
                }
            }
        }
        return jar;
    }
}
