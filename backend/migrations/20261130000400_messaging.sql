-- WhatsApp channel, conversations, messages, the job queue that drives the pipeline, and live events.

-- One WhatsApp Business phone number per workspace. Credentials are sealed with the server key
-- (XChaCha20-Poly1305) before they reach this table; the verify token is kept sealed for display and
-- as a SHA-256 digest for the webhook's verification lookup.
CREATE TABLE whatsapp_channels (
  workspace_id          uuid PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
  phone_number_id       text NOT NULL,
  business_account_id   text NOT NULL DEFAULT '',
  api_base_url          text NOT NULL,
  access_token_sealed   text,
  app_secret_sealed     text,
  verify_token_sealed   text,
  verify_token_digest   text,
  enabled               boolean NOT NULL DEFAULT false,
  welcome_message       text NOT NULL DEFAULT '',
  inactive_message      text NOT NULL DEFAULT '',
  messages_per_second   integer NOT NULL DEFAULT 80 CHECK (messages_per_second BETWEEN 1 AND 1000),
  abuse_max_per_minute  integer NOT NULL DEFAULT 20 CHECK (abuse_max_per_minute BETWEEN 1 AND 10000),
  abuse_block_minutes   integer NOT NULL DEFAULT 60 CHECK (abuse_block_minutes BETWEEN 1 AND 525600),
  templates             jsonb NOT NULL DEFAULT '[]',
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now()
);
-- A phone number id routes a webhook delivery to exactly one workspace.
CREATE UNIQUE INDEX whatsapp_channels_phone_key ON whatsapp_channels (phone_number_id);
CREATE UNIQUE INDEX whatsapp_channels_verify_key ON whatsapp_channels (verify_token_digest)
  WHERE verify_token_digest IS NOT NULL;

-- Automatic blocks end by themselves; manual blocks have no end.
ALTER TABLE customers ADD COLUMN blocked_until timestamptz;

