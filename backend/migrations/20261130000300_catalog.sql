-- What a business sells and who it sells to. Every key leads with workspace_id (tenant scoping and
-- distribution by workspace); money is bigint minor units; tax rates are basis points (2200 = 22 %).

-- Text search configuration by language code; anything else falls back to 'simple'.
CREATE FUNCTION shopme_ts_config(lang text) RETURNS regconfig LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE lang WHEN 'it' THEN 'italian'::regconfig WHEN 'en' THEN 'english'::regconfig
                   WHEN 'es' THEN 'spanish'::regconfig WHEN 'pt' THEN 'portuguese'::regconfig
                   ELSE 'simple'::regconfig END
$$;

-- unaccent() is only STABLE; an immutable wrapper (fixed dictionary) lets indexes use it.
CREATE FUNCTION shopme_unaccent(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT public.unaccent('public.unaccent'::regdictionary, coalesce(t, ''))
$$;

CREATE TABLE categories (
  workspace_id   uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  parent_id      uuid,
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  description    text NOT NULL DEFAULT '',
  display_order  integer NOT NULL DEFAULT 0,
  active         boolean NOT NULL DEFAULT true,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, parent_id) REFERENCES categories (workspace_id, id)
);

CREATE TABLE products (
  workspace_id   uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  sku            text NOT NULL CHECK (length(sku) BETWEEN 1 AND 64),
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description    text NOT NULL DEFAULT '',
  price          bigint NOT NULL CHECK (price >= 0),
  tax_rate       integer NOT NULL DEFAULT 2200 CHECK (tax_rate BETWEEN 0 AND 10000),
  stock          integer NOT NULL DEFAULT 0 CHECK (stock >= 0),
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'draft')),
  category_id    uuid,
  attributes     jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attributes) = 'object'),
  language       text NOT NULL DEFAULT 'it',
  search_text    text NOT NULL DEFAULT '',  -- name, category, attributes and description, unaccented
  search_vector  tsvector NOT NULL DEFAULT ''::tsvector,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, sku),
  FOREIGN KEY (workspace_id, category_id) REFERENCES categories (workspace_id, id)
);
CREATE INDEX products_recent_idx ON products (workspace_id, created_at DESC, id DESC);
CREATE INDEX products_name_idx ON products (workspace_id, lower(name), id);
CREATE INDEX products_price_idx ON products (workspace_id, price, id);
CREATE INDEX products_category_idx ON products (workspace_id, category_id, status);
CREATE INDEX products_search_idx ON products USING gin (workspace_id, search_vector);
CREATE INDEX products_trgm_idx ON products USING gin (workspace_id, search_text gin_trgm_ops);
CREATE INDEX products_status_recent_idx ON products (workspace_id, status, created_at DESC, id DESC);

