// Payments end to end over HTTP: the workspace's gateway settings, the customer paying through the
// payment link with the embedded test gateway and with Stripe (a fake speaking its protocol), signed
// webhooks checked against the stripe package's own signature generator, replays and out-of-order
// events, refunds, invoice numbers under concurrency, the last unit raced for, manual orders, the
// invoice page and PDF, and the profile link's data export and erasure.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { startServer, seededDatabase, Client, generousLimits, psql, sleep, waitFor, anonymousFetch } from './lib.mjs';
import { startFakeStripe } from './fake-stripe.mjs';

const stripe = new Stripe('sk_test_unused');
let srv, admin, manager, agent, conninfo, w, ws, hotel, fake;
before(async () => {
  fake = await startFakeStripe();
  conninfo = seededDatabase('payments_test');
  psql('UPDATE workspaces SET api_rate_limit = 100000', conninfo);
  srv = await startServer({ env: { DATABASE_URL: conninfo, ...generousLimits } });
  admin = new Client(srv.base);
  manager = new Client(srv.base);
  const me = await admin.login('admin@shopme.test');
  await manager.login('manager@shopme.test');
  agent = new Client(srv.base);
  await agent.login('agent@shopme.test');
  ws = me.memberships.find((m) => m.workspaceName === 'Bottega Italiana').workspaceId;
  w = `/api/workspaces/${ws}`;
  hotel = `/api/workspaces/${me.memberships.find((m) => m.workspaceName === 'Hotel Belvedere').workspaceId}`;
});
after(async () => { await srv.stop(); await fake.close(); });

const anonymous = (path, init) => anonymousFetch(srv.base)(path, init);
const outbound = async (conv) => (await admin.get(`${w}/conversations/${conv}/messages?limit=100`)).json.items.filter((m) => m.direction === 'outbound').reverse();
const download = (path) => fetch(`${srv.base}${path}`, { headers: { cookie: admin.cookieHeader(), 'x-requested-with': 'shopme' } });
const tokenIn = (text) => text.match(/\/s\/([A-Za-z0-9_-]{43})/)[1];
const product = (sku) => psql(`SELECT id FROM products WHERE workspace_id = '${ws}' AND sku = '${sku}'`, conninfo);

let phoneSeq = 0;
async function customer(name = 'Carla Verdi') {
  const phone = `+3935500${String(++phoneSeq).padStart(5, '0')}`;
  const first = await admin.post(`${w}/simulator/messages`, { name, phone, text: 'Ciao' });
  const conv = first.json.conversationId;
  await waitFor(async () => (await outbound(conv)).length === 1, 'the registration link');
  const id = (await admin.get(`${w}/conversations/${conv}`)).json.customer.id;
  psql(`UPDATE customers SET registered_at = now(), gdpr_consent_at = now(), gdpr_consent_version = 'v1', email = '${phone.slice(1)}@example.com',
        shipping_address = '{"line1":"Via Emilia 10","city":"Parma","postalCode":"43121","country":"IT"}' WHERE id = '${id}'`, conninfo);
  return { id, conv, phone, name, say: (text) => admin.post(`${w}/simulator/messages`, { name, phone, text }) };
}
async function order(c, lines = [['FOR-PR24', 1]], extra = {}) {
  const r = await admin.post(`${w}/orders`, { customerId: c.id, lines: lines.map(([sku, quantity]) => ({ productId: product(sku), quantity })), ...extra });
  assert.equal(r.status, 201, r.text);
  return r.json;
}
const signed = (payload, secret, timestamp) => stripe.webhooks.generateTestHeaderString({ payload, secret, ...(timestamp ? { timestamp } : {}) });
const stripeEvent = (type, object, id = `evt_${Math.random().toString(36).slice(2)}`) => JSON.stringify({ id, object: 'event', type, api_version: '2024-06-20', created: Math.floor(Date.now() / 1000), data: { object } });
const postStripe = (path, body, header) => fetch(`${srv.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(header ? { 'stripe-signature': header } : {}) }, body });

test('payment settings: the test gateway by default; Stripe keys write-only, sealed, required; Admin only', async () => {
  const r = await admin.get(`${w}/payments`);
  assert.equal(r.status, 200);
  assert.deepEqual({ ...r.json, webhookUrl: undefined }, { provider: 'test', secretKeySet: false, webhookSecretSet: false, apiBaseUrl: 'https://api.stripe.com', webhookUrl: undefined });
  assert.match(r.json.webhookUrl, new RegExp(`^http://(localhost|127\\.0\\.0\\.1):\\d+/webhooks/stripe/${ws}$`));
  const missing = await admin.put(`${w}/payments`, { provider: 'stripe' });
  assert.equal(missing.status, 422);
  assert.deepEqual(missing.json.errors.map((e) => e.field).sort(), ['secretKey', 'webhookSecret']);
  const bad = await admin.put(`${w}/payments`, { provider: 'paypal', secretKey: 'hello', webhookSecret: 'x', apiBaseUrl: 'ftp://x' });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.json.errors.map((e) => e.field).sort(), ['apiBaseUrl', 'provider', 'secretKey', 'webhookSecret']);
  assert.equal((await manager.get(`${w}/payments`)).status, 403);
  assert.equal((await manager.put(`${w}/payments`, { provider: 'test' })).status, 403);
  assert.equal((await admin.get(`${w}/payments`)).json.provider, 'test', 'nothing changed');
});

