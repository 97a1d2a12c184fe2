-- Orders: lines are snapshots of what was sold at what price; amounts in integer minor units; every
-- status change is an event with who and when. Codes are sequential per workspace and year.
CREATE TABLE orders (
  workspace_id        uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id                  uuid NOT NULL DEFAULT gen_random_uuid(),
  code                text NOT NULL,
  customer_id         uuid NOT NULL,
  conversation_id     uuid,
  status              text NOT NULL DEFAULT 'pending_payment'
                      CHECK (status IN ('pending_payment', 'paid', 'processing', 'shipped', 'delivered', 'cancelled', 'refunded')),
  payment_status      text NOT NULL DEFAULT 'unpaid' CHECK (payment_status IN ('unpaid', 'paid', 'refunded', 'failed')),
  currency            char(3) NOT NULL,
  subtotal            bigint NOT NULL,
  discount            bigint NOT NULL DEFAULT 0,
  tax                 bigint NOT NULL DEFAULT 0,
  shipping            bigint NOT NULL DEFAULT 0,
  total               bigint NOT NULL,
  promo_code          text,
  code_offer_id       uuid,  -- the offer the promo code applied, for giving its use back on cancel
  shipping_address    jsonb NOT NULL DEFAULT '{}',
  billing_address     jsonb NOT NULL DEFAULT '{}',
  notes               text NOT NULL DEFAULT '',
  tracking_number     text,
  tracking_url        text,
  stock_reserved      boolean NOT NULL DEFAULT true,
  payment_expires_at  timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, code),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id)
);
CREATE INDEX orders_customer_idx ON orders (workspace_id, customer_id, created_at DESC);
CREATE INDEX orders_recent_idx ON orders (workspace_id, created_at DESC, id);

CREATE TABLE order_lines (
  workspace_id  uuid NOT NULL,
  order_id      uuid NOT NULL,
  line_no       integer NOT NULL,
  product_id    uuid,
  sku           text NOT NULL,
  name          text NOT NULL,
  unit_price    bigint NOT NULL,
  quantity      integer NOT NULL CHECK (quantity > 0),
  discount      bigint NOT NULL DEFAULT 0,
  total         bigint NOT NULL,
  tax_rate      integer NOT NULL,
  tax           bigint NOT NULL,
  offer_id      uuid,
  PRIMARY KEY (workspace_id, order_id, line_no),
  FOREIGN KEY (workspace_id, order_id) REFERENCES orders (workspace_id, id) ON DELETE CASCADE
);

-- Gives back the offer uses an order counted (automatic offers of its lines and its promo code),
-- when it is cancelled or its payment link expires: a use that bought nothing is not a use.
CREATE FUNCTION shopme_release_offer_uses(ws uuid, ord uuid) RETURNS void
LANGUAGE sql AS $$
  WITH used AS (
    SELECT DISTINCT offer_id FROM order_lines WHERE workspace_id = ws AND order_id = ord AND offer_id IS NOT NULL
    UNION SELECT code_offer_id FROM orders WHERE workspace_id = ws AND id = ord AND code_offer_id IS NOT NULL
  ), total AS (
    UPDATE offers SET usage_count = greatest(usage_count - 1, 0)
     WHERE workspace_id = ws AND id IN (SELECT offer_id FROM used) RETURNING id
  )
  UPDATE offer_usages SET uses = greatest(uses - 1, 0)
   WHERE workspace_id = ws AND offer_id IN (SELECT offer_id FROM used)
     AND customer_id = (SELECT customer_id FROM orders WHERE workspace_id = ws AND id = ord);
$$;

CREATE TABLE order_events (
  workspace_id  uuid NOT NULL,
  order_id      uuid NOT NULL,
  id            bigserial,
  from_status   text,
  to_status     text NOT NULL,
  actor_kind    text NOT NULL CHECK (actor_kind IN ('customer', 'operator', 'agent', 'system', 'gateway')),
  actor_id      uuid,
  note          text NOT NULL DEFAULT '',
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, order_id, id),
  FOREIGN KEY (workspace_id, order_id) REFERENCES orders (workspace_id, id) ON DELETE CASCADE
);

-- Sequential numbers per workspace and year, taken under the row lock: no gaps from concurrency,
-- no duplicates (order codes now; invoice numbers use the same table with another series).
CREATE TABLE document_counters (
  workspace_id  uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  series        text NOT NULL,
  year          integer NOT NULL,
  last_number   integer NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, series, year)
);
