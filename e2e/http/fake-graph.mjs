// A stand-in for the WhatsApp Cloud API on loopback, speaking its protocol: POST
// /{phone-number-id}/messages with a bearer token answers {messaging_product, contacts, messages:[{id}]}
// or a Graph error. It records every request, can be told to answer 429, 500, a permanent error or
// nothing at all (timeout), can be slowed down, and, like the real one, reports each accepted
// message back through signed status webhooks (with biz_opaque_callback_data), retrying until the
// server acknowledges.
import http from 'node:http';
import crypto from 'node:crypto';

export function sign(body, secret) {
  return `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function statusDelivery(phoneNumberId, statuses) {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '900000000000001', changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550001111', phone_number_id: phoneNumberId },
      statuses,
    } }] }],
  });
}

export async function startFakeGraph({ token = 'test-token', delayMs = 0 } = {}) {
  const state = {
    requests: [],       // {path, auth, body}
    plan: [],           // answers for the next requests: 'ok' | 429 | 500 | 'timeout' | {code, status}
    delayMs,
    webhook: null,      // {url, secret, phoneNumberId}: where to send status callbacks
    pendingCallbacks: 0,
    media: {},          // id -> {mime, bytes}: what GET /{media-id} and its download URL serve
    mediaFetches: 0,
  };
  let seq = 0;
  let port = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', async () => {
      if (req.method === 'GET') return serveMedia(state, req, res, token, port);
      let parsed = null;
      try { parsed = JSON.parse(body); } catch { /* recorded as text */ }
      const record = { path: req.url, auth: req.headers.authorization, body: parsed ?? body, at: Date.now() };
      state.requests.push(record);
      const answer = state.plan.length ? state.plan.shift() : 'ok';
      if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
      if (answer === 'timeout') return; // never answers; the client gives up
      const json = (status, doc) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(doc));
      };
      if (req.headers.authorization !== `Bearer ${token}`) {
        return json(401, { error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 } });
      }
      if (answer === 429) return json(429, { error: { message: '(#130429) Rate limit hit', type: 'OAuthException', code: 130429 } });
      if (answer === 500) return json(500, { error: { message: 'An unknown error occurred', type: 'OAuthException', code: 1 } });
      if (typeof answer === 'object') {
        return json(answer.status ?? 400, { error: { message: answer.message ?? `(#${answer.code}) refused`, type: 'OAuthException', code: answer.code, error_data: { details: answer.details ?? 'refused by the fake' } } });
      }
      if (parsed?.status === 'read') return json(200, { success: true });
      const id = `wamid.fake${++seq}`;
      record.wamid = id;
      json(200, { messaging_product: 'whatsapp', contacts: [{ input: parsed?.to, wa_id: parsed?.to }], messages: [{ id }] });
      if (state.webhook && parsed?.biz_opaque_callback_data) {
        sendStatus(state, id, parsed.to, parsed.biz_opaque_callback_data);
      }
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  ({ port } = server.address());
  return {
    state,
    base: `http://127.0.0.1:${port}/v21.0`,
    messages: () => state.requests.filter((r) => r.body?.type),
    async close() {
      server.closeAllConnections?.();
      await new Promise((r) => server.close(r));
    },
  };
}

function serveMedia(state, req, res, token, port) {
  const json = (status, doc) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(doc));
  };
  if (req.headers.authorization !== `Bearer ${token}`) {
    return json(401, { error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 } });
  }
  const download = req.url.match(/^\/media-bytes\/([^/?]+)/);
  if (download) {
    const m = state.media[download[1]];
    if (!m) return json(404, { error: { message: 'gone', code: 100 } });
    res.writeHead(200, { 'content-type': m.mime });
    return res.end(m.bytes);
  }
  const id = req.url.split('/').pop();
  const m = state.media[id];
  if (!m) return json(400, { error: { message: 'Unsupported get request.', type: 'GraphMethodException', code: 100 } });
  state.mediaFetches++;
  return json(200, { messaging_product: 'whatsapp', url: `http://127.0.0.1:${port}/media-bytes/${id}`, mime_type: m.mime, sha256: 'x', file_size: m.bytes.length, id });
}

async function sendStatus(state, id, to, opaque) {
  const { secret, phoneNumberId } = state.webhook;
  const body = statusDelivery(phoneNumberId, [{ id, status: 'sent', timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: to, biz_opaque_callback_data: opaque }]);
  state.pendingCallbacks++;
  // The provider delivers at least once and keeps trying while the server is down.
  for (let attempt = 0; attempt < 600; attempt++) {
    try {
      // Read each time: the server may come back on another port.
      const r = await fetch(state.webhook.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(body, secret) }, body });
      if (r.status === 200) break;
    } catch { /* server down: try again */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  state.pendingCallbacks--;
}