test('test gateway: checkout link → hosted page → pay → paid with invoice number, WhatsApp confirmation, team e-mail; second pay refused', async () => {
  const c = await customer('Franca Neri');
  const mails = Number(psql(`SELECT count(*) FROM mail_outbox WHERE workspace_id = '${ws}'`, conninfo));
  const o = await order(c, [['FOR-PR24', 2]], { sendPaymentLink: true });
  assert.match(o.paymentLink, /\/s\/[A-Za-z0-9_-]{43}$/);
  assert.equal(o.paymentLinkSent, true);
  const sent = await waitFor(async () => (await outbound(c.conv)).find((m) => m.text.includes(o.code)), 'the payment link message');
  assert.ok(sent.text.includes(o.paymentLink));
  const token = tokenIn(o.paymentLink);
  const page = await (await anonymous(`/api/public/links/${token}`)).json();
  assert.equal(page.type, 'payment');
  assert.equal(page.payment.provider, 'test');
  assert.equal(page.order.total, o.total);
  const start = await anonymous(`/api/public/links/${token}/checkout`, { method: 'POST', body: '{}' });
  assert.equal(start.status, 200);
  const { redirectUrl } = await start.json();
  const session = redirectUrl.match(/\/pay\/test\/(tgs_[0-9a-f]{32})$/)[1];
  const again = await (await anonymous(`/api/public/links/${token}/checkout`, { method: 'POST', body: '{}' })).json();
  assert.equal(again.redirectUrl, redirectUrl, 'a second click goes back to the open session');
  const hosted = await (await anonymous(`/api/public/test-gateway/${session}`)).json();
  assert.deepEqual({ ...hosted, expiresAt: undefined }, { shopName: 'Bottega Italiana', orderCode: o.code, amount: o.total, currency: 'EUR', status: 'open', expiresAt: undefined });
  const paid = await anonymous(`/api/public/test-gateway/${session}/pay`, { method: 'POST', body: '{}' });
  assert.equal(paid.status, 200);
  assert.equal((await paid.json()).redirectUrl, `${new URL(o.paymentLink).origin}/s/${token}?payment=success`);
  const after = (await admin.get(`${w}/orders/${o.id}`)).json;
  assert.equal(after.status, 'paid');
  assert.equal(after.paymentStatus, 'paid');
  assert.equal(after.paymentProvider, 'test');
  assert.match(after.invoiceNumber, /^INV-\d{4}-\d{6}$/);
  assert.deepEqual(after.events.map((e) => [e.from, e.to, e.actorKind]).slice(-1), [['pending_payment', 'paid', 'gateway']]);
  const confirmation = await waitFor(async () => (await outbound(c.conv)).find((m) => m.text.startsWith('Pagamento ricevuto')), 'the confirmation');
  const orderPage = await (await anonymous(`/api/public/links/${tokenIn(confirmation.text)}`)).json();
  assert.equal(orderPage.type, 'order');
  assert.equal(orderPage.order.status, 'paid');
  assert.deepEqual(orderPage.order.events.map((e) => e.toStatus), ['pending_payment', 'paid']);
  assert.deepEqual(orderPage.order.invoice, { available: true, number: after.invoiceNumber });
  assert.ok(Number(psql(`SELECT count(*) FROM mail_outbox WHERE workspace_id = '${ws}' AND subject = 'Order ${o.code} paid'`, conninfo)) >= 1);
  assert.ok(Number(psql(`SELECT count(*) FROM mail_outbox WHERE workspace_id = '${ws}'`, conninfo)) > mails);
  // Paying twice changes nothing; the link's page now says paid; the session page says paid.
  const twice = await anonymous(`/api/public/test-gateway/${session}/pay`, { method: 'POST', body: '{}' });
  assert.equal(twice.status, 409);
  assert.equal((await (await anonymous(`/api/public/test-gateway/${session}`)).json()).status, 'paid');
  assert.equal((await anonymous(`/api/public/links/${token}/checkout`, { method: 'POST', body: '{}' })).status, 409);
  assert.equal((await (await anonymous(`/api/public/links/${token}`)).json()).order.paymentStatus, 'paid');
  assert.equal((await anonymous('/api/public/test-gateway/tgs_nope')).status, 404);
});

