package dev.migrate.dsl

import groovy.transform.CompileStatic
import org.slf4j.Logger
import org.slf4j.LoggerFactory

import java.nio.charset.StandardCharsets
import java.nio.file.AtomicMoveNotSupportedException
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import java.security.MessageDigest

/**
 * The classes a script compiled to, kept under the user's cache folder and keyed by everything they depend on: the
 * script's text and file name, the script class it extends, and the build of the tool and of Groovy. Compiling a
 * script costs a cold JVM seconds; loading its classes, milliseconds. A changed script (or another build) has
 * another key, so it is compiled again. Entries are written aside and moved into place whole, so runs at the same
 * time never read half an entry; a folder that cannot be written, or an entry that cannot be read, only means the
 * script is compiled as it would be without a cache.
 */
@CompileStatic
final class ScriptCache {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptCache)
    private static final String MAGIC = 'migrate-compiled-script 1'

    /** The classes of one compiled script: the script class's name, and every class's bytes by name. */
    static final class Compiled {
        final String main
        final Map<String, byte[]> classes

        Compiled(String main, Map<String, byte[]> classes) {
            this.main = main
            this.classes = classes
        }
    }

    private final Path folder

    ScriptCache(Path folder) {
        this.folder = folder
    }

    /**
     * The cache of this user: {@code -Dmigrate.cache=DIR} when given (an empty value turns it off), else
     * {@code $XDG_CACHE_HOME/migrate/scripts}, else {@code ~/.cache/migrate/scripts}; null when there is none.
     */
    static ScriptCache ofUser() {
        String configured = System.getProperty('migrate.cache')
        if (configured != null) {
            return configured.isEmpty() ? null : new ScriptCache(Path.of(configured).resolve('scripts'))
        }
        String xdg = System.getenv('XDG_CACHE_HOME')
        if (xdg) {
            return new ScriptCache(Path.of(xdg, 'migrate', 'scripts'))
        }
        String home = System.getProperty('user.home')
        home ? new ScriptCache(Path.of(home, '.cache', 'migrate', 'scripts')) : null
    }

    Path folder() {
        folder
    }

    /**
     * The key of {@code text}, compiled from {@code path} on the script class {@code base}; null when the build of the
     * tool cannot be told (then nothing is cached).
     */
    static String key(String text, String path, Class<?> base) {
        String tool
        try {
            tool = build()
        } catch (IOException | URISyntaxException | IllegalArgumentException | SecurityException e) {
            LOG.debug('compiled scripts not cached: the build of the tool cannot be told ({})', e.toString())
            return null
        }
        MessageDigest digest = MessageDigest.getInstance('SHA-256')
        [MAGIC, GroovySystem.version, tool, base.name, path, text].each { String part ->
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8)
            digest.update(lengthOf(bytes.length))
            digest.update(bytes)
        }
        digest.digest().encodeHex().toString()
    }

    /** The compiled classes under {@code key}, or null when there are none (or they cannot be read). */
    Compiled read(String key) {
        Path file = folder.resolve(key + '.classes')
        if (!Files.isRegularFile(file)) {
            return null
        }
        try (DataInputStream input = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (input.readUTF() != MAGIC) {
                return null
            }
            String main = input.readUTF()
            int count = input.readInt()
            Map<String, byte[]> classes = new LinkedHashMap<>()
            for (int i = 0; i < count; i++) {
                String name = input.readUTF()
                byte[] bytes = new byte[input.readInt()]
                input.readFully(bytes)
                classes.put(name, bytes)
            }
            return classes.containsKey(main) ? new Compiled(main, classes) : null
        } catch (IOException e) {
            LOG.debug('compiled script {} not read from the cache: {}', file, e.toString())
            return null
        }
    }

    /** Keeps {@code compiled} under {@code key}; a cache that cannot be written is passed by (at debug level). */
    void write(String key, Compiled compiled) {
        Path aside = null
        try {
            Files.createDirectories(folder)
            aside = Files.createTempFile(folder, key + '.', '.part')
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(aside)))) {
                out.writeUTF(MAGIC)
                out.writeUTF(compiled.main)
                out.writeInt(compiled.classes.size())
                for (Map.Entry<String, byte[]> c : compiled.classes.entrySet()) {
                    out.writeUTF(c.key)
                    out.writeInt(c.value.length)
                    out.write(c.value)
                }
            }
            Path file = folder.resolve(key + '.classes')
            try {
                Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING)
            } catch (AtomicMoveNotSupportedException ignored) {
                Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING)
            }
            aside = null
        } catch (IOException | SecurityException e) {
            LOG.debug('compiled script not kept in {}: {}', folder, e.toString())
        } finally {
            if (aside != null) {
                try {
                    Files.deleteIfExists(aside)
                } catch (IOException ignored) {
                    // the part file stays; it is never read
                }
            }
        }
    }

    /** Loads the classes of {@code compiled} over {@code parent} and returns its script class. */
    static Class<?> load(Compiled compiled, ClassLoader parent) {
        new CompiledScriptLoader(parent, compiled.classes).loadClass(compiled.main)
    }

    /**
     * The build of the tool and of Groovy the compiled classes were made by: where the DSL's classes come from (the
     * jar, or a folder of classes), with its size and time.
     */
    private static String build() {
        List<String> parts = []
        [ScriptCache, MigrationScript, GroovySystem].each { Class<?> c ->
            URL location = c.protectionDomain?.codeSource?.location
            if (location == null) {
                parts << c.name
                return
            }
            Path path = Path.of(location.toURI())
            if (Files.isDirectory(path)) {
                // classes of a build in progress (the specs): the class files themselves say when they changed
                path = path.resolve(c.name.replace('.', '/') + '.class')
            }
            parts << path.toString() + ' ' + (Files.exists(path) ? Files.size(path) + ' ' + Files.getLastModifiedTime(path).toMillis() : '-')
        }
        parts.join('\n')
    }

    /** Four bytes of a length, so that the parts of a key cannot run into one another. */
    private static byte[] lengthOf(int n) {
        [(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n] as byte[]
    }

    /** Defines a compiled script's classes, each when it is first asked for. */
    private static final class CompiledScriptLoader extends GroovyClassLoader {
        private final Map<String, byte[]> classes

        CompiledScriptLoader(ClassLoader parent, Map<String, byte[]> classes) {
            super(parent)
            this.classes = classes
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name)
            if (bytes == null) {
                return super.findClass(name)
            }
            defineClass(name, bytes, 0, bytes.length)
        }
    }
}
