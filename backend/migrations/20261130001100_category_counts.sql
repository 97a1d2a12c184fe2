-- Kept product counts per category ("products:category:<id>") and per category and status
-- ("products:category:<id>:<status>"), next to the per-status ones, so a list filtered by category
-- (with its sub-categories: the sum over the subtree's few rows) answers an exact total without
-- counting the category's products on every request.
CREATE OR REPLACE FUNCTION shopme_count_product_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO workspace_counts (workspace_id, entity, count)
      SELECT workspace_id, entity, count(*)
        FROM new_rows,
             LATERAL (VALUES ('products:' || status),
                             ('products:category:' || category_id),
                             ('products:category:' || category_id || ':' || status)) k (entity)
       WHERE entity IS NOT NULL
       GROUP BY workspace_id, entity
      ON CONFLICT (workspace_id, entity) DO UPDATE SET count = workspace_counts.count + EXCLUDED.count;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE workspace_counts c SET count = c.count - d.n
      FROM (SELECT workspace_id, entity, count(*) AS n
              FROM old_rows,
                   LATERAL (VALUES ('products:' || status),
                                   ('products:category:' || category_id),
                                   ('products:category:' || category_id || ':' || status)) k (entity)
             WHERE entity IS NOT NULL
             GROUP BY workspace_id, entity) d
      WHERE c.workspace_id = d.workspace_id AND c.entity = d.entity;
  END IF;
  RETURN NULL;
END $$;

INSERT INTO workspace_counts (workspace_id, entity, count)
  SELECT workspace_id, entity, count(*)
    FROM products,
         LATERAL (VALUES ('products:category:' || category_id),
                         ('products:category:' || category_id || ':' || status)) k (entity)
   WHERE category_id IS NOT NULL
   GROUP BY workspace_id, entity
  ON CONFLICT (workspace_id, entity) DO UPDATE SET count = EXCLUDED.count;
