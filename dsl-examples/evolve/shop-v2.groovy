// Analyze, scaffold the decisions, dry run, run: a shop's data from its v1 schema into its v2 schema, which the
// application's own migrations made. Embedded H2 files under build/evolve (made by this script when missing):
//
//   bin/migrate plan dsl-examples/evolve/shop-v2.groovy          1. analyze: every difference, safe, transformable
//                                                                  or breaking (run it with the decisions below
//                                                                  taken out to see the breaking ones)
//   bin/migrate scaffold --source jdbc:h2:file:build/evolve/shop_v1 --source-user sa \
//                        --target jdbc:h2:file:build/evolve/shop_v2 --target-user sa --out build/evolve/start.groovy
//                                                                2. a starting script: every table, a TODO per decision
//   bin/migrate run dsl-examples/evolve/shop-v2.groovy --dry-run 3. read, transform and check every row, write none
//   bin/migrate run dsl-examples/evolve/shop-v2.groovy           4. the run
//
// What changed from v1 to v2, and the decision this script makes for each (the TODOs scaffold writes, decided):
// - customers.user_name is username, products.title is name: renamed columns (rename ..., to: ...).
// - customers.status, a word (ACTIVE, INACTIVE, PENDING), is status_id, a number: a value map. A row with another
//   word (v1 has one, BANNED) is set aside in the reject file with its reason (maxRejects), never given a made-up
//   id; the dry run shows it before anything is written.
// - products.category, a name, is category_id, the id of that name in v2's categories: a lookup.
// - customers.loyalty_points is new, NOT NULL DEFAULT 0: v1 has no value for it, the target's default fills it.
// - customers.fax is gone in v2: ignored, its data left behind on purpose.
// - schema NONE: v2's tables are the application's; the run creates and alters nothing.

def work = new File(scriptDir, '../../build/evolve').canonicalFile
work.mkdirs()
def v1 = "jdbc:h2:file:${work}/shop_v1"
def v2 = "jdbc:h2:file:${work}/shop_v2"

if (!new File(work, 'shop_v1.mv.db').exists()) {
    Sql.withInstance(v1, 'sa', '') { db ->
        db.execute '''CREATE TABLE customers (id INT PRIMARY KEY, user_name VARCHAR(50) NOT NULL, email VARCHAR(100),
                      status VARCHAR(10) NOT NULL, fax VARCHAR(20))'''
        db.execute '''CREATE TABLE products (id INT PRIMARY KEY, title VARCHAR(80) NOT NULL, category VARCHAR(40) NOT NULL,
                      price DECIMAL(10, 2) NOT NULL)'''
        db.execute """INSERT INTO customers VALUES (1, 'ada', 'ada@example.com', 'ACTIVE', '+44 20 7946 0000'),
                      (2, 'brian', 'brian@example.com', 'PENDING', NULL), (3, 'chloe', NULL, 'INACTIVE', NULL),
                      (4, 'mallory', 'mallory@example.com', 'BANNED', NULL)"""
        db.execute """INSERT INTO products VALUES (10, 'Dune', 'books', 9.99), (11, 'Kind of Blue', 'music', 14.50),
                      (12, 'Tetris', 'games', 4.99)"""
    }
    Sql.withInstance(v2, 'sa', '') { db ->
        db.execute 'CREATE TABLE categories (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL UNIQUE)'
        db.execute "INSERT INTO categories VALUES (1, 'books'), (2, 'music'), (3, 'games')"
        db.execute '''CREATE TABLE customers (id INT PRIMARY KEY, username VARCHAR(50) NOT NULL, email VARCHAR(100),
                      status_id INT NOT NULL, loyalty_points INT DEFAULT 0 NOT NULL)'''
        db.execute '''CREATE TABLE products (id INT PRIMARY KEY, name VARCHAR(80) NOT NULL,
                      category_id INT NOT NULL REFERENCES categories (id), price DECIMAL(10, 2) NOT NULL)'''
    }
}

migration 'shop-v1-to-v2', {
    source {
        url v1
        user 'sa'
    }
    target {
        url v2
        user 'sa'
    }
    settings {
        schema NONE
        mode MERGE          // run it again after a fix: rows already there are updated, none twice
        maxRejects 10       // rows a table may set aside before it fails
    }

    tables 'customers', 'products'

    table('customers') {
        rename 'user_name', to: 'username'
        rename 'status', to: 'status_id'
        column('status_id') { map ACTIVE: 1, INACTIVE: 2, PENDING: 3 }
        ignore 'fax'
    }

    table('products') {
        rename 'title', to: 'name'
        rename 'category', to: 'category_id'
        column('category_id') { lookup 'categories', key: 'name', value: 'id' }
    }
}