CREATE TABLE product_images (
  workspace_id  uuid NOT NULL,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  product_id    uuid NOT NULL,
  content_type  text NOT NULL,
  size_bytes    integer NOT NULL,
  sha256        text NOT NULL,
  position      integer NOT NULL DEFAULT 0,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, product_id) REFERENCES products (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX product_images_product_idx ON product_images (workspace_id, product_id, position);

CREATE TABLE services (
  workspace_id      uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id                uuid NOT NULL DEFAULT gen_random_uuid(),
  name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description       text NOT NULL DEFAULT '',
  price             bigint NOT NULL CHECK (price >= 0),
  tax_rate          integer NOT NULL DEFAULT 2200 CHECK (tax_rate BETWEEN 0 AND 10000),
  duration_minutes  integer CHECK (duration_minutes > 0),
  active            boolean NOT NULL DEFAULT true,
  language          text NOT NULL DEFAULT 'it',
  search_text       text NOT NULL DEFAULT '',
  search_vector     tsvector NOT NULL DEFAULT ''::tsvector,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX services_search_idx ON services USING gin (workspace_id, search_vector);
CREATE INDEX services_trgm_idx ON services USING gin (workspace_id, search_text gin_trgm_ops);

CREATE TABLE faqs (
  workspace_id   uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  question       text NOT NULL CHECK (length(question) BETWEEN 1 AND 500),
  answer         text NOT NULL CHECK (length(answer) BETWEEN 1 AND 5000),
  language       text NOT NULL DEFAULT 'it',
  active         boolean NOT NULL DEFAULT true,
  search_text    text NOT NULL DEFAULT '',
  search_vector  tsvector NOT NULL DEFAULT ''::tsvector,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX faqs_search_idx ON faqs USING gin (workspace_id, search_vector);
CREATE INDEX faqs_trgm_idx ON faqs USING gin (workspace_id, search_text gin_trgm_ops);

CREATE TABLE offers (
  workspace_id            uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id                      uuid NOT NULL DEFAULT gen_random_uuid(),
  name                    text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description             text NOT NULL DEFAULT '',
  type                    text NOT NULL CHECK (type IN ('percentage', 'fixed_amount', 'buy_x_get_y')),
  value                   bigint NOT NULL DEFAULT 0 CHECK (value >= 0),
  buy_quantity            integer NOT NULL DEFAULT 0 CHECK (buy_quantity >= 0),
  get_quantity            integer NOT NULL DEFAULT 0 CHECK (get_quantity >= 0),
  product_ids             uuid[] NOT NULL DEFAULT '{}',
  category_ids            uuid[] NOT NULL DEFAULT '{}',
  starts_at               timestamptz,
  ends_at                 timestamptz,
  min_purchase            bigint NOT NULL DEFAULT 0 CHECK (min_purchase >= 0),
  usage_limit             integer CHECK (usage_limit > 0),
  usage_limit_per_customer integer CHECK (usage_limit_per_customer > 0),
  usage_count             integer NOT NULL DEFAULT 0,
  code                    text,
  active                  boolean NOT NULL DEFAULT true,
  language                text NOT NULL DEFAULT 'it',
  search_text             text NOT NULL DEFAULT '',
  search_vector           tsvector NOT NULL DEFAULT ''::tsvector,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at)
);
CREATE UNIQUE INDEX offers_code_key ON offers (workspace_id, lower(code)) WHERE code IS NOT NULL;
CREATE INDEX offers_search_idx ON offers USING gin (workspace_id, search_vector);

CREATE TABLE customers (
  workspace_id       uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id                 uuid NOT NULL DEFAULT gen_random_uuid(),
  name               text NOT NULL DEFAULT '',
  email              text,
  phone              text,  -- E.164
  whatsapp_id        text,
  language           text NOT NULL DEFAULT 'it',
  company            text NOT NULL DEFAULT '',
  shipping_address   jsonb NOT NULL DEFAULT '{}',
  billing_address    jsonb NOT NULL DEFAULT '{}',
  notes              text NOT NULL DEFAULT '',
  tags               text[] NOT NULL DEFAULT '{}',
  custom_fields      jsonb NOT NULL DEFAULT '{}',
  gdpr_consent_at    timestamptz,
  gdpr_consent_version text,
  push_opt_in        boolean NOT NULL DEFAULT false,
  blocked            boolean NOT NULL DEFAULT false,
  blocked_reason     text NOT NULL DEFAULT '',
  registered_at      timestamptz,
  search_text        text NOT NULL DEFAULT '',
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id)
);
CREATE UNIQUE INDEX customers_phone_key ON customers (workspace_id, phone) WHERE phone IS NOT NULL;
CREATE UNIQUE INDEX customers_whatsapp_key ON customers (workspace_id, whatsapp_id) WHERE whatsapp_id IS NOT NULL;
CREATE INDEX customers_recent_idx ON customers (workspace_id, created_at DESC, id DESC);
CREATE INDEX customers_trgm_idx ON customers USING gin (workspace_id, search_text gin_trgm_ops);

-- Offer usage per customer, counted in the same transaction that uses the offer.
CREATE TABLE offer_usages (
  workspace_id  uuid NOT NULL,
  offer_id      uuid NOT NULL,
  customer_id   uuid NOT NULL,
  uses          integer NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, offer_id, customer_id),
  FOREIGN KEY (workspace_id, offer_id) REFERENCES offers (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE
);

-- Exact row counts per workspace, kept in the transactions that add or remove rows, so a list can
-- answer `total` without counting a whole workspace on every request.
CREATE TABLE workspace_counts (
  workspace_id  uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  entity        text NOT NULL,
  count         bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, entity)
);

