-- An open with many tagged configurations lists every accessor, lease id and credential name: 4000 was short.
ALTER TABLE audit_event ALTER COLUMN detail SET DATA TYPE VARCHAR(65535);
