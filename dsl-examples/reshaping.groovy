// Reshaping on the way: two regional customer tables into one, a report table filled by a query, a
// distinct list of cities, a filter and a default. Embedded databases, runs as it is:
//
//   bin/migrate dsl-examples/reshaping.groovy

def work = new File(scriptDir, '../build/reshaping').canonicalFile
work.mkdirs()
def sourceUrl = "jdbc:h2:file:${work}/regions"

Sql.withInstance(sourceUrl, 'sa', '') { db ->
    db.execute 'DROP ALL OBJECTS'
    db.execute 'CREATE TABLE customers_eu (id INT PRIMARY KEY, name VARCHAR(40), city VARCHAR(30), active BOOLEAN)'
    db.execute 'CREATE TABLE customers_us (cust_no INT PRIMARY KEY, full_name VARCHAR(40), town VARCHAR(30))'
    db.execute 'CREATE TABLE sales (id INT PRIMARY KEY, customer_id INT, amount DECIMAL(10, 2))'
    db.execute "INSERT INTO customers_eu VALUES (1, 'Ada', 'Paris', TRUE), (2, 'Jan', 'Gent', FALSE), (3, 'Eva', 'Paris', TRUE)"
    db.execute "INSERT INTO customers_us VALUES (101, 'Carl', 'Austin'), (102, 'Dana', 'Boston')"
    db.execute 'INSERT INTO sales VALUES (1, 1, 10.00), (2, 1, 5.50), (3, 3, 7.25), (4, 101, 100.00)'
}

migration 'reshaping', {
    source {
        url sourceUrl
        user 'sa'
    }
    target {
        url "jdbc:h2:file:${work}/crm"
        user 'sa'
    }
    settings {
        mode TRUNCATE_INSERT        // rebuilt on every run
    }

    exclude 'sales'                 // its rows arrive summed, through the query below

    before {
        target.execute '''CREATE TABLE IF NOT EXISTS customers (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL,
                          city VARCHAR(30), region VARCHAR(2) NOT NULL)'''
    }

    // two source tables into one target table, each with its own mapping
    table('customers_eu') {
        into('customers') {
            ignore 'active'
            column('region') { defaultValue 'EU' }
            where 'active = TRUE'
        }
        into('cities') {
            columns 'city'
            distinct()
        }
    }
    table('customers_us', to: 'customers') {
        rename 'cust_no', to: 'id'
        rename 'full_name', to: 'name'
        rename 'town', to: 'city'
        column('region') { defaultValue 'US' }
    }

    // a target table filled by a query of the source; the run creates it from the query's columns
    query 'sales_per_customer', '''
        SELECT customer_id, COUNT(*) AS sales, SUM(amount) AS total
        FROM sales GROUP BY customer_id'''

    after {
        println()
        target.eachRow('SELECT * FROM customers ORDER BY id') { println "  customer ${it.id}: ${it.name}, ${it.city}, ${it.region}" }
        target.eachRow('SELECT * FROM "cities" ORDER BY "CITY"') { println "  city ${it.CITY}" }
        target.eachRow('SELECT * FROM "sales_per_customer" ORDER BY "CUSTOMER_ID"') { println "  sales of ${it.CUSTOMER_ID}: ${it.SALES}, ${it.TOTAL}" }
    }
}
