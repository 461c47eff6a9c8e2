// A SQL query's rows into a table of another database (the query-migrator's job): the shop's orders, summed
// per day in the shop's own SQL, merged into a reporting table of the warehouse. Embedded databases (SQLite
// into H2, files under build/query-to-table), runs as it is:
//
//   bin/migrate dsl-examples/query-to-table.groovy
//
// What it shows:
// - query 'daily_sales', '...': the rows of a source query fill the target table of that name (created from the
//   query's columns when the target lacks it; here the warehouse has it, with its primary key).
// - exclude 'orders': the source's tables stay where they are; only the query's rows move.
// - mode MERGE with key 'sales_day': a day already in the warehouse is updated, a new day is inserted, so the script
//   can run every night and the report stays one row per day.
//
// Nightly, from the console (bin/migrate serve; home ~/.migrate): copy this file to ~/.migrate/scripts/, then on
// the Schedules page pick the script and "daily at 02:00" (cron 0 2 * * *), or through the API:
//
//   curl -s -H "Authorization: Bearer $MIGRATE_CONSOLE_TOKEN" \
//        -d '{"script":"query-to-table.groovy","cron":"0 2 * * *"}' http://127.0.0.1:8080/api/schedule
//
// A schedule without a script names two saved connections instead:
//   {"source":"shop","destination":"warehouse","query":"SELECT ...","target_table":"daily_sales","cron":"0 2 * * *"}

def work = new File(scriptDir, '../build/query-to-table').canonicalFile
work.mkdirs()
def shopUrl = "jdbc:sqlite:${work}/shop.db"
def warehouseUrl = "jdbc:h2:file:${work}/warehouse"

// The shop as its application keeps it (made once): orders with their day and their total in cents.
if (!new File(work, 'shop.db').exists()) {
    Sql.withInstance(shopUrl) { shop ->
        shop.execute 'CREATE TABLE orders (id INTEGER PRIMARY KEY, placed TEXT NOT NULL, total_cents INTEGER NOT NULL)'
        [[1, '2024-03-01 09:12:00', 1250], [2, '2024-03-01 17:40:00', 9999], [3, '2024-03-02 11:05:00', 500],
         [4, '2024-03-03 08:30:00', 4200], [5, '2024-03-03 21:15:00', 800]].each { shop.execute 'INSERT INTO orders VALUES (?, ?, ?)', it }
    }
}

migration 'query-to-table', {
    source {
        url shopUrl
    }
    target {
        url warehouseUrl
        user 'sa'
    }
    settings {
        mode MERGE
    }

    // the warehouse's report table, as its owners made it; made here so that the example runs on its own
    before {
        target.execute 'CREATE TABLE IF NOT EXISTS daily_sales (sales_day DATE PRIMARY KEY, orders INT NOT NULL, revenue_cents BIGINT NOT NULL)'
    }

    exclude 'orders'

    query 'daily_sales', '''
        SELECT substr(placed, 1, 10) AS sales_day, COUNT(*) AS orders, SUM(total_cents) AS revenue_cents
        FROM orders GROUP BY substr(placed, 1, 10)''', {
        key 'sales_day'
        column('sales_day') { it }      // SQLite gives the day as text, 'yyyy-MM-dd': parsed into the DATE column
    }

    after {
        println()
        target.eachRow('SELECT * FROM daily_sales ORDER BY sales_day') { println "  ${it.sales_day}: ${it.orders} orders, ${it.revenue_cents / 100}" }
    }
}
