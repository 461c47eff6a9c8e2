// A folder of versions: this file names the databases every version uses; the V, U and R files
// beside it change the target, in version order, each applied once and recorded in migrate_history.
//
//   bin/migrate up dsl-examples/versioned        apply what is pending
//   bin/migrate info dsl-examples/versioned      every version and its state
//   bin/migrate down dsl-examples/versioned      undo the newest version (U3__...)
//   bin/migrate up dsl-examples/versioned --sql build/versioned/up.sql
//                                                the SQL up would run, history rows included, run nowhere
//                                                (offline, for a DBA to review or apply)
//
// What it shows: upgrades (V1 SQL, V2 a data move through the engine, V3 a Groovy schema step), the downgrade of
// version 3 (U3), a repeatable view (R) applied again whenever it changes, and the offline SQL of all of them.
//
// The legacy shop (the quickstart's) is made once under build/versioned, as an old application left it.

def work = new File(scriptDir, '../../build/versioned').canonicalFile
work.mkdirs()
def legacy = new File(work, 'legacy.db')
if (!legacy.exists()) {
    Sql.withInstance("jdbc:sqlite:${legacy}") { db ->
        db.execute '''CREATE TABLE customers (id INTEGER PRIMARY KEY, user_name TEXT NOT NULL, email TEXT,
                      active TEXT, created TEXT)'''
        [
            [1, 'ada', '  Ada@Example.COM ', 'Y', '2019-03-01 10:15:00'],
            [2, 'brian', 'brian@example.fr', 'yes', '2020-07-14 08:00:00'],
            [3, 'chloé', '', 'N', '2021-01-02 23:59:59'],
            [4, 'dmitri 🚀', 'DMITRI@EXAMPLE.FR', '1', '2022-12-31 00:00:00'],
        ].each { db.execute 'INSERT INTO customers VALUES (?, ?, ?, ?, ?)', it }
    }
}

source {
    url "jdbc:sqlite:${legacy}"
}
target {
    url "jdbc:h2:file:${work}/shop"
    user 'sa'
}
settings {
    parallelism 2
}
