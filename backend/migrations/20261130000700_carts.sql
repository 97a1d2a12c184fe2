-- The customer's cart in the chat: one open cart per customer, lines keyed by product so that a
-- repeated "put 2 in the cart" (a retried turn) sets the same line instead of adding another.
CREATE TABLE carts (
  workspace_id  uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  customer_id   uuid NOT NULL,
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'ordered')),
  promo_code    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX carts_open_key ON carts (workspace_id, customer_id) WHERE status = 'open';

CREATE TABLE cart_lines (
  workspace_id  uuid NOT NULL,
  cart_id       uuid NOT NULL,
  product_id    uuid NOT NULL,
  quantity      integer NOT NULL CHECK (quantity BETWEEN 1 AND 10000),
  added_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, cart_id, product_id),
  FOREIGN KEY (workspace_id, cart_id) REFERENCES carts (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, product_id) REFERENCES products (workspace_id, id) ON DELETE CASCADE
);
