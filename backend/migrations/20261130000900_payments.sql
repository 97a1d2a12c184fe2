-- Payments: per-workspace gateway settings (keys sealed), checkout sessions at the gateway, each
-- gateway event processed once, refunds, invoice numbers, and erasure of a customer's personal data.
CREATE TABLE payment_settings (
  workspace_id           uuid PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
  provider               text NOT NULL DEFAULT 'test' CHECK (provider IN ('test', 'stripe')),
  secret_key_sealed      text,
  webhook_secret_sealed  text,
  api_base_url           text NOT NULL DEFAULT '',
  updated_at             timestamptz NOT NULL DEFAULT now()
);

-- One checkout session per payment attempt; a second click while one is open reuses it.
CREATE TABLE payment_sessions (
  workspace_id         uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id                   uuid NOT NULL DEFAULT gen_random_uuid(),
  order_id             uuid NOT NULL,
  provider             text NOT NULL CHECK (provider IN ('test', 'stripe')),
  provider_session_id  text,           -- cs_… at Stripe; tgs_… (random) at the test gateway
  payment_intent_id    text,
  status               text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid', 'expired', 'failed')),
  amount               bigint NOT NULL,
  currency             char(3) NOT NULL,
  url                  text NOT NULL DEFAULT '',
  return_path          text NOT NULL DEFAULT '',  -- /s/<token> of the payment link, for the result page
  expires_at           timestamptz NOT NULL,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, order_id) REFERENCES orders (workspace_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX payment_sessions_provider_key ON payment_sessions (provider, provider_session_id)
  WHERE provider_session_id IS NOT NULL;
CREATE INDEX payment_sessions_order_idx ON payment_sessions (workspace_id, order_id, created_at DESC);

-- Every gateway event once: a replayed webhook finds its id here and changes nothing.
CREATE TABLE payment_events (
  workspace_id  uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  provider      text NOT NULL,
  event_id      text NOT NULL,
  type          text NOT NULL,
  order_id      uuid,
  payload       jsonb NOT NULL DEFAULT '{}',
  received_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, provider, event_id)
);

CREATE TABLE refunds (
  workspace_id        uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id                  uuid NOT NULL DEFAULT gen_random_uuid(),
  order_id            uuid NOT NULL,
  amount              bigint NOT NULL CHECK (amount > 0),
  reason              text NOT NULL DEFAULT '',
  provider_refund_id  text,
  requested_by        uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, order_id) REFERENCES orders (workspace_id, id) ON DELETE CASCADE
);

ALTER TABLE orders ADD COLUMN paid_at timestamptz;
ALTER TABLE orders ADD COLUMN invoice_number text;
ALTER TABLE orders ADD COLUMN invoice_issued_at timestamptz;
ALTER TABLE orders ADD COLUMN payment_provider text;
CREATE UNIQUE INDEX orders_invoice_number_key ON orders (workspace_id, invoice_number) WHERE invoice_number IS NOT NULL;

-- The seller's details printed on invoices.
ALTER TABLE workspaces ADD COLUMN legal_name text NOT NULL DEFAULT '';
ALTER TABLE workspaces ADD COLUMN legal_address text NOT NULL DEFAULT '';
ALTER TABLE workspaces ADD COLUMN vat_number text NOT NULL DEFAULT '';

-- A customer who asked for erasure: personal fields blanked, this records when.
ALTER TABLE customers ADD COLUMN erased_at timestamptz;

-- When the privacy text customers accept last changed.
ALTER TABLE workspaces ADD COLUMN privacy_notice_updated_at timestamptz;
