// The pipeline's durability and fan-out: a kill -9 in the middle of a burst loses and duplicates
// nothing, two server processes on one database both deliver every live event, and a refused
// live connection is told why.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startServer, seededDatabase, Client, generousLimits, psql, sleep, tempDir, waitFor } from './lib.mjs';
import { startFakeGraph, sign } from './fake-graph.mjs';

const PHONE_ID = '106540000000077';
const SECRET = 'pipeline-secret';
const TOKEN = 'pipeline-token';
const cleanup = [];
after(async () => { for (const fn of cleanup.reverse()) await fn(); });

function delivery(from, id, body) {
  return JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value: {
    messaging_product: 'whatsapp', metadata: { display_phone_number: '15550001111', phone_number_id: PHONE_ID },
    contacts: [{ profile: { name: `Cliente ${from.slice(-4)}` }, wa_id: from }],
    messages: [{ from, id, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body } }],
  } }] }] });
}
async function post(base, body) {
  try {
    const r = await fetch(`${base}/webhooks/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(body, SECRET) }, body });
    await r.text();
    return r.status;
  } catch {
    return 0; // connection refused or reset: the provider will deliver again
  }
}
async function configure(base, graphBase) {
  const admin = new Client(base);
  const me = await admin.login('admin@shopme.test');
  const wid = me.memberships.find((m) => m.workspaceName === 'Bottega Italiana').workspaceId;
  const r = await admin.put(`/api/workspaces/${wid}/channels/whatsapp`, {
    phoneNumberId: PHONE_ID, apiBaseUrl: graphBase, accessToken: TOKEN, appSecret: SECRET, enabled: true,
    welcomeMessage: 'Benvenuto!', messagesPerSecond: 1000, abuseMaxMessagesPerMinute: 1000,
  });
  assert.equal(r.status, 200, r.text);
  return { admin, wid };
}

test('kill -9 during a burst of 2,000 deliveries: every message stored once, every reply sent once', { timeout: 240_000 }, async () => {
  const conninfo = seededDatabase('pipeline_crash');
  const dataDir = tempDir('crash');
  const graph = await startFakeGraph({ token: TOKEN, delayMs: 25 }); // a slow provider keeps sends in flight
  cleanup.push(() => graph.close());
  const env = { DATABASE_URL: conninfo, ...generousLimits, SHOPME_JOB_LEASE_S: '3', SHOPME_WHATSAPP_IN_DOUBT_GRACE_S: '3', SHOPME_WHATSAPP_TIMEOUT_MS: '2000' };
  let srv = await startServer({ env, dataDir });
  await configure(srv.base, graph.base);
  graph.state.webhook = { url: `${srv.base}/webhooks/whatsapp`, secret: SECRET, phoneNumberId: PHONE_ID };

  const total = 2000;
  const all = Array.from({ length: total }, (_, i) => {
    const from = `39340${String(1_000_000 + i)}`;
    return { from, body: delivery(from, `wamid.crash.${i}`, `messaggio ${i}`), acked: false };
  });
  // 16 concurrent senders; the server is killed once about a third is acknowledged.
  let next = 0;
  let killed = false;
  const sender = async () => {
    while (next < total) {
      const d = all[next++];
      if ((await post(srv.base, d.body)) === 200) d.acked = true;
      if (!killed && all.filter((x) => x.acked).length >= total / 3) {
        killed = true;
        srv.child.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, sender));
  await srv.exit;
  assert.ok(killed, 'the server was killed mid-burst');
  const ackedBefore = all.filter((d) => d.acked).length;
  assert.ok(ackedBefore < total, 'some deliveries were not acknowledged');
  // Everything acknowledged before the crash is already durable.
  const storedAtCrash = Number(psql("SELECT count(*) FROM messages WHERE direction = 'inbound'", conninfo));
  assert.ok(storedAtCrash >= ackedBefore, `stored ${storedAtCrash} < acknowledged ${ackedBefore}`);

  srv = await startServer({ env, dataDir });
  cleanup.push(() => srv.stop());
  graph.state.webhook.url = `${srv.base}/webhooks/whatsapp`;
  // The provider delivers again what was not acknowledged, and (at least once) some that were.
  for (const d of all) {
    if (d.acked && Math.random() > 0.05) continue;
    while ((await post(srv.base, d.body)) !== 200) await sleep(100);
  }
  await waitFor(() => Number(psql("SELECT count(*) FROM jobs WHERE state <> 'dead'", conninfo)) === 0 && graph.state.pendingCallbacks === 0,
    'the queue to drain', 180_000);
  assert.equal(Number(psql("SELECT count(*) FROM messages WHERE direction = 'inbound'", conninfo)), total);
  assert.equal(Number(psql("SELECT count(DISTINCT provider_message_id) FROM messages WHERE direction = 'inbound'", conninfo)), total);
  assert.equal(Number(psql("SELECT count(*) FROM messages WHERE direction = 'outbound'", conninfo)), total, 'one welcome row per conversation');
  assert.equal(Number(psql("SELECT count(*) FROM jobs WHERE state = 'dead'", conninfo)), 0);
  const perCustomer = new Map();
  for (const m of graph.messages()) perCustomer.set(m.body.to, (perCustomer.get(m.body.to) ?? 0) + 1);
  assert.equal(perCustomer.size, total, 'every customer got the reply');
  const twice = [...perCustomer].filter(([, n]) => n !== 1);
  assert.deepEqual(twice, [], 'no reply reached the provider twice');
  assert.equal(Number(psql("SELECT count(*) FROM messages WHERE direction = 'outbound' AND status NOT IN ('accepted', 'sent')", conninfo)), 0);
});

test('two server processes on one database both deliver every live event to their clients', { timeout: 60_000 }, async () => {
  const conninfo = seededDatabase('pipeline_live');
  const dataDir = tempDir('live'); // shared: the same keys for sessions and sealed secrets
  const graph = await startFakeGraph({ token: TOKEN });
  cleanup.push(() => graph.close());
  const env = { DATABASE_URL: conninfo, ...generousLimits };
  const a = await startServer({ env, dataDir });
  cleanup.push(() => a.stop());
  const b = await startServer({ env, dataDir });
  cleanup.push(() => b.stop());
  const { admin, wid } = await configure(a.base, graph.base);
  const listen = async (srv) => {
    const ws = new WebSocket(`${srv.base.replace('http', 'ws')}/ws?workspaceId=${wid}`, { headers: { cookie: admin.cookieHeader() } });
    const events = [];
    ws.on('message', (m) => events.push(JSON.parse(m.toString())));
    cleanup.push(() => ws.close());
    await waitFor(() => events.some((e) => e.type === 'ready'), 'ready', 10_000);
    return events;
  };
  const onA = await listen(a);
  const onB = await listen(b);
  // A delivery to A reaches B's client, and an operator reply through B reaches A's client.
  assert.equal(await post(a.base, delivery('393479990001', 'wamid.live.1', 'ciao')), 200);
  const created = await waitFor(() => onB.find((e) => e.type === 'message.created'), 'event on B', 10_000);
  assert.equal(created.workspaceId, wid);
  await waitFor(() => onA.find((e) => e.type === 'message.created' && e.messageId === created.messageId), 'event on A', 10_000);
  const viaB = new Client(b.base);
  viaB.cookies = admin.cookies;
  const reply = await viaB.post(`/api/workspaces/${wid}/conversations/${created.conversationId}/messages`, { text: 'risposta' });
  assert.equal(reply.status, 202, reply.text);
  await waitFor(() => onA.find((e) => e.type === 'message.created' && e.messageId === reply.json.id), 'reply event on A', 10_000);
  await waitFor(() => onA.find((e) => e.type === 'message.updated' && e.messageId === reply.json.id), 'status event on A', 10_000);
  // A member of another workspace gets nothing: a client of the other workspace sees no event.
  const hotelId = (await admin.get('/api/auth/me')).json.memberships.find((m) => m.workspaceName === 'Hotel Belvedere').workspaceId;
  const ws = new WebSocket(`${a.base.replace('http', 'ws')}/ws?workspaceId=${hotelId}`, { headers: { cookie: admin.cookieHeader() } });
  const other = [];
  ws.on('message', (m) => other.push(JSON.parse(m.toString())));
  cleanup.push(() => ws.close());
  await waitFor(() => other.some((e) => e.type === 'ready'), 'ready', 10_000);
  assert.equal(await post(b.base, delivery('393479990002', 'wamid.live.2', 'ancora')), 200);
  await waitFor(() => onA.filter((e) => e.type === 'message.created').length >= 3, 'second event', 10_000);
  assert.ok(!other.some((e) => e.type?.startsWith('message.')), 'no event leaks to another workspace');
  // Not a member: refused like an unknown workspace.
  const agent = new Client(a.base);
  await agent.login('agent@shopme.test');
  const stranger = new WebSocket(`${a.base.replace('http', 'ws')}/ws?workspaceId=00000000-0000-0000-0000-000000000000`, { headers: { cookie: agent.cookieHeader() } });
  const got = [];
  stranger.on('message', (m) => got.push(JSON.parse(m.toString())));
  await waitFor(() => got.some((e) => e.type === 'error'), 'refusal', 10_000);
  assert.equal(got.find((e) => e.type === 'error').status, 404);
});

test('a refused live connection always gets its reason before the close', { timeout: 60_000 }, async () => {
  const conninfo = seededDatabase('pipeline_refusal');
  const srv = await startServer({ env: { DATABASE_URL: conninfo, ...generousLimits }, dataDir: tempDir('refusal') });
  cleanup.push(() => srv.stop());
  const agent = new Client(srv.base);
  await agent.login('agent@shopme.test');
  // The reason and the close race the greeting's write: repeated, so that a close that overtakes
  // the reason would show.
  for (let i = 0; i < 30; i++) {
    const ws = new WebSocket(`${srv.base.replace('http', 'ws')}/ws?workspaceId=00000000-0000-0000-0000-000000000000`, { headers: { cookie: agent.cookieHeader() } });
    const got = [];
    ws.on('message', (m) => got.push(JSON.parse(m.toString())));
    await new Promise((resolve) => ws.on('close', resolve));
    assert.deepEqual(got.map((e) => e.type), ['hello', 'error'], `connection ${i}`);
    assert.equal(got[1].status, 404);
  }
});
