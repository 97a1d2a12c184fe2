// Secure links and the registration gate: an unregistered customer gets one registration link and
// nothing else; the public page's API registers them with consent, spends the link and confirms in
// the chat; expired, used and unknown links are refused; every use is audited; tokens stay out of logs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, seededDatabase, Client, generousLimits, psql, sleep, waitFor, anonymousFetch } from './lib.mjs';

let srv, agent, conninfo, w;
before(async () => {
  conninfo = seededDatabase('links_test');
  srv = await startServer({ env: { DATABASE_URL: conninfo, ...generousLimits } });
  agent = new Client(srv.base);
  const me = await agent.login('agent@shopme.test');
  w = `/api/workspaces/${me.memberships.find((m) => m.workspaceName === 'Bottega Italiana').workspaceId}`;
});
after(async () => { await srv.stop(); });

const outbound = async (conv) => (await agent.get(`${w}/conversations/${conv}/messages?limit=100`)).json.items.filter((m) => m.direction === 'outbound');
const say = (phone, text) => agent.post(`${w}/simulator/messages`, { name: 'Giulia', phone, text });
const anonymous = (path, init) => anonymousFetch(srv.base)(path, init);
const validBody = { name: 'Giulia Bianchi', email: 'giulia@example.com', language: 'it', gdprConsent: true, pushOptIn: true, shippingAddress: { line1: 'Via Roma 1', city: 'Parma', postalCode: '43121', country: 'IT' } };

test('registration: one link, public page data, validation, register with consent, confirmation, link spent', async () => {
  const first = await say('+393330000201', 'Ciao, vorrei ordinare');
  const conv = first.json.conversationId;
  const [invite] = await waitFor(async () => { const o = await outbound(conv); return o.length ? o : null; }, 'the registration link');
  const token = invite.text.match(/\/s\/([A-Za-z0-9_-]{43})$/)[1];
  // More messages before registering: no second link, nothing else.
  await say('+393330000201', 'ci sei?');
  await sleep(700);
  assert.equal((await outbound(conv)).length, 1);

  const page = await anonymous(`/api/public/links/${token}`);
  assert.equal(page.status, 200);
  const info = await page.json();
  assert.equal(info.type, 'registration');
  assert.equal(info.workspace.name, 'Bottega Italiana');
  assert.equal(info.customer.name, 'Giulia');
  assert.equal(info.privacy.version, 'v1');
  assert.ok(Date.parse(info.expiresAt) - Date.now() > 23 * 3600 * 1000);

  const bad = await anonymous(`/api/public/links/${token}/registration`, { method: 'POST', body: JSON.stringify({ name: ' ', email: 'nope', language: 'de', gdprConsent: false, shippingAddress: { line1: '', city: 'Parma', postalCode: '43121', country: 'Italia' } }) });
  assert.equal(bad.status, 422);
  assert.deepEqual((await bad.json()).errors.map((e) => e.field).sort(),
    ['email', 'gdprConsent', 'language', 'name', 'shippingAddress.country', 'shippingAddress.line1']);
  const noOrigin = await fetch(`${srv.base}/api/public/links/${token}/registration`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(validBody) });
  assert.equal(noOrigin.status, 403, 'the CSRF check applies to public actions too');

  const ok = await anonymous(`/api/public/links/${token}/registration`, { method: 'POST', body: JSON.stringify(validBody) });
  assert.equal(ok.status, 200, await ok.clone().text());
  const customerId = (await agent.get(`${w}/conversations/${conv}`)).json.customer.id;
  const customer = (await agent.get(`${w}/customers/${customerId}`)).json;
  assert.equal(customer.name, 'Giulia Bianchi');
  assert.equal(customer.email, 'giulia@example.com');
  assert.ok(customer.registeredAt);
  assert.equal(customer.pushOptIn, true);
  assert.deepEqual(customer.shippingAddress, validBody.shippingAddress);
  assert.equal(psql(`SELECT gdpr_consent_version FROM customers WHERE id = '${customerId}' AND gdpr_consent_at IS NOT NULL`, conninfo), 'v1');
  const confirmation = await waitFor(async () => (await outbound(conv)).find((m) => m.text.startsWith('Grazie, Giulia Bianchi')), 'the confirmation');
  assert.equal(confirmation.authorKind, 'system');

  // Spent: the page and the action both say so.
  const again = await anonymous(`/api/public/links/${token}`);
  assert.equal(again.status, 410);
  assert.match((await again.json()).type, /link-used$/);
  assert.equal((await anonymous(`/api/public/links/${token}/registration`, { method: 'POST', body: JSON.stringify(validBody) })).status, 410);
  // Registered: the next message gets no link (the agent's turn plugs in here).
  await say('+393330000201', 'eccomi');
  await sleep(700);
  assert.equal((await outbound(conv)).filter((m) => m.text.includes('/s/')).length, 1);

  const events = psql(`SELECT string_agg(action, ',' ORDER BY created_at) FROM secure_link_events`, conninfo);
  assert.match(events, /viewed.*registration.*refused-used/);
  assert.ok(!srv.lines.join('\n').includes(token), 'the token never reaches the log');
  assert.equal(psql(`SELECT count(*) FROM secure_links WHERE token_digest = '${token}'`, conninfo), '0', 'only the digest is stored');
});

test('expired, unknown and malformed links', async () => {
  const r = await say('+393330000202', 'Ciao');
  const [invite] = await waitFor(async () => { const o = await outbound(r.json.conversationId); return o.length ? o : null; }, 'the link');
  const token = invite.text.match(/\/s\/([A-Za-z0-9_-]{43})$/)[1];
  psql(`UPDATE secure_links SET expires_at = now() - interval '1 second' WHERE type = 'registration' AND used_at IS NULL`, conninfo);
  const expired = await anonymous(`/api/public/links/${token}`);
  assert.equal(expired.status, 410);
  assert.match((await expired.json()).type, /link-expired$/);
  assert.equal((await anonymous(`/api/public/links/${token}/registration`, { method: 'POST', body: JSON.stringify(validBody) })).status, 410);
  const unknown = `${token.slice(0, 42)}${token[42] === 'A' ? 'B' : 'A'}`;
  assert.equal((await anonymous(`/api/public/links/${unknown}`)).status, 404);
  assert.equal((await anonymous('/api/public/links/short')).status, 404);
  // An expired link: the customer's next message brings a new one.
  await say('+393330000202', 'il link è scaduto');
  await waitFor(async () => (await outbound(r.json.conversationId)).filter((m) => m.text.includes('/s/')).length === 2, 'a new link');
});
