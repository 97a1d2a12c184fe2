-- Extensions the product relies on: trigram similarity for typo-tolerant search, unaccent for
-- accent-insensitive matching, btree_gin for tenant-leading GIN indexes. All ship with PostgreSQL's
-- contrib package.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
-- btree_gin lets a GIN index lead with workspace_id, so a search scans one workspace's entries only.
CREATE EXTENSION IF NOT EXISTS btree_gin;

-- Facts about this installation (e.g. when the demo data was seeded).
CREATE TABLE installation_facts (
  key         text PRIMARY KEY,
  value       text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
