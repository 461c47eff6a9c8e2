// A schema step in Groovy: a column added, then filled from what the rows already hold.
target.execute 'ALTER TABLE customers ADD COLUMN country VARCHAR(2)'
target.rows('SELECT id, email FROM customers WHERE email IS NOT NULL').each { row ->
    String country = row.email.endsWith('.fr') ? 'FR' : 'US'
    target.executeUpdate 'UPDATE customers SET country = ? WHERE id = ?', [country, row.id]
}
