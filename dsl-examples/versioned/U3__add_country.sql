-- The undo of version 3.
ALTER TABLE customers DROP COLUMN country;
