// The generated legacy shop (generate.groovy) into a normalized one: e-mails trimmed and in small letters, names
// and cities out of capitals, dates in any of the legacy formats read as dates, money as numbers, statuses as
// numbers. What cannot be repaired is rejected with its reason into results/<run>/<table>.rejects.jsonl: a row without
// a usable e-mail, a customer or order entered twice (the unique keys of the shop), an order whose customer is
// missing. MERGE makes it idempotent: run it twice and the second run changes nothing.
//
//   bin/migrate generate dsl-examples/legacy-shop/generate.groovy
//   bin/migrate run      dsl-examples/legacy-shop/normalize.groovy

def work = new File(scriptDir, '../../build/legacy-shop').canonicalFile

/** A name written all in capitals or all in small letters, as people write names; any other name as it is. */
def properCase = { String name ->
    name == null || (name != name.toUpperCase() && name != name.toLowerCase()) ? name
            : name.split(' ').collect { it ? it[0].toUpperCase() + it.substring(1).toLowerCase() : it }.join(' ')
}

migration 'legacy-shop', {
    source {
        url "jdbc:h2:file:${work}/legacy"
        user 'sa'
    }
    target {
        url "jdbc:h2:file:${work}/shop"
        user 'sa'
    }
    settings {
        mode MERGE          // a second run updates what the first wrote, to the same values
        maxRejects 1_000    // bad rows are set aside, not fatal
        parallelism 1       // rows in key order: of two rows entered twice, the first one stays
    }

    tables 'legacy_customers', 'legacy_orders'

    before {
        target.execute '''CREATE TABLE IF NOT EXISTS customers (id INT PRIMARY KEY, email VARCHAR(100) NOT NULL UNIQUE,
                          full_name VARCHAR(60), city VARCHAR(40), signed_up DATE)'''
        target.execute '''CREATE TABLE IF NOT EXISTS orders (id INT PRIMARY KEY, customer_id INT NOT NULL REFERENCES customers(id),
                          placed DATE NOT NULL, total DECIMAL(10, 2) NOT NULL, status INT NOT NULL,
                          CONSTRAINT entered_once UNIQUE (customer_id, placed, total))'''
    }

    table('legacy_customers', to: 'customers') {
        column('email') {
            String email = clean(it)?.toLowerCase()
            if (!(email ==~ /[^@\s]+@[^@\s]+\.[^@\s]+/)) {
                throw new IllegalArgumentException("'${it}' is no e-mail address")
            }
            email
        }
        column('full_name') { properCase(clean(it)) }
        column('city') { properCase(clean(it)) }
        column('signed_up') { parseDate(it, 'yyyy-MM-dd', 'dd/MM/yyyy', 'MM-dd-yyyy', 'dd.MM.yyyy', 'yyyyMMdd') }
    }

    table('legacy_orders', to: 'orders') {
        rename 'order_no', to: 'id'
        column('status') {
            Integer status = [NEW: 1, PAID: 2, SHIPPED: 3][clean(it)]
            if (status == null) {
                throw new IllegalArgumentException("'${it}' is no status")
            }
            status
        }
        column('placed') { parseDate(it, 'yyyy-MM-dd', 'dd/MM/yyyy', 'MM-dd-yyyy', 'dd.MM.yyyy', 'yyyyMMdd') }
        column('total') { parseNumber(it) }
    }
}
