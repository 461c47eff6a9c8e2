package dev.migrate.dsl

import dev.migrate.plan.ScriptError
import dev.migrate.support.Scripts

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.Callable
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

import spock.lang.Specification

class ScriptCacheSpec extends Specification {

    Path cache = Scripts.tempDir('script-cache')
    String previous = System.getProperty('migrate.cache')

    def setup() {
        System.setProperty('migrate.cache', cache.toString())
    }

    def cleanup() {
        previous == null ? System.clearProperty('migrate.cache') : System.setProperty('migrate.cache', previous)
        cache.toFile().deleteDir()
    }

    static String script(int batchSize) {
        """\
        migration 'cached', {
            source { url 'jdbc:h2:mem:cached_src' }
            target { url 'jdbc:h2:mem:cached_dst' }
            settings { batchSize ${batchSize} }
            table('customers') { column('email') { it?.trim() } }
        }
        """.stripIndent()
    }

    private List<Path> entries() {
        Path folder = cache.resolve('scripts')
        Files.isDirectory(folder) ? Files.list(folder).withCloseable { it.sorted().toList() } : []
    }

    def "a script compiled once is loaded from the cache the next time, with the same plan"() {
        given:
        Path file = Scripts.write('cached.groovy', script(500))

        when:
        def first = new ScriptLoader().load(file)
        def cached = entries()
        def second = new ScriptLoader().load(file)

        then:
        cached.size() == 1
        cached[0].fileName.toString().endsWith('.classes')
        entries() == cached
        first.name() == 'cached'
        second.name() == 'cached'
        second.settings().batchSize() == 500
        second.mappingsFor('customers').size() == first.mappingsFor('customers').size()
    }

    def "a changed script is compiled again: its plan says what the new text says"() {
        given:
        Path file = Scripts.write('changing.groovy', script(500))
        new ScriptLoader().load(file)

        when:
        Files.writeString(file, script(700))
        def plan = new ScriptLoader().load(file)

        then:
        plan.settings().batchSize() == 700
        entries().size() == 2
    }

    def "a cached script's mistakes at run time still name the file and the line"() {
        given:
        Path file = Scripts.write('mistaken.groovy', '''\
            migration 'mistaken', {
                source { url 'jdbc:h2:mem:a' }
                target { url 'jdbc:h2:mem:b' }
                settings { batchSise 10 }
            }
            '''.stripIndent())

        when:
        new ScriptLoader().load(file)

        then:
        ScriptError compiled = thrown()

        when:
        new ScriptLoader().load(file)

        then:
        ScriptError cached = thrown()
        entries().size() == 1
        compiled.message == "(mistaken.groovy, line 4) unknown settings option 'batchSise' (did you mean batchSize?)"
        cached.message == compiled.message
    }

    def "a script that does not compile leaves nothing in the cache"() {
        given:
        Path file = Scripts.write('broken.groovy', "migration 'broken', {\n    source { url 'jdbc:h2:mem:a'\n}\n")

        when:
        new ScriptLoader().load(file)

        then:
        thrown(ScriptError)
        entries().isEmpty()
    }

    def "a cache folder that cannot be made only means the script is compiled each time"() {
        given: 'a cache whose folder would be under a file (which no user, root neither, can write into)'
        Path file = Scripts.write('unwritable.groovy', script(300))
        Path notAFolder = Files.writeString(cache.resolve('not-a-folder'), 'a file')
        System.setProperty('migrate.cache', notAFolder.toString())

        when:
        def first = new ScriptLoader().load(file)
        def second = new ScriptLoader().load(file)

        then:
        first.settings().batchSize() == 300
        second.settings().batchSize() == 300
        entries().isEmpty()
        Files.readString(notAFolder) == 'a file'
    }

    def "an entry that cannot be read is compiled again and replaced"() {
        given:
        Path file = Scripts.write('damaged.groovy', script(400))
        new ScriptLoader().load(file)
        Path entry = entries()[0]
        Files.write(entry, [1, 2, 3] as byte[])

        when:
        def plan = new ScriptLoader().load(file)

        then:
        plan.settings().batchSize() == 400
        entries() == [entry]
        Files.size(entry) > 3
    }

    def "scripts loaded at the same time each get their plan and leave whole entries only"() {
        given:
        List<Path> files = (1..4).collect { Scripts.write("together${it}.groovy", script(100 * it)) }
        def pool = Executors.newFixedThreadPool(8)

        when:
        def futures = (1..16).collect { i ->
            Path file = files[i % 4]
            pool.submit({ new ScriptLoader().load(file).settings().batchSize() } as Callable<Integer>)
        }
        List<Integer> sizes = futures.collect { it.get(2, TimeUnit.MINUTES) }
        pool.shutdown()

        then:
        sizes == (1..16).collect { 100 * ((it % 4) + 1) }
        entries().size() == 4
        entries().every { it.fileName.toString().endsWith('.classes') }
        files.every { new ScriptLoader().load(it).name() == 'cached' }
    }

    def "an empty migrate.cache turns the cache off"() {
        given:
        System.setProperty('migrate.cache', '')
        Path file = Scripts.write('uncached.groovy', script(250))

        expect:
        ScriptCache.ofUser() == null
        new ScriptLoader().load(file).settings().batchSize() == 250
        entries().isEmpty()
    }
}
