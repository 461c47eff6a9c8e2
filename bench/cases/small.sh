# bench/cases/small.sh: case small-db, a whole small database (16 tables, about 47,000 rows) from MariaDB into an
# empty PostgreSQL database, against pgloader. At this size a run is mostly start-up, the two catalogs and the DDL:
# foreign keys (one of them self-referencing), secondary and unique indexes, an ENUM column.
#   bench/run --only small-db [--repeat K]
# Databases: small_src (MariaDB), small_dst (PostgreSQL); pgloader puts its tables into a schema named small_src.

small_ready=false
prepare_small() {
  [ "$small_ready" = true ] && return 0
  echo "preparing the small shop/HR database in MariaDB (small_src)..." >&2
  $my -e "DROP DATABASE IF EXISTS small_src; CREATE DATABASE small_src"
  $my small_src >/dev/null <<'SQL'
CREATE TABLE regions (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL UNIQUE);
CREATE TABLE countries (id INT PRIMARY KEY, code CHAR(2) NOT NULL UNIQUE, name VARCHAR(60) NOT NULL,
  region_id INT NOT NULL, FOREIGN KEY (region_id) REFERENCES regions (id));
CREATE TABLE locations (id INT PRIMARY KEY, street VARCHAR(80), city VARCHAR(40) NOT NULL, postal_code VARCHAR(12),
  country_id INT NOT NULL, FOREIGN KEY (country_id) REFERENCES countries (id), KEY idx_locations_city (city));
CREATE TABLE departments (id INT PRIMARY KEY, name VARCHAR(60) NOT NULL, location_id INT,
  FOREIGN KEY (location_id) REFERENCES locations (id));
CREATE TABLE jobs (id INT PRIMARY KEY, title VARCHAR(60) NOT NULL, min_salary DECIMAL(10,2), max_salary DECIMAL(10,2));
CREATE TABLE employees (id INT PRIMARY KEY, first_name VARCHAR(40), last_name VARCHAR(40) NOT NULL,
  email VARCHAR(80) NOT NULL UNIQUE, hired DATE NOT NULL, job_id INT NOT NULL, salary DECIMAL(10,2),
  manager_id INT, department_id INT, status ENUM('active','leave','gone') NOT NULL DEFAULT 'active',
  FOREIGN KEY (job_id) REFERENCES jobs (id), FOREIGN KEY (manager_id) REFERENCES employees (id),
  FOREIGN KEY (department_id) REFERENCES departments (id), KEY idx_employees_name (last_name, first_name));
CREATE TABLE job_history (employee_id INT NOT NULL, started DATE NOT NULL, ended DATE NOT NULL, job_id INT NOT NULL,
  department_id INT, PRIMARY KEY (employee_id, started), FOREIGN KEY (employee_id) REFERENCES employees (id),
  FOREIGN KEY (job_id) REFERENCES jobs (id), FOREIGN KEY (department_id) REFERENCES departments (id));
CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(80) NOT NULL, email VARCHAR(80), phone VARCHAR(20),
  country_id INT, created DATETIME NOT NULL, credit_limit DECIMAL(12,2),
  tier ENUM('bronze','silver','gold') NOT NULL DEFAULT 'bronze', account_manager_id INT,
  FOREIGN KEY (country_id) REFERENCES countries (id), FOREIGN KEY (account_manager_id) REFERENCES employees (id),
  KEY idx_customers_email (email));
CREATE TABLE addresses (id INT PRIMARY KEY, customer_id INT NOT NULL, street VARCHAR(80), city VARCHAR(40),
  zip VARCHAR(12), is_default BOOLEAN NOT NULL, FOREIGN KEY (customer_id) REFERENCES customers (id));
CREATE TABLE categories (id INT PRIMARY KEY, name VARCHAR(60) NOT NULL, parent_id INT,
  FOREIGN KEY (parent_id) REFERENCES categories (id));
