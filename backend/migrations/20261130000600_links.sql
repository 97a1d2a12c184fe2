-- Secure links: one token service for every public page (registration, payment, order, invoice,
-- profile). The token itself is never stored, only its SHA-256 digest; every use is audited.
CREATE TABLE secure_links (
  workspace_id  uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  token_digest  text NOT NULL UNIQUE,
  type          text NOT NULL CHECK (type IN ('registration', 'payment', 'order', 'invoice', 'profile')),
  customer_id   uuid,
  resource_id   uuid,  -- the order, invoice… the link opens (none for registration and profile)
  single_use    boolean NOT NULL,
  expires_at    timestamptz NOT NULL,
  used_at       timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX secure_links_customer_idx ON secure_links (workspace_id, customer_id, type, created_at DESC);

CREATE TABLE secure_link_events (
  workspace_id  uuid NOT NULL,
  link_id       uuid NOT NULL,
  action        text NOT NULL,  -- viewed, registration, refused-expired, refused-used…
  ip            text NOT NULL DEFAULT '',
  created_at    timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (workspace_id, link_id) REFERENCES secure_links (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX secure_link_events_link_idx ON secure_link_events (workspace_id, link_id, created_at);

-- The privacy notice a customer consents to at registration, versioned so consent names what was read.
ALTER TABLE workspaces ADD COLUMN privacy_notice text NOT NULL DEFAULT '';
ALTER TABLE workspaces ADD COLUMN privacy_notice_version text NOT NULL DEFAULT 'v1';
