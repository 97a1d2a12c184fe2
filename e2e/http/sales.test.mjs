// Services, FAQs, offers (with code validation) and customers over HTTP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, seededDatabase, Client, generousLimits } from './lib.mjs';

let srv;
let admin;
let agent;
let w;
before(async () => {
  srv = await startServer({ env: { DATABASE_URL: seededDatabase('sales_test'), ...generousLimits } });
  admin = new Client(srv.base);
  agent = new Client(srv.base);
  const me = await admin.login('admin@shopme.test');
  await agent.login('agent@shopme.test');
  w = `/api/workspaces/${me.memberships.find((m) => m.workspaceName === 'Bottega Italiana').workspaceId}`;
});
after(async () => { await srv.stop(); });

test('services: CRUD with validation and search', async () => {
  const c = await admin.post(`${w}/services`, { name: 'Degustazione guidata', price: 2500, taxRate: 22, durationMinutes: 60 });
  assert.equal(c.status, 201, c.text);
  assert.equal(c.json.durationMinutes, 60);
  const bad = await admin.post(`${w}/services`, { name: '', price: 'free', taxRate: 200, durationMinutes: 0, language: 'de' });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.json.errors.map((e) => e.field).sort(), ['durationMinutes', 'language', 'name', 'price', 'taxRate']);
  const u = await admin.patch(`${w}/services/${c.json.id}`, { active: false });
  assert.equal(u.json.active, false);
  assert.equal(u.json.durationMinutes, 60, 'absent keeps');
  assert.equal((await admin.patch(`${w}/services/${c.json.id}`, { durationMinutes: null })).json.durationMinutes, null, 'null clears');
  assert.equal((await admin.get(`${w}/services?active=false`)).json.items.length, 1);
  assert.equal((await admin.get(`${w}/services?search=degustaz`)).json.total, 1);
  assert.equal((await agent.patch(`${w}/services/${c.json.id}`, { active: true })).status, 403);
  assert.equal((await admin.del(`${w}/services/${c.json.id}`)).status, 204);
  assert.equal((await admin.get(`${w}/services/${c.json.id}`)).status, 404);
});

test('FAQs: per language, searchable', async () => {
  const pt = await admin.get(`${w}/faqs?language=pt`);
  assert.equal(pt.json.total, 4);
  const c = await admin.post(`${w}/faqs`, { question: 'Fate consegne il sabato?', answer: 'Sì, a Milano.', language: 'it' });
  assert.equal(c.status, 201);
  assert.equal((await admin.get(`${w}/faqs?search=sabato`)).json.items[0].id, c.json.id);
  assert.equal((await admin.post(`${w}/faqs`, { question: 'x' })).status, 422);
});

test('offers: types, unique case-insensitive code, validation endpoint and statistics', async () => {
  const bad = await admin.post(`${w}/offers`, { name: 'Broken', type: 'percentage', value: 150, code: 'benvenuto10', endsAt: 'the 31st of never' });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.json.errors.map((e) => e.field).sort(), ['code', 'endsAt', 'value']);
  const fixed = await admin.post(`${w}/offers`, { name: 'Cinque euro', type: 'fixed_amount', value: 500, code: 'CINQUE', minPurchase: 2000 });
  assert.equal(fixed.status, 201, fixed.text);
  assert.equal(fixed.json.value, 500);
  assert.deepEqual(fixed.json.stats, { uses: 0, customers: 0 });
  const v = await admin.get(`${w}/offers/validate/cinque?cartValue=3000`);
  assert.deepEqual([v.json.valid, v.json.discount], [true, 500]);
  const low = await admin.get(`${w}/offers/validate/CINQUE?cartValue=1000`);
  assert.deepEqual([low.json.valid, low.json.reason, low.json.discount], [false, 'min_purchase', 0]);
  const pct = await admin.get(`${w}/offers/validate/BENVENUTO10?cartValue=5000`);
  assert.equal(pct.json.discount, 500);
  assert.equal((await admin.get(`${w}/offers/validate/NOPE?cartValue=5000`)).json.reason, 'unknown');
  assert.equal((await admin.get(`${w}/offers/validate/CINQUE`)).status, 422);
  await admin.patch(`${w}/offers/${fixed.json.id}`, { active: false });
  assert.equal((await admin.get(`${w}/offers/validate/CINQUE?cartValue=3000`)).json.reason, 'inactive');
  const limited = await admin.patch(`${w}/offers/${fixed.json.id}`, { usageLimit: 3, endsAt: '2099-01-01T00:00:00Z' });
  assert.deepEqual([limited.json.usageLimit, limited.json.endsAt], [3, '2099-01-01T00:00:00Z']);
  const cleared = await admin.patch(`${w}/offers/${fixed.json.id}`, { usageLimit: null, endsAt: null });
  assert.deepEqual([cleared.json.usageLimit, cleared.json.endsAt, cleared.json.minPurchase], [null, null, 2000], 'null clears; absent keeps');
  const future = await admin.post(`${w}/offers`, { name: 'Natale', type: 'buy_x_get_y', buyQuantity: 2, getQuantity: 1, startsAt: '2099-12-01T00:00:00Z', code: 'NATALE' });
  assert.equal(future.status, 201, future.text);
  assert.equal((await admin.get(`${w}/offers/validate/natale?cartValue=3000`)).json.reason, 'not_started');
});

test('customers: E.164 phone unique per workspace, block with reason, filters', async () => {
  const c = await admin.post(`${w}/customers`, { name: 'Nuovo Cliente', phone: '+393331112223', email: 'nuovo@example.com', tags: ['vip'], shippingAddress: { line1: 'Via Roma 1', city: 'Milano', postalCode: '20100', country: 'IT' } });
  assert.equal(c.status, 201, c.text);
  assert.equal(c.json.shippingAddress.city, 'Milano');
  const dup = await admin.post(`${w}/customers`, { name: 'Altro', phone: '+393331112223' });
  assert.equal(dup.status, 422);
  assert.equal(dup.json.errors[0].field, 'phone');
  const bad = await admin.post(`${w}/customers`, { name: 'X', phone: '3331112223', email: 'nope', tags: 'vip' });
  assert.deepEqual(bad.json.errors.map((e) => e.field).sort(), ['email', 'phone', 'tags']);
  const blocked = await admin.patch(`${w}/customers/${c.json.id}`, { blocked: true, blockedReason: 'spam' });
  assert.deepEqual([blocked.json.blocked, blocked.json.blockedReason], [true, 'spam']);
  assert.deepEqual((await admin.get(`${w}/customers?blocked=true`)).json.items.map((x) => x.id), [c.json.id]);
  assert.equal((await admin.get(`${w}/customers?tag=vip`)).json.total, 1);
  assert.equal((await admin.get(`${w}/customers?search=nuovo`)).json.total, 1);
  assert.equal((await agent.get(`${w}/customers/${c.json.id}`)).status, 200, 'agents read customers');
  assert.equal((await agent.patch(`${w}/customers/${c.json.id}`, { blocked: false })).status, 403);
  const all = await admin.get(`${w}/customers?limit=100`);
  assert.ok(all.json.total >= 25);
  assert.ok(all.json.items.every((x) => x.gdprConsent !== undefined));
});
