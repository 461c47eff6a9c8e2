package dev.migrate.diff

import spock.lang.Specification

class RenameDetectorSpec extends Specification {

    def "names that fold to the same word are a sure rename, similar names a probable one, others none"() {
        when:
        def renames = RenameDetector.pair(['AlbumId', 'customer_nme', 'legacy', 'Title'], ['album_id', 'customer_name', 'unrelated', 'title'],
                { s, t -> true })

        then:
        renames.collect { [it.source(), it.target(), it.confidence(), it.certain()] } == [
                ['AlbumId', 'album_id', 1.0d, true],
                ['Title', 'title', 1.0d, true],
                ['customer_nme', 'customer_name', 0.92d, false]]
    }

    def "a probable rename needs compatible types; each column is paired once"() {
        expect:
        RenameDetector.pair(['price_amt'], ['price_amount'], { s, t -> false }).isEmpty()
        RenameDetector.pair(['name', 'nme'], ['name_'], { s, t -> true })*.source() == ['name']
    }
}