CREATE TABLE suppliers (id INT PRIMARY KEY, name VARCHAR(80) NOT NULL, country_id INT,
  FOREIGN KEY (country_id) REFERENCES countries (id));
CREATE TABLE products (id INT PRIMARY KEY, sku VARCHAR(20) NOT NULL UNIQUE, name VARCHAR(80) NOT NULL,
  category_id INT NOT NULL, supplier_id INT, price DECIMAL(10,2) NOT NULL, description TEXT,
  FOREIGN KEY (category_id) REFERENCES categories (id), FOREIGN KEY (supplier_id) REFERENCES suppliers (id));
CREATE TABLE inventory (product_id INT NOT NULL, location_id INT NOT NULL, quantity INT NOT NULL,
  PRIMARY KEY (product_id, location_id), FOREIGN KEY (product_id) REFERENCES products (id),
  FOREIGN KEY (location_id) REFERENCES locations (id));
CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL, ordered DATETIME NOT NULL, employee_id INT,
  status ENUM('new','paid','shipped','cancelled') NOT NULL, total DECIMAL(12,2) NOT NULL,
  FOREIGN KEY (customer_id) REFERENCES customers (id), FOREIGN KEY (employee_id) REFERENCES employees (id),
  KEY idx_orders_ordered (ordered));
CREATE TABLE order_items (order_id INT NOT NULL, line INT NOT NULL, product_id INT NOT NULL, quantity INT NOT NULL,
  unit_price DECIMAL(10,2) NOT NULL, PRIMARY KEY (order_id, line), FOREIGN KEY (order_id) REFERENCES orders (id),
  FOREIGN KEY (product_id) REFERENCES products (id));
CREATE TABLE payments (id INT PRIMARY KEY, order_id INT NOT NULL, paid DATETIME NOT NULL, amount DECIMAL(12,2) NOT NULL,
  method VARCHAR(20) NOT NULL, FOREIGN KEY (order_id) REFERENCES orders (id));

INSERT INTO regions SELECT seq, CONCAT('region ', seq) FROM seq_1_to_5;
INSERT INTO countries SELECT seq, CONCAT(CHAR(65 + seq DIV 26), CHAR(65 + seq MOD 26)), CONCAT('country ', seq), 1 + seq % 5 FROM seq_1_to_50;
INSERT INTO locations SELECT seq, CONCAT(seq, ' main street'), CONCAT('city ', seq % 40), LPAD(seq, 5, '0'), 1 + seq % 50 FROM seq_1_to_100;
INSERT INTO departments SELECT seq, CONCAT('department ', seq), IF(seq % 7 = 0, NULL, 1 + seq % 100) FROM seq_1_to_30;
INSERT INTO jobs SELECT seq, CONCAT('job ', seq), 1000 * seq, 2000 * seq FROM seq_1_to_20;
INSERT INTO employees SELECT seq, CONCAT('first', seq), CONCAT('last', seq % 300), CONCAT('e', seq, '@example.com'),
  '2010-01-01' + INTERVAL seq DAY, 1 + seq % 20, 1000 + seq, IF(seq = 1, NULL, 1 + (seq - 2) DIV 5), 1 + seq % 30,
  ELT(1 + seq % 3, 'active', 'leave', 'gone') FROM seq_1_to_500;
INSERT INTO job_history SELECT 1 + seq % 500, '2000-01-01' + INTERVAL seq DAY, '2000-06-01' + INTERVAL seq DAY, 1 + seq % 20,
  IF(seq % 9 = 0, NULL, 1 + seq % 30) FROM seq_1_to_1000;
INSERT INTO customers SELECT seq, CONCAT('customer ', seq), IF(seq % 10 = 0, NULL, CONCAT('c', seq, '@example.org')),
  CONCAT('+1 555 ', LPAD(seq, 6, '0')), IF(seq % 13 = 0, NULL, 1 + seq % 50), '2020-01-01 00:00:00' + INTERVAL seq MINUTE,
  (seq % 1000) * 10.5, ELT(1 + seq % 3, 'bronze', 'silver', 'gold'), IF(seq % 4 = 0, NULL, 1 + seq % 500) FROM seq_1_to_5000;
