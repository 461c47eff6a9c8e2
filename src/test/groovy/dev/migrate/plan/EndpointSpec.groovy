package dev.migrate.plan

import spock.lang.Specification

class EndpointSpec extends Specification {

    private static Endpoint endpoint(String url, String password = null, Map<String, String> properties = [:]) {
        new Endpoint(url, 'u', password, null, properties)
    }

    def "a URL is shown with every credential in it masked: #url"() {
        expect:
        endpoint(url).safeUrl() == shown

        where:
        url                                                                   || shown
        'jdbc:postgresql://h/db?user=u&password=p&ApplicationName=x'          || 'jdbc:postgresql://h/db?user=u&password=***&ApplicationName=x'
        'jdbc:postgresql://h/db?sslpassword=k&sslmode=require'                || 'jdbc:postgresql://h/db?sslpassword=***&sslmode=require'
        'jdbc:mysql://reader:S3cret@h:3306/shop?useSSL=false'                 || 'jdbc:mysql://reader:***@h:3306/shop?useSSL=false'
        'jdbc:mariadb://h/shop?user=u&pwd=p'                                   || 'jdbc:mariadb://h/shop?user=u&pwd=***'
        'jdbc:mysql://(host=h,port=3306,user=u,password=p)/shop'              || 'jdbc:mysql://(host=h,port=3306,user=u,password=***)/shop'
        'jdbc:sqlserver://h:1433;databaseName=shop;user=u;password={a;b}'     || 'jdbc:sqlserver://h:1433;databaseName=shop;user=u;password=***'
        'jdbc:sqlserver://h;PWD=p;encrypt=true'                               || 'jdbc:sqlserver://h;PWD=***;encrypt=true'
        'jdbc:oracle:thin:scott/tiger@//h:1521/svc'                           || 'jdbc:oracle:thin:scott/***@//h:1521/svc'
        'jdbc:oracle:thin:@h:1521:sid'                                        || 'jdbc:oracle:thin:@h:1521:sid'
        'jdbc:h2:mem:x;USER=sa;PASSWORD=p'                                    || 'jdbc:h2:mem:x;USER=sa;PASSWORD=***'
        'jdbc:postgresql://h/db?passwd=a&client_secret=b&accessToken=c&x=1'   || 'jdbc:postgresql://h/db?passwd=***&client_secret=***&accessToken=***&x=1'
        'jdbc:sqlite:/data/shop.db'                                           || 'jdbc:sqlite:/data/shop.db'
    }

    def "a message is scrubbed of the endpoint's password, the secrets of any JDBC URL, and password literals in SQL: #message"() {
        expect:
        endpoint('jdbc:postgresql://h/db', 'Pa55word').scrub(message) == scrubbed

        where:
        message                                                                  || scrubbed
        'FATAL: no access with Pa55word'                                         || 'FATAL: no access with ***'
        'Driver claims to not accept jdbcUrl, jdbc:mysql://u:p@h/db?x=1'         || 'Driver claims to not accept jdbcUrl, jdbc:mysql://u:***@h/db?x=1'
        'cannot connect to jdbc:oracle:thin:scott/tiger@h:1521:x: refused'       || 'cannot connect to jdbc:oracle:thin:scott/***@h:1521:x: refused'
        'cannot use jdbc:h2:mem:b;PASSWORD=p: refused; see jdbc:h2:mem:c.'       || 'cannot use jdbc:h2:mem:b;PASSWORD=***: refused; see jdbc:h2:mem:c.'
        'dataSourceProperties....{sslpassword=k, tcpKeepAlive=true}'             || 'dataSourceProperties....{sslpassword=***, tcpKeepAlive=true}'
        "Syntax error in SQL statement \"CREATE USER x PASSWORD 'hunter2' [*]B\"" || "Syntax error in SQL statement \"CREATE USER x PASSWORD '***' [*]B\""
        "near 'IDENTIFIED BY 'hunter2'' at line 1"                               || "near 'IDENTIFIED BY '***'' at line 1"
        "ALTER USER u IDENTIFIED WITH caching_sha2_password BY 'x''y'"           || "ALTER USER u IDENTIFIED WITH caching_sha2_password BY '***'"
        'CREATE USER scott IDENTIFIED BY tiger'                                  || 'CREATE USER scott IDENTIFIED BY ***'
        "SET PASSWORD FOR 'u'@'%' = 'hunter2'"                                   || "SET PASSWORD FOR 'u'@'%' = '***'"
        "CREATE LOGIN l WITH PASSWORD = 'hunter2'"                               || "CREATE LOGIN l WITH PASSWORD = '***'"
        'Wrong user name or password [28000-232]'                                || 'Wrong user name or password [28000-232]'
        'FATAL: password authentication failed for user "u"'                     || 'FATAL: password authentication failed for user "u"'
    }

    def "the secrets of an endpoint are its password, those in its URL and its properties named like secrets"() {
        expect:
        endpoint('jdbc:mysql://u:inurl@h/db?token=tk', 'pw', [sslpassword: 'ssl', sslmode: 'require']).secrets() as Set == ['pw', 'inurl', 'tk', 'ssl'] as Set
    }

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
