-- What an agent turn needs to answer a conversation, read in one call: shopme_turn_state's row and,
-- for a workspace whose agent is a language model, the conversation's last exchanges answered
-- already (JSON [[direction, text], …], oldest first). The message's first read calls it, so a
-- model turn started right after that commit has everything it needs and reads nothing before its
-- first call.
--
-- plpgsql, so that its statement keeps its plan between calls; a generic one (keyed lookups).
CREATE FUNCTION shopme_agent_turn_state(ws uuid, conv uuid)
RETURNS TABLE (bot boolean, customer_id uuid, customer_name text, language text, currency text, shop text,
               provider text, base_url text, model text, api_key_sealed text, temperature float8,
               max_tokens integer, timeout_ms integer, enabled_tools text[], debug boolean, prompt text,
               unanswered text, answered_through bigint, reply_id text, reply_text text, offered_product text,
               history text)
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
  RETURN QUERY
  SELECT s.*,
         CASE WHEN s.provider = 'openai-compatible' THEN
           (SELECT coalesce(json_agg(json_build_array(h.direction, h.text) ORDER BY h.seq), '[]')::text
              FROM (SELECT m.seq, m.direction, m.text FROM messages m
                     WHERE m.workspace_id = ws AND m.conversation_id = conv AND m.text <> ''
                       AND m.seq <= coalesce((SELECT max(o.seq) FROM messages o WHERE o.workspace_id = ws
                                                AND o.conversation_id = conv AND o.direction = 'outbound'), 0)
                     ORDER BY m.seq DESC LIMIT 12) h)
         END
    FROM shopme_turn_state(ws, conv) s;
END $$;
