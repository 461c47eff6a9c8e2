package dev.migrate.plan

import spock.lang.Specification

class CredentialsSpec extends Specification {

    def "credentials are taken out of a URL, and its other properties stay: #url"() {
        when:
        def parts = Credentials.split(url)

        then:
        parts.url() == rest
        parts.user() == user
        parts.password() == password
        parts.secrets() == secrets

        where:
        url                                                                  || rest                                              | user     | password | secrets
        'jdbc:postgresql://h/db?user=u&password=p&ApplicationName=x'         || 'jdbc:postgresql://h/db?ApplicationName=x'        | 'u'      | 'p'      | [:]
        'jdbc:postgresql://h/db?ApplicationName=x&user=u&password=p'         || 'jdbc:postgresql://h/db?ApplicationName=x'        | 'u'      | 'p'      | [:]
        'jdbc:postgresql://h/db?password=p'                                  || 'jdbc:postgresql://h/db'                          | null     | 'p'      | [:]
        'jdbc:postgresql://h/db?sslmode=require&sslpassword=k'               || 'jdbc:postgresql://h/db?sslmode=require'          | null     | null     | [sslpassword: 'k']
        'jdbc:mysql://reader:S3cret@h:3306/shop?useSSL=false'                || 'jdbc:mysql://h:3306/shop?useSSL=false'           | 'reader' | 'S3cret' | [:]
        'jdbc:mysql://re%40der@h/shop'                                       || 'jdbc:mysql://h/shop'                             | 're@der' | null     | [:]
        'jdbc:mysql://(user=u,host=h,password=p)/shop'                       || 'jdbc:mysql://(host=h)/shop'                      | 'u'      | 'p'      | [:]
        'jdbc:sqlserver://h:1433;user=u;databaseName=shop;password={a;b}'    || 'jdbc:sqlserver://h:1433;databaseName=shop'       | 'u'      | '{a;b}'  | [:]
        'jdbc:oracle:thin:scott/tiger@//h:1521/svc'                          || 'jdbc:oracle:thin:@//h:1521/svc'                  | 'scott'  | 'tiger'  | [:]
        'jdbc:h2:mem:x;USER=sa;PASSWORD=p;MODE=MySQL'                        || 'jdbc:h2:mem:x;MODE=MySQL'                        | 'sa'     | 'p'      | [:]
        'jdbc:sqlite:/data/shop.db'                                          || 'jdbc:sqlite:/data/shop.db'                       | null     | null     | [:]
    }
}