INSERT INTO addresses SELECT seq, 1 + seq % 5000, CONCAT(seq, ' side road'), CONCAT('town ', seq % 200), LPAD(seq % 99999, 5, '0'),
  seq <= 5000 FROM seq_1_to_6000;
INSERT INTO categories SELECT seq, CONCAT('category ', seq), IF(seq <= 10, NULL, 1 + seq % 10) FROM seq_1_to_60;
INSERT INTO suppliers SELECT seq, CONCAT('supplier ', seq), IF(seq % 11 = 0, NULL, 1 + seq % 50) FROM seq_1_to_100;
INSERT INTO products SELECT seq, CONCAT('SKU-', LPAD(seq, 6, '0')), CONCAT('product ', seq), 1 + seq % 60,
  IF(seq % 17 = 0, NULL, 1 + seq % 100), 1 + (seq % 5000) / 10, IF(seq % 3 = 0, NULL, REPEAT('lorem ipsum ', 1 + seq % 20)) FROM seq_1_to_2000;
INSERT INTO inventory SELECT 1 + seq % 2000, 1 + seq DIV 2000, seq % 500 FROM seq_0_to_3999;
INSERT INTO orders SELECT seq, 1 + seq % 5000, '2023-01-01 00:00:00' + INTERVAL seq * 7 MINUTE, IF(seq % 5 = 0, NULL, 1 + seq % 500),
  ELT(1 + seq % 4, 'new', 'paid', 'shipped', 'cancelled'), (seq % 10000) / 4 FROM seq_1_to_9000;
INSERT INTO order_items SELECT 1 + seq DIV 2, 1 + seq % 2, 1 + seq % 2000, 1 + seq % 7, 1 + (seq % 3000) / 10 FROM seq_0_to_15999;
INSERT INTO payments SELECT seq, 1 + seq % 9000, '2023-02-01 00:00:00' + INTERVAL seq * 5 MINUTE, (seq % 10000) / 4,
  ELT(1 + seq % 3, 'card', 'transfer', 'cash') FROM seq_1_to_3000;
ANALYZE TABLE regions, countries, locations, departments, jobs, employees, job_history, customers, addresses,
  categories, suppliers, products, inventory, orders, order_items, payments;
SQL
  cat > "$work/small-db.groovy" <<GROOVY
migration 'small-db', {
    source { url 'jdbc:mysql://127.0.0.1:3306/small_src'; user 'root' }
    target { url 'jdbc:postgresql://127.0.0.1:5432/small_dst'; user 'postgres' }
}
GROOVY
  small_ready=true
}

small_tables="regions countries locations departments jobs employees job_history customers addresses categories
  suppliers products inventory orders order_items payments"
fresh_small() { $pg -c "DROP DATABASE IF EXISTS small_dst" -c "CREATE DATABASE small_dst"; }
# count_small: every table's rows, summed, in whichever schema holds them (public for the tool, small_src for pgloader)
count_small() {
  local sum="" t
  for t in $small_tables; do sum+="${sum:+ + }(SELECT count(*) FROM $t)"; done
  $pg -d small_dst -At -c "SET search_path = small_src, public" -c "SELECT $sum"
}

case_small-db() {
  prepare_small
  local reference=""
  command -v pgloader >/dev/null && reference="pgloader mysql://root@127.0.0.1/small_src postgresql://postgres@127.0.0.1/small_dst >/dev/null"
  expect=$($my -N small_src -e "SELECT $(for t in $small_tables; do printf '(SELECT count(*) FROM %s) + ' "$t"; done) 0")
  mapfile -t m < <(expect=$expect noverify=1 run_case small-db fresh_small count_small "$reference")
  [ -n "${m[0]:-}" ] || exit 1
  expect=$expect noverify=1 report small-db pgloader "${m[0]}" "${m[1]}" "${m[2]}"
}