test('test gateway: decline leaves the order payable and records the failure', async () => {
  const c = await customer('Dario Blu');
  const o = await order(c);
  const token = tokenIn(o.paymentLink);
  const { redirectUrl } = await (await anonymous(`/api/public/links/${token}/checkout`, { method: 'POST', body: '{}' })).json();
  const session = redirectUrl.split('/').at(-1);
  const declined = await (await anonymous(`/api/public/test-gateway/${session}/decline`, { method: 'POST', body: '{}' })).json();
  assert.equal(declined.redirectUrl, `${new URL(o.paymentLink).origin}/s/${token}?payment=cancelled`);
  const after = (await admin.get(`${w}/orders/${o.id}`)).json;
  assert.equal(after.status, 'pending_payment');
  assert.equal(after.paymentStatus, 'failed');
  assert.ok(after.events.some((e) => /declined/.test(e.note)));
  // A new attempt opens a new session.
  const retry = await (await anonymous(`/api/public/links/${token}/checkout`, { method: 'POST', body: '{}' })).json();
  assert.notEqual(retry.redirectUrl, redirectUrl);
});

test('Stripe: checkout session created with the documented parameters and an idempotency key; signed webhooks verified with the stripe package\'s generator', async () => {
  const saved = await admin.put(`${w}/payments`, { provider: 'stripe', secretKey: 'sk_test_51Shop', webhookSecret: 'whsec_shop_secret', apiBaseUrl: fake.base });
  assert.equal(saved.status, 200, saved.text);
  assert.deepEqual([saved.json.secretKeySet, saved.json.webhookSecretSet, saved.json.apiBaseUrl], [true, true, fake.base]);
  assert.equal(saved.json.secretKey, undefined);
  const stored = psql(`SELECT secret_key_sealed || webhook_secret_sealed FROM payment_settings WHERE workspace_id = '${ws}'`, conninfo);
  assert.ok(!stored.includes('sk_test_51Shop') && !stored.includes('whsec_shop_secret'));
  assert.equal((await admin.put(`${w}/payments`, { provider: 'stripe' })).status, 200, 'kept keys need not be sent again');

  const c = await customer('Elena Rosa');
  const o = await order(c, [['VIN-BAR', 1]]);
  const token = tokenIn(o.paymentLink);
  const page = await (await anonymous(`/api/public/links/${token}`)).json();
  assert.equal(page.payment.provider, 'stripe');
  const start = await anonymous(`/api/public/links/${token}/checkout`, { method: 'POST', body: '{}' });
  assert.equal(start.status, 200);
  const { redirectUrl } = await start.json();
  assert.match(redirectUrl, /^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/);
  const sent = fake.state.requests.at(-1);
  assert.equal(sent.path, '/v1/checkout/sessions');
  assert.equal(sent.auth, 'Bearer sk_test_51Shop');
  assert.equal(sent.contentType, 'application/x-www-form-urlencoded');
  assert.equal(sent.key, `checkout-${o.id}-1`);
  assert.equal(sent.form.mode, 'payment');
  assert.equal(sent.form['line_items[0][price_data][currency]'], 'eur');
  assert.equal(Number(sent.form['line_items[0][price_data][unit_amount]']), o.total);
  assert.equal(sent.form['metadata[order_code]'], o.code);
  assert.equal(sent.form.success_url, `${new URL(o.paymentLink).origin}/s/${token}?payment=success`);
  const expires = Number(sent.form.expires_at);
  assert.ok(expires >= Date.now() / 1000 + 1800 && expires <= Date.now() / 1000 + 3700, 'within Stripe\'s window and the link\'s hour');
  const count = fake.state.requests.length;
  assert.equal((await (await anonymous(`/api/public/links/${token}/checkout`, { method: 'POST', body: '{}' })).json()).redirectUrl, redirectUrl);
  assert.equal(fake.state.requests.length, count, 'the open session is reused, not created again');
  const sessionId = redirectUrl.split('/').at(-1);

  // Signatures: missing, wrong secret, too old, another workspace's endpoint → 401 and nothing stored.
  const events = () => Number(psql(`SELECT count(*) FROM payment_events WHERE workspace_id = '${ws}'`, conninfo));
  const before = events();
  const completed = stripeEvent('checkout.session.completed', { id: sessionId, object: 'checkout.session', payment_status: 'paid', payment_intent: 'pi_test_777', metadata: { order_id: o.id, order_code: o.code } }, 'evt_completed_1');
  assert.equal((await postStripe(`/webhooks/stripe/${ws}`, completed)).status, 401);
  assert.equal((await postStripe(`/webhooks/stripe/${ws}`, completed, signed(completed, 'whsec_wrong'))).status, 401);
  assert.equal((await postStripe(`/webhooks/stripe/${ws}`, completed, signed(completed, 'whsec_shop_secret', Math.floor(Date.now() / 1000) - 400))).status, 401);
  assert.equal((await postStripe(`/webhooks/stripe/${ws}`, completed + ' ', signed(completed, 'whsec_shop_secret'))).status, 401, 'the raw body is what is signed');
  assert.equal((await postStripe(`${hotel.replace('/api/workspaces', '/webhooks/stripe')}`, completed, signed(completed, 'whsec_shop_secret'))).status, 401);
  assert.equal(events(), before);
  assert.equal((await admin.get(`${w}/orders/${o.id}`)).json.status, 'pending_payment');

  // The real thing, then its replay: paid once, one invoice number, one confirmation.
  const ok = await postStripe(`/webhooks/stripe/${ws}`, completed, signed(completed, 'whsec_shop_secret'));
  assert.equal(ok.status, 200);
  assert.deepEqual(await ok.json(), { received: true, duplicate: false });
  const paid = (await admin.get(`${w}/orders/${o.id}`)).json;
  assert.equal(paid.status, 'paid');
  assert.equal(paid.paymentProvider, 'stripe');
  const replay = await postStripe('/webhooks/stripe', completed, signed(completed, 'whsec_shop_secret'));
  assert.equal(replay.status, 200, 'the endpoint without a workspace finds it by the secret');
  assert.equal((await replay.json()).duplicate, true);
  assert.equal((await admin.get(`${w}/orders/${o.id}`)).json.invoiceNumber, paid.invoiceNumber);
  await waitFor(async () => (await outbound(c.conv)).some((m) => m.text.startsWith('Pagamento ricevuto')), 'the confirmation');
  await sleep(300);
  assert.equal((await outbound(c.conv)).filter((m) => m.text.startsWith('Pagamento ricevuto')).length, 1);

  // Out of order: a late failure does not undo the payment; unknown events are acknowledged.
  const late = stripeEvent('payment_intent.payment_failed', { id: 'pi_test_777', object: 'payment_intent', metadata: { order_id: o.id } });
  assert.equal((await postStripe(`/webhooks/stripe/${ws}`, late, signed(late, 'whsec_shop_secret'))).status, 200);
  const unknown = stripeEvent('customer.created', { id: 'cus_1', object: 'customer' });
  assert.equal((await postStripe(`/webhooks/stripe/${ws}`, unknown, signed(unknown, 'whsec_shop_secret'))).status, 200);
  const still = (await admin.get(`${w}/orders/${o.id}`)).json;
  assert.deepEqual([still.status, still.paymentStatus], ['paid', 'paid']);
  const bodyless = JSON.stringify({ hello: 'world' });
  assert.equal((await postStripe(`/webhooks/stripe/${ws}`, bodyless, signed(bodyless, 'whsec_shop_secret'))).status, 400);

  // Refund from the dashboard goes through Stripe with the payment intent; the gateway's
  // charge.refunded that follows changes nothing more.
  assert.equal((await agent.post(`${w}/orders/${o.id}/refund`, { reason: 'x' })).status, 403, 'agents do not refund');
  const refunded = await admin.post(`${w}/orders/${o.id}/refund`, { reason: 'bottiglia rotta' });
  assert.equal(refunded.status, 200, refunded.text);
  assert.equal(refunded.json.status, 'refunded');
  const refundCall = fake.state.requests.at(-1);
  assert.deepEqual([refundCall.path, refundCall.form.payment_intent, Number(refundCall.form.amount), refundCall.key], ['/v1/refunds', 'pi_test_777', o.total, `refund-${o.id}`]);
  assert.match(psql(`SELECT provider_refund_id FROM refunds WHERE order_id = '${o.id}'`, conninfo), /^re_test_/);
  const charge = stripeEvent('charge.refunded', { id: 'ch_1', object: 'charge', payment_intent: 'pi_test_777', amount_refunded: o.total });
  assert.equal((await postStripe(`/webhooks/stripe/${ws}`, charge, signed(charge, 'whsec_shop_secret'))).status, 200);
  assert.equal((await admin.get(`${w}/orders/${o.id}`)).json.events.filter((e) => e.to === 'refunded').length, 1);
  assert.equal((await admin.post(`${w}/orders/${o.id}/refund`, {})).status, 409, 'a refunded order is not refunded again');
  await admin.put(`${w}/payments`, { provider: 'test' });
});

