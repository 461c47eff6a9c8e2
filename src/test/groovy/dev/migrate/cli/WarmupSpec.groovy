package dev.migrate.cli

import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/**
 * The run {@code bin/migrate} makes once after a build, for the JVM to archive the classes the commands load: every
 * command it runs does its work (a command that stopped early would leave its classes out of the archive, and each
 * later start slower), and it leaves nothing behind.
 */
class WarmupSpec extends Specification {

    def "the warm-up plans, runs, verifies and loads every server's dialect with exit code 0, and leaves no file behind"() {
        given:
        Path temp = Path.of(System.getProperty('java.io.tmpdir'))
        Set<String> before = names(temp, 'migrate-warmup')

        expect:
        Warmup.warm() == 0
        names(temp, 'migrate-warmup') == before
        // nothing in the folder it was started from either
        names(Path.of('results'), 'warmup') == [] as Set
    }

    private static Set<String> names(Path folder, String prefix) {
        if (!Files.isDirectory(folder)) {
            return [] as Set
        }
        Files.list(folder).withCloseable { it.map { it.fileName.toString() }.filter { it.startsWith(prefix) }.toList() as Set }
    }

    def "it can run twice in one JVM: its in-memory databases are dropped when it ends"() {
        expect:
        Warmup.warm() == 0
        Warmup.warm() == 0
    }
}
