// Quickstart: a small legacy shop kept in SQLite, migrated into a new H2 database.
// Both are embedded files under build/quickstart; no server is needed.
//
//   bin/migrate dsl-examples/quickstart.groovy

def work = new File(scriptDir, '../build/quickstart').canonicalFile
work.deleteDir()
work.mkdirs()
def legacyUrl = "jdbc:sqlite:${work}/legacy.db"

// The legacy database, as an old application left it: user names in a column called user_name,
// e-mail addresses with stray spaces and capitals, yes/no flags as text, money as '$12.50'.
Sql.withInstance(legacyUrl) { legacy ->
    legacy.execute '''CREATE TABLE customers (
        id INTEGER PRIMARY KEY, user_name TEXT NOT NULL, email TEXT, active TEXT,
        legacy_notes TEXT, created TEXT)'''
    legacy.execute '''CREATE TABLE orders (
        id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id),
        total TEXT, placed TEXT)'''
    [
        [1, 'ada', '  Ada@Example.COM ', 'Y', 'VIP since 1998', '2019-03-01 10:15:00'],
        [2, 'brian', 'brian@example.com', 'yes', null, '2020-07-14 08:00:00'],
        [3, 'chloé', '', 'N', 'do not call', '2021-01-02 23:59:59'],
        [4, 'dmitri 🚀', 'DMITRI@EXAMPLE.COM', '1', '', '2022-12-31 00:00:00'],
    ].each { legacy.execute 'INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?)', it }
    [
        [10, 1, '$12.50', '2024-01-05'],
        [11, 1, '99.99', '2024-02-11'],
        [12, 2, ' $1,250.00 ', '2024-03-30'],
        [13, 4, '0', '2024-04-01'],
    ].each { legacy.execute 'INSERT INTO orders VALUES (?, ?, ?, ?)', it }
}

migration 'quickstart', {
    source {
        url legacyUrl
    }
    target {
        url "jdbc:h2:file:${work}/shop"
        user 'sa'
    }
    settings {
        batchSize 1000
        parallelism 2
    }

    // The new, typed schema. Without this hook the run would create the tables itself, from the
    // legacy ones as the script maps them (settings { schema CREATE }, the default).
    before {
        target.execute '''CREATE TABLE customers (
            id BIGINT PRIMARY KEY, username VARCHAR(50) NOT NULL, email VARCHAR(200),
            active BOOLEAN NOT NULL, created TIMESTAMP)'''
        target.execute '''CREATE TABLE orders (
            id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL REFERENCES customers(id),
            total DECIMAL(10, 2) NOT NULL, placed DATE)'''
    }

    table('customers') {
        rename 'user_name', to: 'username'
        ignore 'legacy_notes'
        column('email') { it?.trim()?.toLowerCase() ?: null }     // '' becomes NULL
    }

    table('orders') {
        column('total') { it?.replace('$', '')?.replace(',', '')?.trim() }
    }

    after {
        println()
        target.eachRow('SELECT id, username, email, active FROM customers ORDER BY id') { println "  customer ${it.id}: ${it.username}, ${it.email}, active=${it.active}" }
        target.eachRow('SELECT id, customer_id, total, placed FROM orders ORDER BY id') { println "  order ${it.id}: customer ${it.customer_id}, ${it.total}, ${it.placed}" }
    }
}
