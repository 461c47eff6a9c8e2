-- The new shop's schema.
CREATE TABLE customers (
    id BIGINT PRIMARY KEY,
    username VARCHAR(50) NOT NULL,
    email VARCHAR(200),
    active BOOLEAN NOT NULL,
    created TIMESTAMP
);
CREATE INDEX customers_email ON customers (email);