test('Stripe unavailable: the customer gets a clear 503 and can try again; the same idempotency key is reused', async () => {
  await admin.put(`${w}/payments`, { provider: 'stripe', apiBaseUrl: fake.base });
  const c = await customer('Gino Viola');
  const o = await order(c);
  const token = tokenIn(o.paymentLink);
  fake.state.failNext = 1;
  const down = await anonymous(`/api/public/links/${token}/checkout`, { method: 'POST', body: '{}' });
  assert.equal(down.status, 503);
  const up = await anonymous(`/api/public/links/${token}/checkout`, { method: 'POST', body: '{}' });
  assert.equal(up.status, 200);
  const keys = fake.state.requests.slice(-2).map((r) => r.key);
  assert.deepEqual(keys, [`checkout-${o.id}-1`, `checkout-${o.id}-1`]);
  await admin.put(`${w}/payments`, { provider: 'test' });
});

test('the last unit: of concurrent orders for it exactly one succeeds, the others are 409 out-of-stock', async () => {
  const id = product('SAL-CUL');
  psql(`UPDATE products SET stock = 1 WHERE id = '${id}'`, conninfo);
  const buyers = await Promise.all(Array.from({ length: 6 }, (_, i) => customer(`Racer ${i}`)));
  const results = await Promise.all(buyers.map((b) => admin.post(`${w}/orders`, { customerId: b.id, lines: [{ productId: id, quantity: 1 }] })));
  assert.deepEqual(results.map((r) => r.status).sort(), [201, 409, 409, 409, 409, 409]);
  for (const r of results.filter((x) => x.status === 409)) {
    assert.match(r.json.type, /\/out-of-stock$/, r.text);
    assert.equal(r.json.errors[0].field, 'lines[0].quantity');
  }
  assert.equal(psql(`SELECT stock FROM products WHERE id = '${id}'`, conninfo), '0');
});

