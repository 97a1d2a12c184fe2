-- What GET /products?limit=20 costs PostgreSQL: the guard's session/membership query, the rate-limit
-- counter, the page and the kept count (statements as the server sends them; the timestamps are
-- formatted with a cast because pgbench would read the colons of a to_char pattern as variables).

SELECT EXISTS (SELECT 1 FROM auth_sessions s JOIN users u ON u.id = s.user_id WHERE s.id = :sid::uuid AND s.user_id = :uid::uuid AND s.revoked_at IS NULL AND s.expires_at > now() AND u.status = 'active'), (SELECT m.role FROM memberships m JOIN workspaces w ON w.id = m.workspace_id WHERE m.workspace_id = :ws::uuid AND m.user_id = :uid::uuid AND w.deleted_at IS NULL), (SELECT w.api_rate_limit FROM workspaces w WHERE w.id = :ws::uuid);
BEGIN;
SET LOCAL synchronous_commit = off;
INSERT INTO rate_limit_counters (key, window_start, count) VALUES ('pgbench', to_timestamp(floor(extract(epoch FROM now()) / 60) * 60), 1) ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_counters.count + 1 RETURNING count;
COMMIT;
SELECT p.id::text, p.name, p.description, p.sku, p.price, p.tax_rate, p.stock, p.status, p.category_id::text, p.attributes::text, p.language, (p.created_at AT TIME ZONE 'UTC')::text, (p.updated_at AT TIME ZONE 'UTC')::text, coalesce((SELECT json_agg(json_build_object('id', i.id, 'contentType', i.content_type) ORDER BY i.position)::text FROM product_images i WHERE i.workspace_id = p.workspace_id AND i.product_id = p.id), '[]') FROM products p WHERE p.workspace_id = :ws::uuid ORDER BY p.created_at desc, p.id desc LIMIT 20 OFFSET 0;
SELECT count FROM workspace_counts WHERE workspace_id = :ws::uuid AND entity = 'products';
