package dev.migrate.connect

import spock.lang.Specification

class ReadOnlySqlSpec extends Specification {

    def "SQL is a read only when every statement in it is one: #sql"() {
        expect:
        ReadOnlySql.firstWrite(sql) == write

        where:
        sql                                                                   || write
        'SELECT updated_at, created_by FROM t'                                || null
        "SELECT 'DELETE FROM t' AS note -- DROP TABLE t"                      || null
        '(SELECT 1) UNION (SELECT 2);'                                        || null
        'WITH c AS (SELECT 1 AS n) SELECT n FROM c'                           || null
        'SHOW CREATE TABLE t'                                                 || null
        'PRAGMA table_info(t)'                                                || null
        'select 1; update t set n = 1'                                        || 'update'
        'WITH gone AS (DELETE FROM t RETURNING *) SELECT * FROM gone'         || 'delete'
        'EXPLAIN ANALYZE DELETE FROM t'                                       || 'delete'
        'SELECT 1 /*! ; DELETE FROM t */'                                     || 'delete'
        "SELECT 'a\\'; DELETE FROM t; -- '"                                   || 'delete'
        'PRAGMA journal_mode = WAL'                                           || 'pragma ... ='
        'SET SESSION TRANSACTION READ WRITE'                                  || 'set'
        'START TRANSACTION READ WRITE'                                        || 'start'
        'CALL refresh()'                                                      || 'call'
    }
}