test('invoice numbers: paying many orders at once gives consecutive numbers, no gaps, no duplicates', async () => {
  const year = new Date().getUTCFullYear();
  const last = () => Number(psql(`SELECT coalesce(max(last_number), 0) FROM document_counters WHERE workspace_id = '${ws}' AND series = 'invoice' AND year = ${year}`, conninfo));
  const start = last();
  const buyers = await Promise.all(Array.from({ length: 8 }, (_, i) => customer(`Batch ${i}`)));
  const orders = [];
  for (const b of buyers) orders.push(await order(b, [['PAS-SPA', 1]]));
  const sessions = await Promise.all(orders.map(async (o) => (await (await anonymous(`/api/public/links/${tokenIn(o.paymentLink)}/checkout`, { method: 'POST', body: '{}' })).json()).redirectUrl.split('/').at(-1)));
  const paid = await Promise.all(sessions.map((s) => anonymous(`/api/public/test-gateway/${s}/pay`, { method: 'POST', body: '{}' })));
  assert.ok(paid.every((r) => r.status === 200));
  const numbers = orders.map((o) => psql(`SELECT invoice_number FROM orders WHERE id = '${o.id}'`, conninfo)).map((n) => Number(n.split('-')[2])).sort((a, b) => a - b);
  assert.deepEqual(numbers, Array.from({ length: 8 }, (_, i) => start + 1 + i));
  assert.equal(last(), start + 8);
});