CREATE TABLE conversations (
  workspace_id        uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id                  uuid NOT NULL DEFAULT gen_random_uuid(),
  customer_id         uuid NOT NULL,
  sandbox             boolean NOT NULL DEFAULT false,  -- simulator traffic, kept out of analytics
  status              text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  mode                text NOT NULL DEFAULT 'bot' CHECK (mode IN ('bot', 'human')),
  assignee_id         uuid,
  unread_count        integer NOT NULL DEFAULT 0,
  last_message_at     timestamptz,
  last_message_preview text NOT NULL DEFAULT '',
  last_inbound_at     timestamptz,  -- opens the 24-hour customer-service window
  welcomed_at         timestamptz,
  inactive_notice_at  timestamptz,
  agent_answered_seq  bigint NOT NULL DEFAULT 0,  -- the agent has answered inbound messages up to here
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (assignee_id) REFERENCES users (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX conversations_customer_key ON conversations (workspace_id, customer_id, sandbox);
CREATE INDEX conversations_recent_idx ON conversations (workspace_id, last_message_at DESC NULLS LAST, id);

CREATE TABLE messages (
  workspace_id        uuid NOT NULL,
  id                  uuid NOT NULL DEFAULT gen_random_uuid(),
  seq                 bigserial,  -- arrival order inside a conversation (timestamps can tie)
  conversation_id     uuid NOT NULL,
  direction           text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  type                text NOT NULL,
  text                text NOT NULL DEFAULT '',
  payload             jsonb NOT NULL DEFAULT '{}',  -- media, interactive, location… and the raw message
  -- inbound: received; outbound: queued → sending → accepted → sent → delivered → read, or failed
  status              text NOT NULL,
  status_rank         smallint NOT NULL DEFAULT 0,
  provider_message_id text,
  reply_to            text,
  error               jsonb,
  author_kind         text NOT NULL CHECK (author_kind IN ('customer', 'operator', 'system', 'agent')),
  author_id           uuid,
  sending_started_at  timestamptz,
  provider_timestamp  timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, conversation_id) REFERENCES conversations (workspace_id, id) ON DELETE CASCADE
);
-- The provider delivers at least once: its message id makes a redelivery a no-op.
CREATE UNIQUE INDEX messages_provider_key ON messages (workspace_id, provider_message_id)
  WHERE provider_message_id IS NOT NULL;
CREATE INDEX messages_thread_idx ON messages (workspace_id, conversation_id, seq DESC);
CREATE INDEX messages_text_trgm_idx ON messages USING gin (workspace_id, text gin_trgm_ops);

CREATE TABLE conversation_notes (
  workspace_id     uuid NOT NULL,
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  conversation_id  uuid NOT NULL,
  author_id        uuid REFERENCES users (id) ON DELETE SET NULL,
  text             text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, conversation_id) REFERENCES conversations (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX conversation_notes_thread_idx ON conversation_notes (workspace_id, conversation_id, created_at);

-- Raw webhook deliveries as received (after the signature check), for audit and replay.
CREATE TABLE webhook_events (
  workspace_id  uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id            bigserial,
  provider      text NOT NULL,
  body          text NOT NULL,
  received_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX webhook_events_received_idx ON webhook_events (received_at);

-- The durable job queue. Jobs with the same ordering key run strictly one after the other in id
-- order; different keys run in parallel. Claimed with FOR UPDATE SKIP LOCKED under a lease, so a
-- crashed worker's job is taken again when the lease ends. Finished jobs are deleted; jobs that
-- exhausted their attempts stay as dead letters with the reason.
CREATE TABLE jobs (
  workspace_id  uuid NOT NULL,
  id            bigserial,
  kind          text NOT NULL,
  ordering_key  text NOT NULL,
  payload       jsonb NOT NULL DEFAULT '{}',
  state         text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'dead')),
  attempts      integer NOT NULL DEFAULT 0,
  max_attempts  integer NOT NULL DEFAULT 8,
  run_at        timestamptz NOT NULL DEFAULT now(),
  locked_until  timestamptz,
  last_error    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, id)
);
CREATE INDEX jobs_due_idx ON jobs (id) WHERE state IN ('queued', 'running');
CREATE INDEX jobs_ordering_idx ON jobs (ordering_key, id) WHERE state IN ('queued', 'running');

-- Stores one batch of normalized webhook deliveries in the caller's transaction: the raw events,
-- customers met for the first time, their conversations, the messages (a provider message id seen
-- before is skipped), a job per new inbound message, and status updates that only ever move a
-- message forward. The rules (normalization, status ranks) are decided by the server; this function
-- only applies them next to the data, so a batch costs one round trip.
CREATE FUNCTION shopme_ingest_whatsapp(batch jsonb) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  d jsonb;
  m jsonb;
  s jsonb;
  ws uuid;
  cust uuid;
  conv uuid;
  msg uuid;
  stored integer := 0;
  v_sandbox boolean;
  v_phone text;
