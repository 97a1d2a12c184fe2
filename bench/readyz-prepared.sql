-- The statements GET /readyz sends, one per line so that pgbench -M prepared can prepare each
-- (a prepared statement cannot hold two commands, so BEGIN and SET TRANSACTION are split).
BEGIN;
SET TRANSACTION READ ONLY;
SHOW server_version;
ROLLBACK;
BEGIN;
SET TRANSACTION READ ONLY;
SELECT 1 FROM information_schema.tables WHERE table_name = 'schema_migrations';
SELECT version, name, checksum FROM schema_migrations ORDER BY version;
ROLLBACK;