test('manual orders: validation lists each bad field and changes nothing; the team can mark a transfer paid', async () => {
  const c = await customer('Ivo Grigi');
  const count = () => Number(psql(`SELECT count(*) FROM orders WHERE workspace_id = '${ws}'`, conninfo));
  const n = count();
  const bad = await admin.post(`${w}/orders`, { customerId: 'nope', lines: [{ productId: product('FOR-PR24'), quantity: 0 }, { productId: product('FOR-PR24'), quantity: 1 }, { productId: 'x' }] });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.json.errors.map((e) => e.field).sort(), ['customerId', 'lines[0].quantity', 'lines[1].productId', 'lines[2].productId', 'lines[2].quantity']);
  const otherShop = psql(`SELECT id FROM customers WHERE workspace_id <> '${ws}' LIMIT 1`, conninfo);
  assert.equal((await admin.post(`${w}/orders`, { customerId: otherShop, lines: [{ productId: product('FOR-PR24'), quantity: 1 }] })).status, 422);
  const inactive = await admin.post(`${w}/orders`, { customerId: c.id, lines: [{ productId: psql(`SELECT id FROM products WHERE workspace_id <> '${ws}' LIMIT 1`, conninfo), quantity: 1 }] });
  assert.equal(inactive.status, 422);
  assert.equal(inactive.json.errors[0].field, 'lines[0].productId');
  assert.equal(count(), n);
  const o = await order(c, [['ACE-BAL', 1]], { notes: 'ordine telefonico', promoCode: 'NONESISTE' });
  assert.equal(o.notes, 'ordine telefonico');
  assert.equal(o.promoCode, null, 'a code that does not apply is dropped, not charged');
  const marked = await admin.post(`${w}/orders/${o.id}/status`, { status: 'paid', note: 'bonifico' });
  assert.equal(marked.status, 200);
  assert.match(marked.json.invoiceNumber, /^INV-/);
  assert.equal(marked.json.paymentProvider, 'manual');
  const pdf = await download(`${w}/orders/${o.id}/invoice.pdf`);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  const bytes = Buffer.from(await pdf.arrayBuffer());
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  assert.ok(bytes.toString('latin1').includes(marked.json.invoiceNumber), 'the title names the invoice');
  assert.equal((await download(`${hotel}/orders/${o.id}/invoice.pdf`)).status, 404);
  const refunded = await admin.post(`${w}/orders/${o.id}/refund`, { reason: 'reso', notifyCustomer: true });
  assert.equal(refunded.status, 200);
  assert.equal(psql(`SELECT provider_refund_id IS NULL FROM refunds WHERE order_id = '${o.id}'`, conninfo), 't', 'returned by hand, recorded');
});

