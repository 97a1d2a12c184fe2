// Orders for the team: list, detail with lines and history, status changes checked by the domain
// (with the customer told in WhatsApp when asked), cancel returning reserved stock, tracking,
// roles, and a customer's order history. Orders are created the way customers create them: the
// agent's checkout in the chat (the offline agent cannot, so a fake model drives it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, seededDatabase, Client, generousLimits, psql, sleep, waitFor } from './lib.mjs';
import { startFakeLlm, text, toolCalls } from './fake-llm.mjs';

let srv, admin, agent, llm, conninfo, w, hotel;
before(async () => {
  llm = await startFakeLlm();
  conninfo = seededDatabase('orders_test');
  psql('UPDATE workspaces SET api_rate_limit = 100000', conninfo);
  srv = await startServer({ env: { DATABASE_URL: conninfo, ...generousLimits, SHOPME_SWEEP_INTERVAL_MS: '300' } });
  admin = new Client(srv.base);
  agent = new Client(srv.base);
  const me = await admin.login('admin@shopme.test');
  await agent.login('agent@shopme.test');
  w = `/api/workspaces/${me.memberships.find((m) => m.workspaceName === 'Bottega Italiana').workspaceId}`;
  hotel = `/api/workspaces/${me.memberships.find((m) => m.workspaceName === 'Hotel Belvedere').workspaceId}`;
  await admin.put(`${w}/agent`, { provider: 'openai-compatible', baseUrl: llm.base, model: 'm' });
});
after(async () => { await srv.stop(); await llm.close(); });

const outbound = async (conv) => (await admin.get(`${w}/conversations/${conv}/messages?limit=100`)).json.items.filter((m) => m.direction === 'outbound');
let n = 0;
async function orderInChat(quantity) {
  const phone = `+3933400${String(++n).padStart(5, '0')}`;
  const first = await admin.post(`${w}/simulator/messages`, { name: 'Paolo', phone, text: 'Ciao' });
  const conv = first.json.conversationId;
  await waitFor(async () => (await outbound(conv)).length === 1, 'the registration link');
  const customer = (await admin.get(`${w}/conversations/${conv}`)).json.customer.id;
  psql(`UPDATE customers SET registered_at = now(), gdpr_consent_at = now() WHERE id = '${customer}'`, conninfo);
  const lastTool = (req) => JSON.parse(req.messages.filter((m) => m.role === 'tool').at(-1).content);
  llm.state.plan.push(
    toolCalls(['search_products', { query: 'parmigiano' }]),
    (req) => toolCalls(['add_to_cart', { productId: lastTool(req).items[0].id, quantity }]),
    toolCalls(['checkout', {}]),
    (req) => text(`Ordine ${lastTool(req).orderCode}`),
  );
  await admin.post(`${w}/simulator/messages`, { name: 'Paolo', phone, text: 'compro' });
  const reply = await waitFor(async () => (await outbound(conv)).find((m) => m.text.startsWith('Ordine ORD-')), 'the order');
  const code = reply.text.match(/^Ordine (ORD-\d{4}-\d{6})/)[1];
  const list = await admin.get(`${w}/orders?search=${code}`);
  return { conv, customer, order: list.json.items[0] };
}

test('list, detail, lines and history; tenant isolation', async () => {
  const { order, customer } = await orderInChat(2);
  assert.match(order.code, /^ORD-\d{4}-\d{6}$/);
  assert.equal(order.status, 'pending_payment');
  const d = await agent.get(`${w}/orders/${order.id}`);
  assert.equal(d.status, 200);
  assert.equal(d.json.lines[0].quantity, 2);
  assert.equal(d.json.total, d.json.lines.reduce((s, l) => s + l.total, 0));
  assert.deepEqual(d.json.events.map((e) => [e.to, e.actorKind]), [['pending_payment', 'agent']]);
  assert.deepEqual((await admin.get(`${w}/customers/${customer}/orders`)).json.items.map((o) => o.id), [order.id]);
  assert.equal((await admin.get(`${w}/orders?status=paid&search=${order.code}`)).json.total, 0);
  assert.equal((await admin.get(`${w}/orders?status=lost`)).status, 422);
  // Dates in the workspace's time zone, both ends included.
  const day = psql("SELECT to_char(now() AT TIME ZONE 'Europe/Rome', 'YYYY-MM-DD')", conninfo);
  assert.deepEqual((await admin.get(`${w}/orders?from=${day}&to=${day}&search=${order.code}`)).json.items.map((o) => o.id), [order.id]);
  assert.equal((await admin.get(`${w}/orders?from=2000-01-01&to=2000-01-31`)).json.total, 0);
  const badDates = await admin.get(`${w}/orders?from=2026-13-01&to=today`);
  assert.equal(badDates.status, 422);
  assert.deepEqual(badDates.json.errors.map((e) => e.field).sort(), ['from', 'to']);
  assert.equal((await admin.get(`${hotel}/orders/${order.id}`)).status, 404);
  assert.equal((await admin.post(`${hotel}/orders/${order.id}/status`, { status: 'cancelled' })).status, 404);
  assert.equal((await admin.get(`${hotel}/customers/${customer}/orders`)).status, 404);
});

