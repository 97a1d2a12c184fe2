-- First contact costs less to store: a customer just created keeps the profile name it was created
-- with (no second statement to fill it in), and a new conversation is created with its first
-- message's summary (last message, preview, unread count, window) instead of being updated right
-- after; the update also rewrote the row's index entries. Otherwise as before.
CREATE OR REPLACE FUNCTION shopme_ingest_whatsapp(batch jsonb) RETURNS integer
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
  new_customer boolean;
  new_conv boolean;
BEGIN
  FOR d IN SELECT * FROM jsonb_array_elements(batch) LOOP
    ws := (d->>'workspaceId')::uuid;
    v_sandbox := coalesce((d->>'sandbox')::boolean, false);
    IF d ? 'raw' THEN
      INSERT INTO webhook_events (workspace_id, provider, body) VALUES (ws, 'whatsapp', d->>'raw');
    END IF;
    FOR m IN SELECT * FROM jsonb_array_elements(coalesce(d->'messages', '[]')) LOOP
      v_phone := '+' || (m->>'from');
      new_customer := false;
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
        new_customer := cust IS NOT NULL;
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
      ELSIF NOT new_customer AND coalesce(m->>'profileName', '') <> '' THEN
        UPDATE customers SET name = m->>'profileName', updated_at = now()
         WHERE workspace_id = ws AND id = cust AND name = '';
      END IF;
      new_conv := false;
      SELECT id INTO conv FROM conversations WHERE workspace_id = ws AND customer_id = cust AND conversations.sandbox = v_sandbox;
      IF conv IS NULL THEN
        -- Created with its first message's summary: a new conversation cannot hold this message yet,
        -- so the message is stored below and the update after it is not needed.
        INSERT INTO conversations (workspace_id, customer_id, sandbox, last_message_at, last_message_preview,
                                   unread_count, last_inbound_at)
        VALUES (ws, cust, v_sandbox, now(), left(coalesce(m->>'text', ''), 200), 1, now())
        RETURNING id INTO conv;
        new_conv := true;
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
        IF NOT new_conv THEN
          UPDATE conversations
             SET last_message_at = now(), last_message_preview = left(coalesce(m->>'text', ''), 200),
                 unread_count = unread_count + 1, last_inbound_at = now(),
                 status = 'open', updated_at = now()
           WHERE workspace_id = ws AND id = conv;
        END IF;
        INSERT INTO jobs (workspace_id, kind, ordering_key, payload)
        VALUES (ws, 'inbound', 'conversation:' || conv, jsonb_build_object('messageId', msg, 'conversationId', conv));
        PERFORM pg_notify('shopme_events', json_build_object('type', 'message.created', 'workspaceId', ws,
                          'conversationId', conv, 'messageId', msg)::text);
      ELSIF new_conv THEN
        -- The message id was stored before, elsewhere: the new conversation holds nothing yet.
        UPDATE conversations SET last_message_at = NULL, last_message_preview = '', unread_count = 0,
                                 last_inbound_at = NULL
         WHERE workspace_id = ws AND id = conv;
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