test('invoice link from the chat: the invoice page data and its PDF; unpaid orders have none', async () => {
  const legal = await admin.patch(w, { legalName: 'Bottega Italiana S.r.l.', legalAddress: 'Via Farini 1, 43121 Parma', vatNumber: 'IT01234567890' });
  assert.equal(legal.status, 200, legal.text);
  assert.equal(legal.json.vatNumber, 'IT01234567890');
  const c = await customer('Lia Marroni');
  const o = await order(c, [['DOL-CAN', 2]]);
  await c.say(`fattura ${o.code}`);
  const none = await waitFor(async () => (await outbound(c.conv)).find((m) => m.authorKind === 'agent'), 'the agent reply');
  assert.match(none.text, /non ha ancora una fattura/);
  await admin.post(`${w}/orders/${o.id}/status`, { status: 'paid' });
  await c.say(`fattura ${o.code}`);
  const reply = await waitFor(async () => (await outbound(c.conv)).filter((m) => m.authorKind === 'agent')[1], 'the invoice link');
  const token = tokenIn(reply.text);
  const page = await (await anonymous(`/api/public/links/${token}`)).json();
  assert.equal(page.type, 'invoice');
  assert.equal(page.invoice.orderCode, o.code);
  assert.equal(page.invoice.buyer.name, 'Lia Marroni');
  assert.equal(page.invoice.buyer.address, 'Via Emilia 10, 43121 Parma, IT');
  assert.equal(page.invoice.lines[0].quantity, 2);
  assert.equal(page.invoice.lines[0].taxRate, 10, 'percent, like the rest of the API');
  assert.deepEqual(page.invoice.seller, { name: 'Bottega Italiana S.r.l.', address: 'Via Farini 1, 43121 Parma', vatNumber: 'IT01234567890' });
  assert.equal(page.invoice.total, o.total);
  const pdf = await fetch(`${srv.base}/api/public/links/${token}/invoice.pdf`);
  assert.equal(pdf.status, 200);
  assert.match(pdf.headers.get('content-disposition'), /INV-\d{4}-\d{6}\.pdf/);
  assert.equal(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
  assert.equal((await fetch(`${srv.base}/api/public/links/${tokenIn(o.paymentLink)}/invoice.pdf`)).status, 404, 'a payment link opens no invoice');
});

test('profile link: details and consent changed, everything exported, then erased (orders kept for the accounts)', async () => {
  const c = await customer('Nadia Ocra');
  const o = await order(c, [['FOR-PEC', 1]]);
  await admin.post(`${w}/orders/${o.id}/status`, { status: 'paid' });
  await c.say('voglio modificare i miei dati');
  const reply = await waitFor(async () => (await outbound(c.conv)).find((m) => m.authorKind === 'agent' && m.text.includes('/s/')), 'the profile link');
  const token = tokenIn(reply.text);
  const page = await (await anonymous(`/api/public/links/${token}`)).json();
  assert.equal(page.type, 'profile');
  assert.equal(page.customer.name, 'Nadia Ocra');
  assert.equal(page.customer.gdprConsent.given, true);
  assert.ok('text' in page.privacy && 'version' in page.privacy);
  const bad = await anonymous(`/api/public/links/${token}/profile`, { method: 'POST', body: JSON.stringify({ name: '', email: 'x', language: 'fr', shippingAddress: {} }) });
  assert.equal(bad.status, 422);
  assert.deepEqual((await bad.json()).errors.map((e) => e.field).sort(), ['email', 'language', 'name', 'shippingAddress.city', 'shippingAddress.country', 'shippingAddress.line1', 'shippingAddress.postalCode']);
  const changed = await anonymous(`/api/public/links/${token}/profile`, { method: 'POST', body: JSON.stringify({ name: 'Nadia Ocra Rossi', email: 'nadia@example.com', language: 'en', pushOptIn: true, gdprConsent: true, shippingAddress: { line1: 'Via Po 2', city: 'Torino', postalCode: '10121', country: 'IT' } }) });
  assert.equal(changed.status, 200);
  const profile = (await changed.json()).customer;
  assert.equal(profile.billingAddress, null, 'no billing address: invoices use the shipping one');
  const billed = await anonymous(`/api/public/links/${token}/profile`, { method: 'POST', body: JSON.stringify({ name: 'Nadia Ocra Rossi', email: 'nadia@example.com', language: 'en', shippingAddress: { line1: 'Via Po 2', city: 'Torino', postalCode: '10121', country: 'IT' }, billingAddress: { line1: 'Corso Francia 5', city: 'Torino', postalCode: '10138', country: 'IT' } }) });
  assert.equal(billed.status, 200);
  const afterBilling = (await billed.json()).customer;
  assert.equal(afterBilling.billingAddress.line1, 'Corso Francia 5');
  assert.equal(afterBilling.pushOptIn, true, 'an absent pushOptIn keeps the choice');
  const badBilling = await anonymous(`/api/public/links/${token}/profile`, { method: 'POST', body: JSON.stringify({ name: 'N', email: 'nadia@example.com', language: 'en', shippingAddress: { line1: 'Via Po 2', city: 'Torino', postalCode: '10121', country: 'IT' }, billingAddress: { line1: '' } }) });
  assert.equal(badBilling.status, 422);
  assert.deepEqual((await badBilling.json()).errors.map((e) => e.field).sort(), ['billingAddress.city', 'billingAddress.country', 'billingAddress.line1', 'billingAddress.postalCode']);
  assert.deepEqual([profile.name, profile.email, profile.language, profile.pushOptIn, profile.shippingAddress.city], ['Nadia Ocra Rossi', 'nadia@example.com', 'en', true, 'Torino']);
  const exported = await anonymous(`/api/public/links/${token}/export`, { method: 'POST', body: '{}' });
  assert.equal(exported.status, 200);
  assert.match(exported.headers.get('content-disposition'), /my-data\.json/);
  const data = await exported.json();
  assert.equal(data.customer.email, 'nadia@example.com');
  assert.deepEqual(data.orders.map((x) => x.code), [o.code]);
  assert.ok(data.messages.some((m) => m.text === 'voglio modificare i miei dati'));
  assert.equal((await anonymous(`/api/public/links/${token}/erasure`, { method: 'POST', body: JSON.stringify({ confirm: false }) })).status, 422);
  const erased = await anonymous(`/api/public/links/${token}/erasure`, { method: 'POST', body: JSON.stringify({ confirm: true }) });
  assert.equal(erased.status, 200);
  assert.deepEqual(await erased.json(), { erased: true });
  assert.equal(psql(`SELECT name || '|' || coalesce(email, '-') || '|' || coalesce(phone, '-') || '|' || shipping_address::text FROM customers WHERE id = '${c.id}'`, conninfo), 'Erased customer|-|-|{}');
  assert.equal(psql(`SELECT count(*) FROM conversations WHERE customer_id = '${c.id}'`, conninfo), '0');
  assert.equal(psql(`SELECT count(*) FROM messages m WHERE m.conversation_id = '${c.conv}'`, conninfo), '0');
  assert.equal(psql(`SELECT code || '|' || (invoice_number IS NOT NULL) || '|' || shipping_address::text FROM orders WHERE id = '${o.id}'`, conninfo), `${o.code}|true|{}`);
  assert.equal((await anonymous(`/api/public/links/${token}`)).status, 410, 'the link is spent');
  assert.equal(psql(`SELECT count(*) FROM secure_link_events e JOIN secure_links l ON l.id = e.link_id WHERE l.customer_id = '${c.id}' AND e.ip <> ''`, conninfo), '0', 'no address it was opened from is kept');
  assert.equal((await anonymous(`/api/public/links/${tokenIn(o.paymentLink)}`)).status, 410, 'every link of theirs stops working');
});
