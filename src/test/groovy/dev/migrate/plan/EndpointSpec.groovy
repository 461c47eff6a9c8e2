package dev.migrate.plan

import spock.lang.Specification

class EndpointSpec extends Specification {

    def "a password written into a URL is masked wherever the URL is shown: #url"() {
        given:
        def endpoint = new Endpoint(url, 'reader', 'S3cret', null, [:])

        expect:
        endpoint.safeUrl() == shown
        endpoint.scrub("cannot log in as reader/S3cret at ${url}") == "cannot log in as reader/*** at ${shown}"
        !endpoint.toString().contains('S3cret')

        where:
        url                                                    || shown
        'jdbc:postgresql://db:5432/shop?password=S3cret&ssl=1' || 'jdbc:postgresql://db:5432/shop?password=***&ssl=1'
        'jdbc:sqlserver://db;user=a;password=S3cret'           || 'jdbc:sqlserver://db;user=a;password=***'
        'jdbc:mysql://reader:S3cret@db:3306/shop'              || 'jdbc:mysql://reader:***@db:3306/shop'
        'jdbc:h2:mem:shop'                                     || 'jdbc:h2:mem:shop'
    }
}
