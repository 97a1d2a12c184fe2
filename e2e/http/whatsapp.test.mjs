// The WhatsApp channel end to end against a fake Graph API on loopback: settings with write-only
// secrets, the webhook (verification, signatures, every message type, statuses, batching,
// redelivery), the outbox sender (window, retries, permanent failures, throughput), the inbox API,
// abuse control and the simulator.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startServer, seededDatabase, Client, generousLimits, psql, sleep, waitFor } from './lib.mjs';
import { startFakeGraph, sign } from './fake-graph.mjs';

const PHONE_ID = '106540000000001';
const SECRET = 'app-secret-for-tests';
const TOKEN = 'test-token';
let srv, graph, admin, agent, conninfo, w, hotel;

export function delivery(messages, { phoneId = PHONE_ID, contacts, statuses } = {}) {
  const value = { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550001111', phone_number_id: phoneId } };
  if (messages) value.messages = messages;
  if (contacts) value.contacts = contacts;
  if (statuses) value.statuses = statuses;
  return JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '900000000000001', changes: [{ field: 'messages', value }] }] });
}
const now = () => String(Math.floor(Date.now() / 1000));
let idSeq = 0;
const wamid = () => `wamid.test${Date.now()}${++idSeq}`;
const text = (from, body, extra = {}) => ({ from, id: wamid(), timestamp: now(), type: 'text', text: { body }, ...extra });

