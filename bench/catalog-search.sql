-- What GET /search?q=parmigiano&types=product costs PostgreSQL: the guard query, the rate-limit
-- counter and the word search (the words match, so the similar-spelling pass does not run).
SELECT EXISTS (SELECT 1 FROM auth_sessions s JOIN users u ON u.id = s.user_id WHERE s.id = :sid::uuid AND s.user_id = :uid::uuid AND s.revoked_at IS NULL AND s.expires_at > now() AND u.status = 'active'), (SELECT m.role FROM memberships m JOIN workspaces w ON w.id = m.workspace_id WHERE m.workspace_id = :ws::uuid AND m.user_id = :uid::uuid AND w.deleted_at IS NULL), (SELECT w.api_rate_limit FROM workspaces w WHERE w.id = :ws::uuid);
BEGIN;
SET LOCAL synchronous_commit = off;
INSERT INTO rate_limit_counters (key, window_start, count) VALUES ('pgbench', to_timestamp(floor(extract(epoch FROM now()) / 60) * 60), 1) ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_counters.count + 1 RETURNING count;
COMMIT;
BEGIN READ ONLY;
WITH q AS (SELECT websearch_to_tsquery('italian', shopme_unaccent('parmigiano')) || websearch_to_tsquery('english', shopme_unaccent('parmigiano')) || websearch_to_tsquery('spanish', shopme_unaccent('parmigiano')) || websearch_to_tsquery('portuguese', shopme_unaccent('parmigiano')) || websearch_to_tsquery('simple', shopme_unaccent('parmigiano')) AS tsq, lower(shopme_unaccent('parmigiano')) AS raw) SELECT 'product', t.id::text, t.name, left(t.description, 160), ts_rank_cd(t.search_vector, q.tsq) * 4 + word_similarity(q.raw, t.search_text), t.price FROM (SELECT * FROM products t, q WHERE t.workspace_id = :ws::uuid AND t.search_vector @@ q.tsq LIMIT 500) t, q ORDER BY 5 DESC, 3 LIMIT 10;
COMMIT;
