-- Applied again whenever this file changes, after the versions.
CREATE OR REPLACE VIEW active_customers AS
    SELECT id, username, email FROM customers WHERE active;
