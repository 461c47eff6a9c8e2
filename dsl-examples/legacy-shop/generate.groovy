// A legacy shop to rehearse on: 2,000 customers and 6,000 orders of fake but realistic data, 5 % of the rows
// dirty the way legacy data is. normalize.groovy then moves it into a normalized shop.
//
//   bin/migrate generate dsl-examples/legacy-shop/generate.groovy     # makes build/legacy-shop/legacy
//   bin/migrate run      dsl-examples/legacy-shop/normalize.groovy    # twice: the second run changes nothing
//
// How generate decides (README, "Test data"):
// - It fills only the tables the block names, in the database { } the block names (else the migration's source),
//   parents before children. It appends; replace: true empties that table first. A table that is missing is created
//   with the block's create statement, or is an error naming it.
// - Columns the block does not give get defaults from their name and type: e-mails, names, cities, dates from 2015
//   to 2025 (text columns named like dates get ISO text), money that fits the column; nullable columns are NULL in
//   about 5 % of the rows; integer keys are numbered on from the largest there; unique columns stay unique.
// - references 'customer_id', to: 'legacy_customers' draws the values from the parent's rows; a reference the
//   database does not enforce (legacy tables rarely declare one) can be orphaned by dirt.
// - dirty 0.05: about one row in twenty gets one kind of dirt: stray spaces, e-mails in mixed case, names in
//   capitals, an empty string for NULL, a date in another format or money with a currency sign (both only in text
//   columns), a copy of an earlier row under a new key, or an orphan. Dirt never makes an insert fail.
// - seed 42: the same seed makes the same rows, in any database.

def work = new File(scriptDir, '../../build/legacy-shop').canonicalFile
work.mkdirs()

generate {
    database {
        url "jdbc:h2:file:${work}/legacy"
        user 'sa'
    }
    seed 42
    dirty 0.05

    table('legacy_customers', rows: 2_000) {
        create '''CREATE TABLE legacy_customers (id INT PRIMARY KEY, email VARCHAR(100) NOT NULL, full_name VARCHAR(60),
                  city VARCHAR(40), signed_up VARCHAR(20))'''
    }

    table('legacy_orders', rows: 6_000) {
        create '''CREATE TABLE legacy_orders (order_no INT PRIMARY KEY, customer_id INT NOT NULL, placed VARCHAR(20) NOT NULL,
                  total VARCHAR(20) NOT NULL, status VARCHAR(10) NOT NULL)'''
        references 'customer_id', to: 'legacy_customers'
        column('status') { oneOf 'NEW', 'PAID', 'SHIPPED' }
    }
}
