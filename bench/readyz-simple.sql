-- The statements GET /readyz sends, as the server sends them (simple query protocol, one
-- round trip per line): a read-only transaction for the version, then one for the migrations.
BEGIN \; SET TRANSACTION READ ONLY;
SHOW server_version;
ROLLBACK;
BEGIN \; SET TRANSACTION READ ONLY;
SELECT 1 FROM information_schema.tables WHERE table_name = 'schema_migrations';
SELECT version, name, checksum FROM schema_migrations ORDER BY version;
ROLLBACK;