BEGIN
  FOR d IN SELECT * FROM jsonb_array_elements(batch) LOOP
    ws := (d->>'workspaceId')::uuid;
    v_sandbox := coalesce((d->>'sandbox')::boolean, false);
    IF d ? 'raw' THEN
      INSERT INTO webhook_events (workspace_id, provider, body) VALUES (ws, 'whatsapp', d->>'raw');
    END IF;
    FOR m IN SELECT * FROM jsonb_array_elements(coalesce(d->'messages', '[]')) LOOP
      v_phone := '+' || (m->>'from');
      SELECT id INTO cust FROM customers WHERE workspace_id = ws AND whatsapp_id = m->>'from';
      IF cust IS NULL THEN
        UPDATE customers SET whatsapp_id = m->>'from', updated_at = now()
         WHERE workspace_id = ws AND phone = v_phone AND whatsapp_id IS NULL RETURNING id INTO cust;
      END IF;
      IF cust IS NULL THEN
        INSERT INTO customers (workspace_id, whatsapp_id, phone, name)
        VALUES (ws, m->>'from', v_phone, coalesce(m->>'profileName', ''))
        ON CONFLICT DO NOTHING
        RETURNING id INTO cust;
      END IF;
      IF cust IS NULL THEN
        -- A concurrent delivery created this customer first (the conflict waited for its commit).
        SELECT id INTO cust FROM customers WHERE workspace_id = ws AND whatsapp_id = m->>'from';
      END IF;
      IF cust IS NULL THEN
        -- The phone number belongs to another customer record already: keep both, the team merges.
        INSERT INTO customers (workspace_id, whatsapp_id, name)
        VALUES (ws, m->>'from', coalesce(m->>'profileName', ''))
        RETURNING id INTO cust;
      ELSIF coalesce(m->>'profileName', '') <> '' THEN
        UPDATE customers SET name = m->>'profileName', updated_at = now()
         WHERE workspace_id = ws AND id = cust AND name = '';
      END IF;
      SELECT id INTO conv FROM conversations WHERE workspace_id = ws AND customer_id = cust AND conversations.sandbox = v_sandbox;
      IF conv IS NULL THEN
        INSERT INTO conversations (workspace_id, customer_id, sandbox) VALUES (ws, cust, v_sandbox) RETURNING id INTO conv;
      END IF;
      msg := NULL;
      INSERT INTO messages (workspace_id, conversation_id, direction, type, text, payload, status, status_rank,
                            provider_message_id, reply_to, author_kind, provider_timestamp)
      VALUES (ws, conv, 'inbound', m->>'type', coalesce(m->>'text', ''), coalesce(m->'payload', '{}'),
              'received', 0, m->>'id', m->>'replyTo', 'customer', to_timestamp((m->>'timestamp')::double precision))
      ON CONFLICT (workspace_id, provider_message_id) WHERE provider_message_id IS NOT NULL DO NOTHING
      RETURNING id INTO msg;
      IF msg IS NOT NULL THEN
        stored := stored + 1;
        UPDATE conversations
           SET last_message_at = now(), last_message_preview = left(coalesce(m->>'text', ''), 200),
               unread_count = unread_count + 1, last_inbound_at = now(),
               status = 'open', updated_at = now()
         WHERE workspace_id = ws AND id = conv;
        INSERT INTO jobs (workspace_id, kind, ordering_key, payload)
        VALUES (ws, 'inbound', 'conversation:' || conv, jsonb_build_object('messageId', msg, 'conversationId', conv));
        PERFORM pg_notify('shopme_events', json_build_object('type', 'message.created', 'workspaceId', ws,
                          'conversationId', conv, 'messageId', msg)::text);
      END IF;
    END LOOP;
    FOR s IN SELECT * FROM jsonb_array_elements(coalesce(d->'statuses', '[]')) LOOP
      UPDATE messages
         SET status = s->>'status', status_rank = (s->>'rank')::smallint,
             provider_message_id = coalesce(provider_message_id, s->>'id'),
             error = coalesce(s->'error', error), updated_at = now()
       WHERE workspace_id = ws AND direction = 'outbound'
         AND (provider_message_id = s->>'id'
              OR (provider_message_id IS NULL AND id::text = coalesce(s->>'opaque', '')))
         AND status_rank <= (s->>'ceiling')::smallint
      RETURNING id, conversation_id INTO msg, conv;
      IF msg IS NOT NULL THEN
        PERFORM pg_notify('shopme_events', json_build_object('type', 'message.updated', 'workspaceId', ws,
                          'conversationId', conv, 'messageId', msg)::text);
      END IF;
    END LOOP;
  END LOOP;
  IF stored > 0 THEN
    PERFORM pg_notify('shopme_jobs', '');
  END IF;
  RETURN stored;
END $$;