-- Counts are kept per entity and, for products, per status too ("products:active"), so the
-- unfiltered list and the status tabs both answer an exact total without counting rows.
CREATE FUNCTION shopme_count_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO workspace_counts (workspace_id, entity, count)
      SELECT workspace_id, TG_TABLE_NAME, count(*) FROM new_rows GROUP BY workspace_id
      ON CONFLICT (workspace_id, entity) DO UPDATE SET count = workspace_counts.count + EXCLUDED.count;
  ELSE
    UPDATE workspace_counts c SET count = c.count - d.n
      FROM (SELECT workspace_id, count(*) AS n FROM old_rows GROUP BY workspace_id) d
      WHERE c.workspace_id = d.workspace_id AND c.entity = TG_TABLE_NAME;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION shopme_count_product_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO workspace_counts (workspace_id, entity, count)
      SELECT workspace_id, 'products:' || status, count(*) FROM new_rows GROUP BY workspace_id, status
      ON CONFLICT (workspace_id, entity) DO UPDATE SET count = workspace_counts.count + EXCLUDED.count;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE workspace_counts c SET count = c.count - d.n
      FROM (SELECT workspace_id, 'products:' || status AS entity, count(*) AS n FROM old_rows
            GROUP BY workspace_id, status) d
      WHERE c.workspace_id = d.workspace_id AND c.entity = d.entity;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER products_count_ins AFTER INSERT ON products REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION shopme_count_rows();
CREATE TRIGGER products_count_del AFTER DELETE ON products REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION shopme_count_rows();
CREATE TRIGGER products_status_ins AFTER INSERT ON products REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION shopme_count_product_status();
CREATE TRIGGER products_status_upd AFTER UPDATE ON products REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION shopme_count_product_status();
CREATE TRIGGER products_status_del AFTER DELETE ON products REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION shopme_count_product_status();
CREATE TRIGGER customers_count_ins AFTER INSERT ON customers REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION shopme_count_rows();
CREATE TRIGGER customers_count_del AFTER DELETE ON customers REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION shopme_count_rows();

-- Search documents: weighted full-text vector in the text's language plus an unaccented lower-case
-- text for trigram similarity (typos, partial words).
CREATE FUNCTION shopme_product_search() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  category_name text;
  attrs text;
BEGIN
  SELECT c.name INTO category_name FROM categories c
   WHERE c.workspace_id = NEW.workspace_id AND c.id = NEW.category_id;
  SELECT coalesce(string_agg(key || ' ' || value, ' '), '') INTO attrs FROM jsonb_each_text(NEW.attributes);
  -- The trigram text is the name and category only: typos are made in names, and a short text keeps
  -- the trigram index selective.
  NEW.search_text := lower(shopme_unaccent(NEW.name || ' ' || coalesce(category_name, '')));
  NEW.search_vector :=
      setweight(to_tsvector(shopme_ts_config(NEW.language), shopme_unaccent(NEW.name)), 'A') ||
      setweight(to_tsvector(shopme_ts_config(NEW.language), shopme_unaccent(coalesce(category_name, '') || ' ' || attrs)), 'B') ||
      setweight(to_tsvector(shopme_ts_config(NEW.language), shopme_unaccent(NEW.description)), 'C') ||
      setweight(to_tsvector('simple', shopme_unaccent(NEW.name || ' ' || NEW.sku)), 'D');
  RETURN NEW;
END $$;
CREATE TRIGGER products_search BEFORE INSERT OR UPDATE OF name, description, attributes, category_id, language, sku
  ON products FOR EACH ROW EXECUTE FUNCTION shopme_product_search();

CREATE FUNCTION shopme_text_search() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  title text;
  body text;
BEGIN
  IF TG_TABLE_NAME = 'faqs' THEN
    title := NEW.question; body := NEW.answer;
  ELSE
    title := NEW.name; body := NEW.description;
  END IF;
  NEW.search_text := lower(shopme_unaccent(title));
  NEW.search_vector :=
      setweight(to_tsvector(shopme_ts_config(NEW.language), shopme_unaccent(title)), 'A') ||
      setweight(to_tsvector(shopme_ts_config(NEW.language), shopme_unaccent(body)), 'C');
  RETURN NEW;
END $$;
CREATE TRIGGER services_search BEFORE INSERT OR UPDATE ON services FOR EACH ROW EXECUTE FUNCTION shopme_text_search();
CREATE TRIGGER faqs_search BEFORE INSERT OR UPDATE ON faqs FOR EACH ROW EXECUTE FUNCTION shopme_text_search();
CREATE TRIGGER offers_search BEFORE INSERT OR UPDATE ON offers FOR EACH ROW EXECUTE FUNCTION shopme_text_search();

CREATE FUNCTION shopme_customer_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_text := lower(shopme_unaccent(NEW.name || ' ' || coalesce(NEW.email, '') || ' ' ||
                                           coalesce(NEW.phone, '') || ' ' || NEW.company));
  RETURN NEW;
END $$;
CREATE TRIGGER customers_search BEFORE INSERT OR UPDATE ON customers FOR EACH ROW EXECUTE FUNCTION shopme_customer_search();
