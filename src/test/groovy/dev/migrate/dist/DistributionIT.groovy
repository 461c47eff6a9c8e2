package dev.migrate.dist

import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit
import java.util.jar.JarFile
import java.util.zip.ZipFile

/**
 * What a user downloads instead of building (made by {@code mvn package}): unpacked into a folder of its own, far
 * from the sources and without Maven on the path, it runs the quickstart and a migrations folder.
 */
class DistributionIT extends Specification {

    @Shared
    Path tarball = Files.list(Path.of('target')).withCloseable { s -> s.filter { it.fileName.toString() ==~ /migrate-.+\.tar\.gz/ }.findFirst().orElse(null) }
    @Shared
    Path unpacked

    def setupSpec() {
        assert tarball != null: 'mvn package makes target/migrate-<version>.tar.gz'
        Path into = Files.createTempDirectory('migrate-dist')
        Process tar = new ProcessBuilder('tar', 'xzf', tarball.toAbsolutePath().toString(), '-C', into.toString()).inheritIO().start()
        assert tar.waitFor(60, TimeUnit.SECONDS) && tar.exitValue() == 0
        unpacked = Files.list(into).withCloseable { it.findFirst().get() }
    }

    private Map run(String... args) {
        // a path without Maven: the distribution must not need it
        String java = Path.of(System.getProperty('java.home'), 'bin').toString()
        ProcessBuilder builder = new ProcessBuilder([unpacked.resolve('bin/migrate').toString()] + (args as List)).directory(unpacked.toFile())
        builder.environment().put('PATH', "${java}:/usr/bin:/bin".toString())
        builder.environment().remove('JAVA_HOME')
        Path out = Files.createTempFile('dist', '.out')
        Path err = Files.createTempFile('dist', '.err')
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start()
        assert process.waitFor(300, TimeUnit.SECONDS)
        [code: process.exitValue(), out: Files.readString(out), err: Files.readString(err)]
    }

    def "the tarball holds the launcher, the jar and its libraries, the configuration with the editors' files, the examples and the README"() {
        expect:
        unpacked.fileName.toString() ==~ /migrate-\d+\.\d+\.\d+.*/
        Files.isExecutable(unpacked.resolve('bin/migrate'))
        ['migrate.jar', 'README.md', 'config/defaults.properties', 'config/logback.xml', 'config/editors/migrate.gdsl',
         'config/editors/migrate.dsld', 'dsl-examples/quickstart.groovy', 'dsl-examples/versioned/migrations.groovy'].every { Files.isRegularFile(unpacked.resolve(it)) }
        Files.list(unpacked.resolve('lib')).withCloseable { s -> s.map { it.fileName.toString() }.filter { it.startsWith('groovy-') || it.startsWith('postgresql-') }.count() } >= 2
        !Files.exists(unpacked.resolve('pom.xml'))
        !Files.exists(unpacked.resolve('src'))
    }

    def "the zip holds the same files as the tarball"() {
        given:
        Path zip = Path.of(tarball.toString().replace('.tar.gz', '.zip'))
        Set<String> inZip = new ZipFile(zip.toFile()).withCloseable { z -> z.entries().toList().findAll { !it.directory }*.name as Set }
        Set<String> unpackedFiles = Files.walk(unpacked).withCloseable { s ->
            s.filter { Files.isRegularFile(it) && !unpacked.relativize(it).toString().startsWith('cache') && !unpacked.relativize(it).toString().startsWith('build') }
                    .map { "${unpacked.fileName}/${unpacked.relativize(it)}".toString() }.toList() as Set
        }

        expect:
        inZip == unpackedFiles
    }

    def "the jar carries the editors' files where IntelliJ and Eclipse look for them"() {
        expect:
        new JarFile(unpacked.resolve('migrate.jar').toFile()).withCloseable { jar -> jar.getEntry('migrate.gdsl') != null && jar.getEntry('dsld/migrate.dsld') != null }
    }

    def "bin/migrate of the distribution runs the quickstart with a JDK alone"() {
        when:
        Map quickstart = run('dsl-examples/quickstart.groovy')

        then:
        quickstart.code == 0
        quickstart.out.contains('  customer 1: ada, ada@example.com, active=true')
        quickstart.out.readLines().any { it ==~ /total\s+done\s+8\s+8\s+0\s+0 .*/ }
        !quickstart.err.contains('building migrate')
    }

    def "bin/migrate of the distribution applies the versioned example, and a second up finds nothing"() {
        when:
        Map up = run('up', 'dsl-examples/versioned')
        Map again = run('up', 'dsl-examples/versioned')

        then:
        up.code == 0
        up.out.readLines().last() == '4 version(s) applied'
        again.code == 0
        again.out.trim() == 'nothing to apply: the target is up to date'
    }
}