test('status changes follow the domain rules, are recorded, and can tell the customer', async () => {
  const { order, conv } = await orderInChat(1);
  const skip = await agent.post(`${w}/orders/${order.id}/status`, { status: 'delivered' });
  assert.equal(skip.status, 409);
  assert.match(skip.json.detail, /pending_payment cannot become delivered/);
  assert.equal((await agent.post(`${w}/orders/${order.id}/status`, { status: 'paid' })).status, 403, 'agents do not mark payments');
  const paid = await admin.post(`${w}/orders/${order.id}/status`, { status: 'paid', note: 'bonifico ricevuto' });
  assert.equal(paid.status, 200, paid.text);
  assert.equal(paid.json.paymentStatus, 'paid');
  const shipped = await agent.post(`${w}/orders/${order.id}/status`, { status: 'shipped', notifyCustomer: true });
  assert.equal(shipped.status, 200);
  const told = await waitFor(async () => (await outbound(conv)).find((m) => m.text.includes('ora è: spedito')), 'the shipping message');
  assert.match(told.text, new RegExp(`^Il tuo ordine ${order.code} ora è: spedito\\. Tracciamento: http://\\S+/s/`));
  const cancel = await admin.post(`${w}/orders/${order.id}/status`, { status: 'cancelled' });
  assert.equal(cancel.status, 409);
  assert.match(cancel.json.detail, /refund it instead/);
  const events = (await admin.get(`${w}/orders/${order.id}`)).json.events;
  assert.deepEqual(events.map((e) => e.to), ['pending_payment', 'paid', 'shipped']);
  assert.equal(events[1].note, 'bonifico ricevuto');
  assert.equal(events[1].actorName.length > 0, true);
});

test('cancelling returns the reserved stock; tracking is stored and sent', async () => {
  const before = Number(psql("SELECT stock FROM products WHERE name LIKE 'Parmigiano Reggiano%' ORDER BY name LIMIT 1", conninfo));
  const { order, conv } = await orderInChat(3);
  assert.equal(Number(psql("SELECT stock FROM products WHERE name LIKE 'Parmigiano Reggiano%' ORDER BY name LIMIT 1", conninfo)), before - 3);
  const t = await agent.post(`${w}/orders/${order.id}/tracking`, { trackingNumber: 'BRT123', trackingUrl: 'https://tracking.example/BRT123', notifyCustomer: true });
  assert.equal(t.status, 200, t.text);
  assert.equal(t.json.trackingUrl, 'https://tracking.example/BRT123');
  await waitFor(async () => (await outbound(conv)).some((m) => m.text.includes('https://tracking.example/BRT123')), 'the tracking message');
  assert.equal((await agent.post(`${w}/orders/${order.id}/tracking`, { trackingUrl: 'ftp://x' })).status, 422);
  const cancelled = await admin.post(`${w}/orders/${order.id}/status`, { status: 'cancelled' });
  assert.equal(cancelled.status, 200, cancelled.text);
  assert.equal(Number(psql("SELECT stock FROM products WHERE name LIKE 'Parmigiano Reggiano%' ORDER BY name LIMIT 1", conninfo)), before);
  assert.equal((await admin.post(`${w}/orders/${order.id}/status`, { status: 'cancelled' })).status, 409, 'no second release');
  assert.equal((await admin.post(`${w}/orders/${order.id}/status`, { status: 'refunded' })).status, 409);
});

test('an order whose payment link expires unpaid is cancelled and its stock returns', async () => {
  const before = Number(psql("SELECT stock FROM products WHERE name LIKE 'Parmigiano Reggiano%' ORDER BY name LIMIT 1", conninfo));
  const { order } = await orderInChat(2);
  assert.equal(Number(psql("SELECT stock FROM products WHERE name LIKE 'Parmigiano Reggiano%' ORDER BY name LIMIT 1", conninfo)), before - 2);
  psql(`UPDATE orders SET payment_expires_at = now() - interval '1 second' WHERE id = '${order.id}'`, conninfo);
  const expired = await waitFor(async () => { const o = (await admin.get(`${w}/orders/${order.id}`)).json; return o.status === 'cancelled' ? o : null; }, 'the expiry', 10000);
  assert.deepEqual(expired.events.at(-1), { ...expired.events.at(-1), to: 'cancelled', actorKind: 'system', note: 'the payment link expired unpaid' });
  assert.equal(Number(psql("SELECT stock FROM products WHERE name LIKE 'Parmigiano Reggiano%' ORDER BY name LIMIT 1", conninfo)), before);
});

test('offer uses counted at checkout are given back when the order is cancelled', async () => {
  const offer = await admin.post(`${w}/offers`, { name: 'Tutto -30%', type: 'percentage', value: 30, usageLimit: 5, usageLimitPerCustomer: 1 });
  assert.equal(offer.status, 201, offer.text);
  const { order } = await orderInChat(1);
  const uses = () => Number(psql(`SELECT usage_count FROM offers WHERE id = '${offer.json.id}'`, conninfo));
  assert.equal(uses(), 1);
  const d = (await admin.get(`${w}/orders/${order.id}`)).json;
  assert.equal(d.lines[0].offerId, offer.json.id);
  assert.ok(d.discount > 0);
  assert.equal((await admin.post(`${w}/orders/${order.id}/status`, { status: 'cancelled' })).status, 200);
  assert.equal(uses(), 0);
  await admin.del(`${w}/offers/${offer.json.id}`);
});
