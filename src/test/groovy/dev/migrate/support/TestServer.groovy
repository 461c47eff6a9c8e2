package dev.migrate.support

import groovy.sql.Sql

/**
 * A database server the tests can use, and the databases they make on it. Every database a test
 * creates has a unique name and is dropped by {@link #drop}.
 */
class TestServer {

    final String kind
    final String baseUrl
    final String user
    final String password
    final String origin

    TestServer(String kind, String baseUrl, String user, String password, String origin) {
        this.kind = kind
        this.baseUrl = baseUrl
        this.user = user
        this.password = password
        this.origin = origin
    }

    /** The JDBC URL of database {@code name} on this server. */
    String url(String name) {
        kind == 'postgres' ? "${baseUrl}/${name}" : "${baseUrl}/${name}?allowPublicKeyRetrieval=true&useSSL=false&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
    }

    String createDatabase(String prefix) {
        String name = "${prefix}_${UUID.randomUUID().toString().replace('-', '').substring(0, 10)}".toLowerCase()
        admin { Sql sql ->
            sql.execute(kind == 'postgres' ? "CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0".toString()
                    : "CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin".toString())
        }
        name
    }

    void drop(String name) {
        admin { Sql sql ->
            if (kind == 'postgres') {
                sql.execute("DROP DATABASE IF EXISTS ${name} WITH (FORCE)".toString())
            } else {
                sql.execute("DROP DATABASE IF EXISTS ${name}".toString())
            }
        }
    }

    Sql connect(String name) {
        Sql.newInstance(url(name), user, password ?: '')
    }

    def <T> T withDatabase(String name, Closure<T> work) {
        Sql sql = connect(name)
        try {
            work(sql)
        } finally {
            sql.close()
        }
    }

    private void admin(Closure work) {
        String adminUrl = kind == 'postgres' ? "${baseUrl}/postgres" : "${baseUrl}/?allowPublicKeyRetrieval=true&useSSL=false"
        Sql sql = Sql.newInstance(adminUrl, user, password ?: '')
        try {
            work(sql)
        } finally {
            sql.close()
        }
    }
}