async function hook(body, { secret = SECRET, signature } = {}) {
  const r = await fetch(`${srv.base}/webhooks/whatsapp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature !== null ? { 'x-hub-signature-256': signature ?? sign(body, secret) } : {}) },
    body,
  });
  return { status: r.status, text: await r.text() };
}


const count = (sql) => Number(psql(sql, conninfo));
async function conversationOf(waId) {
  const list = await admin.get(`${w}/conversations?filter=all&search=${waId}`);
  return list.json.items[0];
}
async function thread(id) {
  return (await admin.get(`${w}/conversations/${id}/messages?limit=200`)).json.items;
}

before(async () => {
  graph = await startFakeGraph({ token: TOKEN });
  conninfo = seededDatabase('whatsapp_test');
  srv = await startServer({ env: { DATABASE_URL: conninfo, ...generousLimits, SHOPME_WHATSAPP_TIMEOUT_MS: '800', SHOPME_WHATSAPP_IN_DOUBT_GRACE_S: '2' } });
  admin = new Client(srv.base);
  agent = new Client(srv.base);
  const me = await admin.login('admin@shopme.test');
  await agent.login('agent@shopme.test');
  w = `/api/workspaces/${me.memberships.find((m) => m.workspaceName === 'Bottega Italiana').workspaceId}`;
  hotel = `/api/workspaces/${me.memberships.find((m) => m.workspaceName === 'Hotel Belvedere').workspaceId}`;
});
after(async () => {
  await srv.stop();
  await graph.close();
});

test('channel settings: validation, write-only secrets sealed at rest, admin only', async () => {
  const empty = await admin.get(`${w}/channels/whatsapp`);
  assert.equal(empty.status, 200);
  assert.equal(empty.json.accessTokenSet, false);
  const bad = await admin.put(`${w}/channels/whatsapp`, { phoneNumberId: 'abc', apiBaseUrl: 'ftp://x', messagesPerSecond: 0, verifyToken: 'short', templates: [{ name: 'Bad Name' }] });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.json.errors.map((e) => e.field).sort(),
    ['apiBaseUrl', 'messagesPerSecond', 'phoneNumberId', 'templates[0].language', 'templates[0].name', 'verifyToken']);
  const noSecret = await admin.put(`${w}/channels/whatsapp`, { phoneNumberId: PHONE_ID, enabled: true });
  assert.equal(noSecret.status, 422, 'enabling needs credentials');
  assert.equal((await agent.get(`${w}/channels/whatsapp`)).status, 403);
  const ok = await admin.put(`${w}/channels/whatsapp`, {
    phoneNumberId: PHONE_ID, businessAccountId: '900000000000001', apiBaseUrl: graph.base, accessToken: TOKEN, appSecret: SECRET,
    verifyToken: 'verify-me-please', enabled: true, welcomeMessage: 'Benvenuto da Bottega Italiana!', inactiveMessage: 'Siamo chiusi.',
    templates: [{ name: 'order_update', language: 'it', body: 'Ciao {{1}}', parameterCount: 1 }],
  });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.accessTokenSet, true);
  assert.equal(ok.json.appSecretSet, true);
  assert.equal(ok.json.accessToken, undefined);
  assert.equal(ok.json.appSecret, undefined);
  assert.equal(ok.json.verifyToken, 'verify-me-please');
  assert.match(ok.json.webhookUrl, /\/webhooks\/whatsapp$/);
  const row = psql(`SELECT access_token_sealed || app_secret_sealed FROM whatsapp_channels`, conninfo);
  assert.ok(!row.includes(TOKEN) && !row.includes(SECRET), 'secrets are not stored in clear');
  // An omitted secret keeps the stored one.
  const again = await admin.put(`${w}/channels/whatsapp`, { phoneNumberId: PHONE_ID, apiBaseUrl: graph.base, enabled: true, welcomeMessage: 'Benvenuto da Bottega Italiana!' });
  assert.equal(again.status, 200, again.text);
  assert.equal(again.json.accessTokenSet, true);
  // Another workspace cannot take the same number.
  const taken = await admin.put(`${hotel}/channels/whatsapp`, { phoneNumberId: PHONE_ID });
  assert.equal(taken.status, 409);
  assert.ok(!srv.lines.join('\n').includes(SECRET), 'the secret never reaches the log');
});

test('webhook verification answers the raw challenge only for a configured verify token', async () => {
  const good = await fetch(`${srv.base}/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=verify-me-please`);
  assert.equal(good.status, 200);
  assert.equal(await good.text(), '1158201444');
  const wrong = await fetch(`${srv.base}/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1&hub.verify_token=nope`);
  assert.equal(wrong.status, 403);
  const noMode = await fetch(`${srv.base}/webhooks/whatsapp?hub.challenge=1&hub.verify_token=verify-me-please`);
  assert.equal(noMode.status, 403);
});

test('webhook signatures: missing or wrong is 401 and stores nothing; unknown number is acknowledged and ignored', async () => {
  const before = count('SELECT count(*) FROM messages');
  const body = delivery([text('393330000001', 'firma?')]);
  assert.equal((await hook(body, { signature: null })).status, 401);
  assert.equal((await hook(body, { secret: 'another-secret' })).status, 401);
  assert.equal((await hook(body, { signature: 'sha256=zz' })).status, 401);
  // The body signed is the body checked: one changed byte fails.
  assert.equal((await hook(body.replace('firma', 'firme'), { signature: sign(body, SECRET) })).status, 401);
  assert.equal(count('SELECT count(*) FROM messages'), before);
  assert.equal((await hook(delivery([text('393330000001', 'x')], { phoneId: '999' }))).status, 200);
  assert.equal(count('SELECT count(*) FROM messages'), before);
  assert.equal((await hook('{"object":"page"}')).status, 400);
  assert.equal((await hook('not json')).status, 400);
});

test('every message type of a batch is stored once, in order, with what a person would read', async () => {
  const from = '393331110001';
  const ctx = wamid();
  const messages = [
    text(from, 'Avete il parmigiano?'),
    { from, id: wamid(), timestamp: now(), type: 'image', image: { id: '1003383421387256', mime_type: 'image/jpeg', sha256: 'abc', caption: 'Questo?' } },
    { from, id: wamid(), timestamp: now(), type: 'audio', audio: { id: '2001', mime_type: 'audio/ogg; codecs=opus', voice: true } },
    { from, id: wamid(), timestamp: now(), type: 'video', video: { id: '2002', mime_type: 'video/mp4' } },
    { from, id: wamid(), timestamp: now(), type: 'document', document: { id: '2003', mime_type: 'application/pdf', filename: 'fattura.pdf', caption: 'La fattura' } },
    { from, id: wamid(), timestamp: now(), type: 'sticker', sticker: { id: '2004', mime_type: 'image/webp', animated: false } },
    { from, id: wamid(), timestamp: now(), type: 'location', location: { latitude: 44.8, longitude: 10.33, name: 'Parma', address: 'Via Roma 1' } },
    { from, id: wamid(), timestamp: now(), type: 'contacts', contacts: [{ name: { formatted_name: 'Luigi Verdi', first_name: 'Luigi' }, phones: [{ phone: '+39 333 1234567' }] }] },
    { from, id: wamid(), timestamp: now(), type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Sì, grazie' } }, context: { from: '15550001111', id: ctx } },
    { from, id: wamid(), timestamp: now(), type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'express', title: 'Express', description: '24h' } } },
    { from, id: wamid(), timestamp: now(), type: 'button', button: { payload: 'STOP', text: 'Unsubscribe' } },
    { from, id: wamid(), timestamp: now(), type: 'order', order: { catalog_id: '194836987003835', text: 'Ecco', product_items: [{ product_retailer_id: 'PARM-24', quantity: '2', item_price: 30, currency: 'EUR' }] } },
    { from, id: wamid(), timestamp: now(), type: 'reaction', reaction: { message_id: ctx, emoji: '👍' } },
    { from, id: wamid(), timestamp: now(), type: 'unsupported', errors: [{ code: 131051, title: 'Message type unknown', message: 'Message type unknown', error_data: { details: 'Message type is currently not supported.' } }], unsupported: { type: 'edit' } },
    { from, id: wamid(), timestamp: now(), type: 'some_future_type', some_future_type: { anything: 1 } },
  ];
  const body = delivery(messages, { contacts: [{ profile: { name: 'Giulia Bianchi' }, wa_id: from }] });
  assert.equal((await hook(body)).status, 200);
  // A redelivery of the same batch is acknowledged and changes nothing.
  assert.equal((await hook(body)).status, 200);
  const conv = await conversationOf(from);
  assert.equal(conv.customer.name, 'Giulia Bianchi');
  assert.equal(conv.customer.phone, `+${from}`);
  const items = (await thread(conv.id)).filter((m) => m.direction === 'inbound').reverse();
  assert.equal(items.length, messages.length);
  assert.deepEqual(items.map((m) => m.type), ['text', 'image', 'audio', 'video', 'document', 'sticker', 'location', 'contacts', 'interactive', 'interactive', 'button', 'order', 'reaction', 'unsupported', 'some_future_type']);
  assert.deepEqual(items.map((m) => m.text), ['Avete il parmigiano?', 'Questo?', '', '', 'La fattura', '', 'Parma, Via Roma 1', 'Luigi Verdi', 'Sì, grazie', 'Express', 'Unsubscribe', 'Ecco', '👍', '', '']);
  assert.deepEqual(items[1].media, { id: '1003383421387256', mimeType: 'image/jpeg', sha256: 'abc', caption: 'Questo?' });
  assert.equal(items[8].replyTo, ctx);
  assert.deepEqual(items[8].interactive, { type: 'button_reply', id: 'yes', title: 'Sì, grazie' });
  assert.equal(items[11].details.order.items[0].quantity, 2);
  assert.equal(items[13].details.error.code, 131051);
  assert.equal(items[14].raw.some_future_type.anything, 1, 'an unknown type keeps its raw JSON');
  assert.equal(conv.unreadCount, messages.length);
  assert.equal(conv.windowOpen, true);
});

test('a first contact opens its conversation with the message summarized; an id stored before opens an empty one', async () => {
  const from = '393331110091';
  const first = text(from, 'Buongiorno, siete aperti?');
  assert.equal((await hook(delivery([first], { contacts: [{ profile: { name: 'Anna Neri' }, wa_id: from }] }))).status, 200);
  const conv = await conversationOf(from);
  assert.equal(conv.customer.name, 'Anna Neri');
  assert.equal(conv.unreadCount, 1);
  assert.equal(conv.status, 'open');
  assert.equal(conv.windowOpen, true);
  assert.ok(conv.lastMessageAt, 'the new conversation carries its first message time');

  // Another sender with a message id the workspace stored already: the message is a no-op, and the
  // conversation just created for that sender shows nothing it does not hold.
  const other = '393331110092';
  assert.equal((await hook(delivery([{ ...first, from: other }], { contacts: [{ profile: { name: 'Bruno' }, wa_id: other }] }))).status, 200);
  const empty = await conversationOf(other);
  assert.equal(empty.unreadCount, 0);
  assert.equal(empty.lastMessageAt, null);
  assert.equal((await thread(empty.id)).length, 0);
});

test('two changes for two numbers in one delivery: each routed by its phone number id', async () => {
  const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [
    { id: '1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: PHONE_ID }, messages: [text('393331110002', 'prima')] } }] },
    { id: '2', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: '555' }, messages: [text('393331110002', 'altro numero')] } },
      { field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: PHONE_ID }, messages: [text('393331110002', 'seconda')] } }] },
  ] });
  assert.equal((await hook(body)).status, 200);
  const conv = await conversationOf('393331110002');
  const texts = (await thread(conv.id)).filter((m) => m.direction === 'inbound').map((m) => m.text).reverse();
  assert.deepEqual(texts, ['prima', 'seconda']);
});

test('first contact gets the welcome message through the outbox; statuses only move it forward', async () => {
  const from = '393331110003';
  graph.state.webhook = null;
  assert.equal((await hook(delivery([text(from, 'Buongiorno')]))).status, 200);
  const conv = await conversationOf(from);
  const welcome = await waitFor(async () => (await thread(conv.id)).find((m) => m.direction === 'outbound' && m.status === 'accepted'), 'welcome accepted');
  // An unregistered customer gets the welcome with a registration link, and nothing else.
  assert.match(welcome.text, /^Benvenuto da Bottega Italiana!\n\nPer ordinare e ricevere assistenza completa, registrati qui \(link valido 24 ore\): http:\/\/\S+\/s\/[A-Za-z0-9_-]{43}$/);
  assert.equal(welcome.authorKind, 'system');
  const sent = graph.messages().find((r) => r.wamid === welcome.providerMessageId);
  assert.equal(sent.path, `/v21.0/${PHONE_ID}/messages`);
  assert.equal(sent.auth, `Bearer ${TOKEN}`);
  assert.deepEqual(sent.body.text, { preview_url: false, body: welcome.text });
  assert.equal(sent.body.to, from);
  assert.equal(sent.body.biz_opaque_callback_data, welcome.id);
  const st = (status, extra = {}) => delivery(null, { statuses: [{ id: welcome.providerMessageId, status, timestamp: now(), recipient_id: from, ...extra }] });
  await hook(st('read'));
  await hook(st('delivered')); // late: must not move read back
  await hook(st('sent'));
  await hook(st('failed', { errors: [{ code: 131049, title: 'x' }] })); // after read: ignored
  const after = (await thread(conv.id)).find((m) => m.id === welcome.id);
  assert.equal(after.status, 'read');
  assert.equal(after.error, null);
  // A second message from the same customer gets no second welcome.
  await hook(delivery([text(from, 'Ancora io')]));
  await sleep(500);
  assert.equal((await thread(conv.id)).filter((m) => m.direction === 'outbound').length, 1);
});

test('operator reply, failed status with its error, 24-hour window and templates', async () => {
  const from = '393331110004';
  await hook(delivery([text(from, 'Mi serve aiuto')]));
  const conv = await conversationOf(from);
  const r = await agent.post(`${w}/conversations/${conv.id}/messages`, { text: 'Certo, dimmi pure' });
  assert.equal(r.status, 202, r.text);
  assert.equal(r.json.status, 'queued');
  assert.equal(r.json.authorKind, 'operator');
  const accepted = await waitFor(async () => (await thread(conv.id)).find((m) => m.id === r.json.id && m.providerMessageId), 'reply accepted');
  await hook(delivery(null, { statuses: [{ id: accepted.providerMessageId, status: 'failed', timestamp: now(), recipient_id: from, errors: [{ code: 131049, title: 'This message was not delivered to maintain healthy ecosystem engagement.', message: 'x', error_data: { details: 'healthy ecosystem' } }] }] }));
  const failed = (await thread(conv.id)).find((m) => m.id === r.json.id);
  assert.equal(failed.status, 'failed');
  assert.equal(failed.error.code, 131049);
  assert.equal(failed.error.detail, 'healthy ecosystem');
  // Bad interactive messages are refused with field errors.
  const four = await agent.post(`${w}/conversations/${conv.id}/messages`, { interactive: { type: 'button', body: 'Scegli', buttons: [1, 2, 3, 4].map((i) => ({ id: `b${i}`, title: `Opzione ${i}` })) } });
  assert.equal(four.status, 422);
  const long = await agent.post(`${w}/conversations/${conv.id}/messages`, { interactive: { type: 'button', body: 'Scegli', buttons: [{ id: 'a', title: 'Un titolo davvero troppo lungo' }] } });
  assert.deepEqual(long.json.errors.map((e) => e.field), ['interactive.buttons[0].title']);
  const list = await agent.post(`${w}/conversations/${conv.id}/messages`, { interactive: { type: 'list', body: 'Spedizione?', button: 'Opzioni', sections: [{ title: 'Veloce', rows: [{ id: 'exp', title: 'Express', description: '24h' }] }] } });
  assert.equal(list.status, 202, list.text);
  const sentList = await waitFor(() => graph.messages().find((m) => m.body.biz_opaque_callback_data === list.json.id), 'list sent');
  assert.equal(sentList.body.interactive.type, 'list');
  assert.equal(sentList.body.interactive.action.sections[0].rows[0].id, 'exp');
  // Close the window: free text is refused before any call, a template goes.
  psql(`UPDATE conversations SET last_inbound_at = now() - interval '25 hours' WHERE id = '${conv.id}'`, conninfo);
  const calls = graph.state.requests.length;
  const refused = await agent.post(`${w}/conversations/${conv.id}/messages`, { text: 'ci sei?' });
  assert.equal(refused.status, 422);
  assert.match(refused.json.type, /outside-window$/);
  const tpl = await agent.post(`${w}/conversations/${conv.id}/messages`, { template: { name: 'order_update', language: 'it', parameters: ['Mario'] } });
  assert.equal(tpl.status, 202, tpl.text);
  const sentTpl = await waitFor(() => graph.messages().find((m) => m.body.biz_opaque_callback_data === tpl.json.id), 'template sent');
  assert.deepEqual(sentTpl.body.template, { name: 'order_update', language: { code: 'it' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Mario' }] }] });
  assert.equal(graph.state.requests.length, calls + 1, 'the refused text never reached the provider');
});

test('sender retries 429 and 5xx with backoff, and a permanent error fails the message with its code', async () => {
  const from = '393331110005';
  await hook(delivery([text(from, 'ciao')]));
  const conv = await conversationOf(from);
  await waitFor(async () => (await thread(conv.id)).find((m) => m.direction === 'outbound' && m.providerMessageId), 'welcome sent');
  graph.state.plan.push(429, 500);
  const r = await agent.post(`${w}/conversations/${conv.id}/messages`, { text: 'ritenta' });
  const ok = await waitFor(async () => (await thread(conv.id)).find((m) => m.id === r.json.id && m.status === 'accepted'), 'accepted after retries');
  const attempts = graph.state.requests.filter((q) => q.body.biz_opaque_callback_data === r.json.id);
  assert.equal(attempts.length, 3);
  assert.ok(attempts[2].at - attempts[0].at >= 400, 'backed off between attempts');
  assert.ok(ok.providerMessageId);
  graph.state.plan.push({ code: 131026, message: 'Message Undeliverable', details: 'The recipient is not a WhatsApp user.' });
  const p = await agent.post(`${w}/conversations/${conv.id}/messages`, { text: 'non arriverà' });
  const failed = await waitFor(async () => (await thread(conv.id)).find((m) => m.id === p.json.id && m.status === 'failed'), 'permanent failure');
  assert.equal(failed.error.code, 131026);
  assert.equal(failed.error.detail, 'The recipient is not a WhatsApp user.');
  assert.equal(graph.state.requests.filter((q) => q.body.biz_opaque_callback_data === p.json.id).length, 1, 'not retried');
});

test('a send cut off by a timeout is not repeated when the status callback names it', async () => {
  const from = '393331110006';
  await hook(delivery([text(from, 'ciao')]));
  const conv = await conversationOf(from);
  await waitFor(async () => (await thread(conv.id)).find((m) => m.direction === 'outbound' && m.providerMessageId), 'welcome sent');
  // The provider takes the message but the answer never arrives; its status callback does.
  graph.state.plan.push('timeout');
  const r = await agent.post(`${w}/conversations/${conv.id}/messages`, { text: 'in dubbio' });
  const got = await waitFor(() => graph.messages().find((m) => m.body.biz_opaque_callback_data === r.json.id), 'request seen');
  await sleep(1000); // the server has given up waiting for the answer (800 ms)
  await hook(delivery(null, { statuses: [{ id: 'wamid.from-callback', status: 'sent', timestamp: now(), recipient_id: from, biz_opaque_callback_data: r.json.id }] }));
  await sleep(2500); // past the in-doubt grace
  const m = (await thread(conv.id)).find((x) => x.id === r.json.id);
  assert.equal(m.status, 'sent');
  assert.equal(m.providerMessageId, 'wamid.from-callback');
  assert.equal(graph.messages().filter((x) => x.body.biz_opaque_callback_data === r.json.id).length, 1);
  assert.ok(got);
  // Without a callback, the send is repeated once the grace is over.
  graph.state.plan.push('timeout');
  const q = await agent.post(`${w}/conversations/${conv.id}/messages`, { text: 'senza notizie' });
  const resent = await waitFor(async () => (await thread(conv.id)).find((x) => x.id === q.json.id && x.status === 'accepted'), 'resent after grace');
  assert.ok(resent);
  assert.equal(graph.messages().filter((x) => x.body.biz_opaque_callback_data === q.json.id).length, 2);
});

test('per-number throughput is enforced', async () => {
  const from = '393331110007';
  await admin.put(`${w}/channels/whatsapp`, { phoneNumberId: PHONE_ID, apiBaseUrl: graph.base, enabled: true, messagesPerSecond: 3 });
  await hook(delivery([text(from, 'ciao')]));
  const conv = await conversationOf(from);
  await waitFor(async () => (await thread(conv.id)).find((m) => m.direction === 'outbound' && m.providerMessageId), 'welcome sent');
  await sleep(1100); // the bucket refills
  const ids = [];
  for (let i = 0; i < 9; i++) ids.push((await agent.post(`${w}/conversations/${conv.id}/messages`, { text: `m${i}` })).json.id);
  await waitFor(() => ids.every((id) => graph.messages().some((m) => m.body.biz_opaque_callback_data === id)), 'all sent', 20000);
  const times = ids.map((id) => graph.messages().find((m) => m.body.biz_opaque_callback_data === id).at);
  // 9 messages at 3/s with a burst of 3: at least two seconds from first to last.
  assert.ok(times[8] - times[0] >= 1800, `took ${times[8] - times[0]} ms`);
  const order = graph.messages().filter((m) => ids.includes(m.body.biz_opaque_callback_data)).map((m) => m.body.text.body);
  assert.deepEqual(order, ids.map((_, i) => `m${i}`), 'one conversation is sent in order');
  await admin.put(`${w}/channels/whatsapp`, { phoneNumberId: PHONE_ID, apiBaseUrl: graph.base, enabled: true, messagesPerSecond: 80 });
});

test('a disabled channel answers with the inactive message once a day', async () => {
  await admin.put(`${w}/channels/whatsapp`, { phoneNumberId: PHONE_ID, apiBaseUrl: graph.base, enabled: false });
  const from = '393331110008';
  await hook(delivery([text(from, 'aperti?')]));
  await hook(delivery([text(from, 'aperti??')]));
  const conv = await conversationOf(from);
  await waitFor(async () => (await thread(conv.id)).some((m) => m.direction === 'outbound'), 'inactive message');
  await sleep(500);
  const out = (await thread(conv.id)).filter((m) => m.direction === 'outbound');
  assert.deepEqual(out.map((m) => m.text), ['Siamo chiusi.']);
  await admin.put(`${w}/channels/whatsapp`, { phoneNumberId: PHONE_ID, apiBaseUrl: graph.base, enabled: true });
});

test('a customer flooding the number is blocked automatically, stored but not answered, and the team is told', async () => {
  await admin.put(`${w}/channels/whatsapp`, { phoneNumberId: PHONE_ID, apiBaseUrl: graph.base, enabled: true, abuseMaxMessagesPerMinute: 3, abuseBlockMinutes: 10 });
  const ws = new WebSocket(`${srv.base.replace('http', 'ws')}/ws?workspaceId=${w.split('/').pop()}`, { headers: { cookie: admin.cookieHeader() } });
  const events = [];
  ws.on('message', (m) => events.push(JSON.parse(m.toString())));
  await waitFor(() => events.some((e) => e.type === 'ready'), 'live ready');
  const from = '393331110009';
  for (let i = 0; i < 6; i++) await hook(delivery([text(from, `spam ${i}`)]));
  const conv = await waitFor(async () => { const c = await conversationOf(from); return c?.customer.blocked ? c : null; }, 'blocked');
  await waitFor(() => events.some((e) => e.type === 'customer.blocked' && e.conversationId === conv.id), 'alert');
  const items = await thread(conv.id);
  assert.equal(items.filter((m) => m.direction === 'inbound').length, 6, 'all stored');
  assert.equal(count(`SELECT count(*) FROM customers WHERE whatsapp_id = '${from}' AND blocked AND blocked_until > now()`), 1);
  ws.close();
  await admin.put(`${w}/channels/whatsapp`, { phoneNumberId: PHONE_ID, apiBaseUrl: graph.base, enabled: true, abuseMaxMessagesPerMinute: 20 });
});

test('inbox: filters, assign, take over and hand back, resolve and reopen, notes, read receipts; other workspaces see nothing', async () => {
  const from = '393331110010';
  await hook(delivery([text(from, 'ordine?')]));
  const conv = await conversationOf(from);
  const agentMe = (await agent.get('/api/auth/me')).json;
  const agentId = agentMe.user?.id ?? agentMe.id;
  const a = await admin.post(`${w}/conversations/${conv.id}/assign`, { assigneeId: agentId });
  assert.equal(a.status, 200, a.text);
  assert.equal(a.json.assigneeId, agentId);
  assert.ok((await agent.get(`${w}/conversations?filter=mine`)).json.items.some((c) => c.id === conv.id));
  assert.ok(!(await admin.get(`${w}/conversations?filter=unassigned`)).json.items.some((c) => c.id === conv.id));
  assert.equal((await admin.post(`${w}/conversations/${conv.id}/assign`, { assigneeId: '00000000-0000-0000-0000-000000000000' })).status, 422);
  const human = await agent.post(`${w}/conversations/${conv.id}/mode`, { mode: 'human' });
  assert.equal(human.json.mode, 'human');
  assert.ok((await admin.get(`${w}/conversations?filter=human`)).json.items.some((c) => c.id === conv.id));
  assert.equal((await agent.post(`${w}/conversations/${conv.id}/mode`, { mode: 'robot' })).status, 422);
  assert.equal((await agent.post(`${w}/conversations/${conv.id}/mode`, { mode: 'bot' })).json.mode, 'bot');
  const note = await agent.post(`${w}/conversations/${conv.id}/notes`, { text: 'Cliente abituale, trattare bene' });
  assert.equal(note.status, 201);
  assert.equal((await agent.post(`${w}/conversations/${conv.id}/notes`, { text: '   ' })).status, 422);
  const notes = await admin.get(`${w}/conversations/${conv.id}/notes`);
  assert.deepEqual(notes.json.items.map((n) => n.text), ['Cliente abituale, trattare bene']);
  assert.ok(!graph.state.requests.some((q) => JSON.stringify(q.body).includes('trattare bene')), 'notes never leave');
  // Opening the conversation sends a read receipt for the last inbound message.
  const inbound = (await thread(conv.id)).find((m) => m.direction === 'inbound');
  assert.equal((await agent.post(`${w}/conversations/${conv.id}/read`)).status, 204);
  await waitFor(() => graph.state.requests.find((q) => q.body.status === 'read' && q.body.message_id === inbound.providerMessageId), 'read receipt');
  assert.equal((await agent.get(`${w}/conversations/${conv.id}`)).json.unreadCount, 0);
  const res = await agent.post(`${w}/conversations/${conv.id}/resolve`);
  assert.equal(res.json.status, 'resolved');
  assert.ok((await admin.get(`${w}/conversations?filter=resolved`)).json.items.some((c) => c.id === conv.id));
  assert.equal((await agent.post(`${w}/conversations/${conv.id}/reopen`)).json.status, 'open');
  // The customer's page lists the conversation.
  const cc = await admin.get(`${w}/customers/${conv.customer.id}/conversations`);
  assert.deepEqual(cc.json.items.map((c) => c.id), [conv.id]);
  // Tenant isolation: the same ids under another workspace are 404.
  for (const [method, path, body] of [
    ['get', `/conversations/${conv.id}`], ['get', `/conversations/${conv.id}/messages`], ['get', `/conversations/${conv.id}/notes`],
    ['post', `/conversations/${conv.id}/messages`, { text: 'x' }], ['post', `/conversations/${conv.id}/assign`, { assigneeId: null }],
    ['post', `/conversations/${conv.id}/resolve`], ['post', `/conversations/${conv.id}/mode`, { mode: 'human' }],
    ['post', `/conversations/${conv.id}/read`], ['post', `/conversations/${conv.id}/notes`, { text: 'x' }],
    ['get', `/customers/${conv.customer.id}/conversations`],
  ]) {
    const r = await admin[method](`${hotel}${path}`, body);
    assert.equal(r.status, 404, `${method} ${path}`);
  }
  assert.ok(!(await admin.get(`${hotel}/conversations?filter=all`)).json.items.some((c) => c.id === conv.id));
});

test('simulator: a team member plays a customer through the same pipeline; replies reach the simulated phone', async () => {
  const r = await agent.post(`${w}/simulator/messages`, { name: 'Tester', phone: '+393330000099', text: 'Ciao dal simulatore' });
  assert.equal(r.status, 202, r.text);
  const conv = (await agent.get(`${w}/conversations/${r.json.conversationId}`)).json;
  assert.equal(conv.sandbox, true);
  assert.equal(conv.customer.name, 'Tester');
  const welcome = await waitFor(async () => (await thread(conv.id)).find((m) => m.direction === 'outbound' && m.status === 'delivered'), 'welcome delivered to the simulator');
  assert.match(welcome.text, /^Benvenuto da Bottega Italiana!\n\nPer ordinare/);
  assert.ok(!graph.messages().some((m) => m.body.to === '393330000099'), 'nothing went to WhatsApp');
  const reply = await agent.post(`${w}/conversations/${conv.id}/messages`, { interactive: { type: 'button', body: 'Vuoi il catalogo?', buttons: [{ id: 'yes', title: 'Sì' }, { id: 'no', title: 'No' }] } });
  assert.equal(reply.status, 202);
  await waitFor(async () => (await thread(conv.id)).find((m) => m.id === reply.json.id && m.status === 'delivered'), 'reply delivered');
  const tap = await agent.post(`${w}/simulator/messages`, { name: 'Tester', phone: '+393330000099', reply: { type: 'button_reply', id: 'yes', title: 'Sì' } });
  assert.equal(tap.status, 202);
  const tapped = (await thread(conv.id)).find((m) => m.id === tap.json.messageId);
  assert.deepEqual(tapped.interactive, { type: 'button_reply', id: 'yes', title: 'Sì' });
  assert.equal((await agent.post(`${w}/simulator/conversations/${conv.id}/read`)).status, 204);
  assert.equal((await thread(conv.id)).find((m) => m.id === reply.json.id).status, 'read');
  assert.equal((await agent.post(`${w}/simulator/messages`, { name: 'T', phone: '3330000099', text: 'x' })).status, 422);
  assert.equal((await agent.post(`${w}/simulator/messages`, { name: 'T', phone: '+393330000099' })).status, 422);
  // Only sandbox conversations can be "read" by the simulator.
  const real = await conversationOf('393331110010');
  assert.equal((await agent.post(`${w}/simulator/conversations/${real.id}/read`)).status, 404);
});

test('media is fetched from WhatsApp when an operator opens it, then served from the data dir; scripts never run', async () => {
  const from = '393331110011';
  graph.state.media['7001'] = { mime: 'image/jpeg', bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]) };
  graph.state.media['7002'] = { mime: 'image/svg+xml', bytes: Buffer.from('<svg onload="alert(1)"/>') };
  await hook(delivery([
    { from, id: wamid(), timestamp: now(), type: 'image', image: { id: '7001', mime_type: 'image/jpeg', caption: 'foto' } },
    { from, id: wamid(), timestamp: now(), type: 'document', document: { id: '7002', mime_type: 'image/svg+xml', filename: 'x.svg' } },
    { from, id: wamid(), timestamp: now(), type: 'image', image: { id: '7003', mime_type: 'image/jpeg' } },
    text(from, 'senza allegato'),
  ]));
  const conv = await conversationOf(from);
  const items = (await thread(conv.id)).filter((m) => m.direction === 'inbound').reverse();
  const url = (m) => `${w}/conversations/${conv.id}/messages/${m.id}/media`;
  const before = graph.state.mediaFetches;
  const img = await fetch(`${srv.base}${url(items[0])}`, { headers: { cookie: agent.cookieHeader() } });
  assert.equal(img.status, 200);
  assert.equal(img.headers.get('content-type'), 'image/jpeg');
  assert.match(img.headers.get('content-disposition'), /^inline/);
  assert.deepEqual([...new Uint8Array(await img.arrayBuffer())], [0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
  const again = await fetch(`${srv.base}${url(items[0])}`, { headers: { cookie: agent.cookieHeader() } });
  assert.equal(again.status, 200);
  assert.equal(graph.state.mediaFetches, before + 1, 'the second view comes from the data dir');
  const svg = await fetch(`${srv.base}${url(items[1])}`, { headers: { cookie: agent.cookieHeader() } });
  assert.equal(svg.headers.get('content-type'), 'application/octet-stream');
  assert.match(svg.headers.get('content-disposition'), /^attachment; filename="x.svg"/);
  assert.match(svg.headers.get('content-security-policy'), /sandbox/);
  assert.equal((await agent.get(url(items[2]))).status, 502, 'WhatsApp no longer has it');
  assert.equal((await agent.get(url(items[3]))).status, 404, 'a text has no media');
  assert.equal((await admin.get(`${hotel}/conversations/${conv.id}/messages/${items[0].id}/media`)).status, 404);
});

test('every operator can read the templates for the composer; only Admins see the settings', async () => {
  const t = await agent.get(`${w}/channels/whatsapp/templates`);
  assert.equal(t.status, 200);
  assert.deepEqual(t.json.items.map((x) => x.name), ['order_update']);
  assert.equal((await agent.get(`${w}/channels/whatsapp`)).status, 403);
  assert.deepEqual((await admin.get(`${hotel}/channels/whatsapp/templates`)).json.items, []);
});
