// Authorization: the role x route matrix, and tenant isolation (another workspace's ids are 404,
// lists never show foreign rows). Later features add their routes to the tables below.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, seededDatabase, psql, Client, generousLimits } from './lib.mjs';

let srv;
let conninfo;
const clients = {};
let shop;   // Bottega Italiana: admin, manager, agent
let hotel;  // Hotel Belvedere: admin only (plus a hotel-only member below)
let hotelOnlyUser;
let hotelInvitation;

before(async () => {
  conninfo = seededDatabase('access_test');
  srv = await startServer({ env: { DATABASE_URL: conninfo, ...generousLimits } });
  for (const role of ['admin', 'manager', 'agent']) {
    clients[role] = new Client(srv.base);
    await clients[role].login(`${role}@shopme.test`);
  }
  const me = (await clients.admin.get('/api/auth/me')).json;
  shop = me.memberships.find((m) => m.workspaceName === 'Bottega Italiana').workspaceId;
  hotel = me.memberships.find((m) => m.workspaceName === 'Hotel Belvedere').workspaceId;
  hotelOnlyUser = psql(`INSERT INTO users (email, name, password_hash) VALUES ('porter@hotel.test', 'Porter', 'x') RETURNING id`, conninfo).split('\n')[0];
  psql(`INSERT INTO memberships (workspace_id, user_id, role) VALUES ('${hotel}', '${hotelOnlyUser}', 'agent')`, conninfo);
  const inv = await clients.admin.post(`/api/workspaces/${hotel}/members/invitations`, { email: 'guest@hotel.test', role: 'agent' });
  hotelInvitation = inv.json.id;
});
after(async () => { await srv.stop(); });

// Every workspace route: a request that is valid for an allowed role, and who is allowed.
// Requests are harmless when allowed (no-op updates, unknown targets) so the matrix can run in any order.
const zeroUuid = '00000000-0000-4000-8000-000000000000';
const routes = () => [
  { method: 'GET', path: `/api/workspaces/${shop}`, allowed: ['admin', 'manager', 'agent'] },
  { method: 'PATCH', path: `/api/workspaces/${shop}`, body: {}, allowed: ['admin'] },
  { method: 'DELETE', path: `/api/workspaces/${shop}`, allowed: ['admin'], skipAllowed: true },
  { method: 'GET', path: `/api/workspaces/${shop}/members`, allowed: ['admin', 'manager', 'agent'] },
  { method: 'POST', path: `/api/workspaces/${shop}/members/invitations`, body: { email: 'matrix@example.com', role: 'agent' }, allowed: ['admin', 'manager'] },
  { method: 'DELETE', path: `/api/workspaces/${shop}/members/invitations/${zeroUuid}`, allowed: ['admin', 'manager'], okStatus: 404 },
  { method: 'PATCH', path: `/api/workspaces/${shop}/members/${zeroUuid}`, body: { role: 'agent' }, allowed: ['admin', 'manager'], okStatus: 404 },
  { method: 'DELETE', path: `/api/workspaces/${shop}/members/${zeroUuid}`, allowed: ['admin', 'manager'], okStatus: 404 },
  { method: 'GET', path: `/api/workspaces/${shop}/mail-outbox`, allowed: ['admin'] },
  { method: 'GET', path: `/api/workspaces/${shop}/categories`, allowed: ['admin', 'manager', 'agent'] },
  { method: 'POST', path: `/api/workspaces/${shop}/categories`, body: { name: 'Matrix category' }, allowed: ['admin', 'manager'] },
  { method: 'PATCH', path: `/api/workspaces/${shop}/categories/${zeroUuid}`, body: {}, allowed: ['admin', 'manager'], okStatus: 404 },
  { method: 'DELETE', path: `/api/workspaces/${shop}/categories/${zeroUuid}`, allowed: ['admin', 'manager'], okStatus: 404 },
  { method: 'GET', path: `/api/workspaces/${shop}/products`, allowed: ['admin', 'manager', 'agent'] },
  { method: 'POST', path: `/api/workspaces/${shop}/products`, body: { name: 'Matrix', sku: `M-${Date.now()}`, price: 1 }, allowed: ['admin', 'manager'], okStatus: 422 },
  { method: 'PATCH', path: `/api/workspaces/${shop}/products/${zeroUuid}`, body: {}, allowed: ['admin', 'manager'], okStatus: 404 },
  { method: 'DELETE', path: `/api/workspaces/${shop}/products/${zeroUuid}`, allowed: ['admin', 'manager'], okStatus: 404 },
  { method: 'GET', path: `/api/workspaces/${shop}/search?q=pasta`, allowed: ['admin', 'manager', 'agent'] },
  { method: 'POST', path: `/api/workspaces/${shop}/pricing/preview`, body: { lines: [] }, allowed: ['admin', 'manager', 'agent'], okStatus: 422 },
  ...['services', 'faqs', 'offers'].flatMap((r) => [
    { method: 'GET', path: `/api/workspaces/${shop}/${r}`, allowed: ['admin', 'manager', 'agent'] },
    { method: 'POST', path: `/api/workspaces/${shop}/${r}`, body: {}, allowed: ['admin', 'manager'], okStatus: 422 },
    { method: 'PATCH', path: `/api/workspaces/${shop}/${r}/${zeroUuid}`, body: {}, allowed: ['admin', 'manager'], okStatus: 404 },
    { method: 'DELETE', path: `/api/workspaces/${shop}/${r}/${zeroUuid}`, allowed: ['admin', 'manager'], okStatus: 404 },
  ]),
  { method: 'GET', path: `/api/workspaces/${shop}/offers/validate/BENVENUTO10?cartValue=100`, allowed: ['admin', 'manager', 'agent'] },
  { method: 'GET', path: `/api/workspaces/${shop}/customers`, allowed: ['admin', 'manager', 'agent'] },
  { method: 'POST', path: `/api/workspaces/${shop}/customers`, body: {}, allowed: ['admin', 'manager'], okStatus: 422 },
  { method: 'PATCH', path: `/api/workspaces/${shop}/customers/${zeroUuid}`, body: {}, allowed: ['admin', 'manager'], okStatus: 404 },
  { method: 'DELETE', path: `/api/workspaces/${shop}/customers/${zeroUuid}`, allowed: ['admin', 'manager'], okStatus: 404 },
  { method: 'GET', path: `/api/workspaces/${shop}/customers/${zeroUuid}/conversations`, allowed: ['admin', 'manager', 'agent'], okStatus: 404 },
  { method: 'GET', path: `/api/workspaces/${shop}/channels/whatsapp`, allowed: ['admin'] },
  { method: 'PUT', path: `/api/workspaces/${shop}/channels/whatsapp`, body: {}, allowed: ['admin'], okStatus: 422 },
  { method: 'GET', path: `/api/workspaces/${shop}/orders`, allowed: ['admin', 'manager', 'agent'] },
  { method: 'GET', path: `/api/workspaces/${shop}/orders/${zeroUuid}`, allowed: ['admin', 'manager', 'agent'], okStatus: 404 },
  { method: 'POST', path: `/api/workspaces/${shop}/orders/${zeroUuid}/status`, body: { status: 'shipped' }, allowed: ['admin', 'manager', 'agent'], okStatus: 404 },
  { method: 'POST', path: `/api/workspaces/${shop}/orders/${zeroUuid}/tracking`, body: { trackingNumber: 'X' }, allowed: ['admin', 'manager', 'agent'], okStatus: 404 },
  { method: 'GET', path: `/api/workspaces/${shop}/customers/${zeroUuid}/orders`, allowed: ['admin', 'manager', 'agent'], okStatus: 404 },
  { method: 'GET', path: `/api/workspaces/${shop}/agent`, allowed: ['admin'] },
  { method: 'PUT', path: `/api/workspaces/${shop}/agent`, body: { temperature: 9 }, allowed: ['admin'], okStatus: 422 },
  { method: 'GET', path: `/api/workspaces/${shop}/agent/prompts`, allowed: ['admin'] },
  { method: 'POST', path: `/api/workspaces/${shop}/agent/prompts/999/restore`, allowed: ['admin'], okStatus: 404 },
  { method: 'GET', path: `/api/workspaces/${shop}/channels/whatsapp/templates`, allowed: ['admin', 'manager', 'agent'] },
  { method: 'GET', path: `/api/workspaces/${shop}/conversations`, allowed: ['admin', 'manager', 'agent'] },
  { method: 'GET', path: `/api/workspaces/${shop}/conversations/${zeroUuid}/messages/${zeroUuid}/media`, allowed: ['admin', 'manager', 'agent'], okStatus: 404 },
  { method: 'GET', path: `/api/workspaces/${shop}/conversations/${zeroUuid}`, allowed: ['admin', 'manager', 'agent'], okStatus: 404 },
  { method: 'GET', path: `/api/workspaces/${shop}/conversations/${zeroUuid}/messages`, allowed: ['admin', 'manager', 'agent'], okStatus: 404 },
  { method: 'POST', path: `/api/workspaces/${shop}/conversations/${zeroUuid}/messages`, body: { text: 'x' }, allowed: ['admin', 'manager', 'agent'], okStatus: 404 },
  ...['assign', 'resolve', 'reopen', 'mode', 'read'].map((action) => (
    { method: 'POST', path: `/api/workspaces/${shop}/conversations/${zeroUuid}/${action}`, body: action === 'assign' ? { assigneeId: null } : action === 'mode' ? { mode: 'human' } : {}, allowed: ['admin', 'manager', 'agent'], okStatus: 404 })),
  { method: 'GET', path: `/api/workspaces/${shop}/conversations/${zeroUuid}/notes`, allowed: ['admin', 'manager', 'agent'], okStatus: 404 },
  { method: 'POST', path: `/api/workspaces/${shop}/conversations/${zeroUuid}/notes`, body: { text: 'x' }, allowed: ['admin', 'manager', 'agent'], okStatus: 404 },
  { method: 'POST', path: `/api/workspaces/${shop}/simulator/messages`, body: {}, allowed: ['admin', 'manager', 'agent'], okStatus: 422 },
  { method: 'POST', path: `/api/workspaces/${shop}/simulator/conversations/${zeroUuid}/read`, allowed: ['admin', 'manager', 'agent'], okStatus: 404 },
];

test('role x route matrix: each role gets 403 exactly where it is not allowed', async () => {
  for (const r of routes()) {
    for (const role of ['admin', 'manager', 'agent']) {
      const allowed = r.allowed.includes(role);
      if (allowed && r.skipAllowed) continue;
      const res = await clients[role].req(r.method, r.path, r.body);
      if (allowed) {
        assert.ok([200, 201, 204, r.okStatus].includes(res.status), `${role} ${r.method} ${r.path}: ${res.status} ${res.text}`);
      } else {
        assert.equal(res.status, 403, `${role} ${r.method} ${r.path}: ${res.status}`);
        assert.equal(res.json.status, 403);
      }
    }
  }
});

test('managers cannot touch admins; nobody can remove or demote the last admin', async () => {
  const adminId = (await clients.admin.get('/api/auth/me')).json.user.id;
  const managerId = (await clients.manager.get('/api/auth/me')).json.user.id;
  assert.equal((await clients.manager.patch(`/api/workspaces/${shop}/members/${adminId}`, { role: 'agent' })).status, 403);
  assert.equal((await clients.manager.post(`/api/workspaces/${shop}/members/invitations`, { email: 'boss@example.com', role: 'admin' })).status, 403);
  assert.equal((await clients.manager.patch(`/api/workspaces/${shop}/members/${managerId}`, { role: 'admin' })).status, 403);
  const demote = await clients.admin.patch(`/api/workspaces/${shop}/members/${adminId}`, { role: 'manager' });
  assert.equal(demote.status, 409);
  assert.match(demote.json.detail, /at least one Admin/);
  assert.equal((await clients.admin.del(`/api/workspaces/${shop}/members/${adminId}`)).status, 409);
  // With a second admin the first may step down.
  assert.equal((await clients.admin.patch(`/api/workspaces/${shop}/members/${managerId}`, { role: 'admin' })).status, 200);
  assert.equal((await clients.admin.patch(`/api/workspaces/${shop}/members/${adminId}`, { role: 'manager' })).status, 200);
  assert.equal((await clients.manager.patch(`/api/workspaces/${shop}/members/${adminId}`, { role: 'admin' })).status, 200);
  assert.equal((await clients.admin.patch(`/api/workspaces/${shop}/members/${managerId}`, { role: 'manager' })).status, 200);
  const bad = await clients.admin.patch(`/api/workspaces/${shop}/members/${managerId}`, { role: 'owner' });
  assert.equal(bad.status, 422);
});

test('tenant isolation: every route with another workspace\'s id answers 404, never 403', async () => {
  const foreign = [
    ['GET', `/api/workspaces/${hotel}`],
    ['PATCH', `/api/workspaces/${hotel}`, { name: 'Taken over' }],
    ['DELETE', `/api/workspaces/${hotel}`],
    ['GET', `/api/workspaces/${hotel}/members`],
    ['POST', `/api/workspaces/${hotel}/members/invitations`, { email: 'x@example.com', role: 'agent' }],
    ['DELETE', `/api/workspaces/${hotel}/members/invitations/${hotelInvitation}`],
    ['PATCH', `/api/workspaces/${hotel}/members/${hotelOnlyUser}`, { role: 'admin' }],
    ['DELETE', `/api/workspaces/${hotel}/members/${hotelOnlyUser}`],
    ['GET', `/api/workspaces/${hotel}/mail-outbox`],
    ['GET', `/api/workspaces/${hotel}/categories`],
    ['GET', `/api/workspaces/${hotel}/products`],
    ['POST', `/api/workspaces/${hotel}/products`, { name: 'x', sku: 'X-9', price: 1 }],
    ['GET', `/api/workspaces/${hotel}/search?q=camera`],
    ['POST', `/api/workspaces/${hotel}/pricing/preview`, { lines: [] }],
    ['GET', `/api/workspaces/${hotel}/services`],
    ['GET', `/api/workspaces/${hotel}/faqs`],
    ['GET', `/api/workspaces/${hotel}/offers`],
    ['GET', `/api/workspaces/${hotel}/customers`],
    ['GET', `/api/workspaces/${hotel}/offers/validate/X?cartValue=1`],
    ['GET', `/api/workspaces/${zeroUuid}`],
    ['GET', `/api/workspaces/not-a-uuid/members`],
  ];
  for (const role of ['manager', 'agent']) {
    for (const [method, path, body] of foreign) {
      const res = await clients[role].req(method, path, body);
      assert.equal(res.status, 404, `${role} ${method} ${path}: ${res.status}`);
      assert.equal(res.headers.get('content-type'), 'application/problem+json');
    }
  }
  // Objects of another workspace addressed through one's own workspace are 404 too.
  const viaOwn = [
    ['PATCH', `/api/workspaces/${shop}/members/${hotelOnlyUser}`, { role: 'manager' }],
    ['DELETE', `/api/workspaces/${shop}/members/${hotelOnlyUser}`],
    ['DELETE', `/api/workspaces/${shop}/members/invitations/${hotelInvitation}`],
  ];
  for (const [method, path, body] of viaOwn) {
    const res = await clients.admin.req(method, path, body);
    assert.equal(res.status, 404, `admin ${method} ${path}: ${res.status}`);
  }
  // Catalog objects of the other workspace through one's own workspace id.
  const hotelCategory = psql(`INSERT INTO categories (workspace_id, name) VALUES ('${hotel}', 'Camere') RETURNING id`, conninfo).split('\n')[0];
  const hotelObjects = {
    services: psql(`SELECT id FROM services WHERE workspace_id = '${hotel}' LIMIT 1`, conninfo),
    faqs: psql(`SELECT id FROM faqs WHERE workspace_id = '${hotel}' LIMIT 1`, conninfo),
    offers: psql(`INSERT INTO offers (workspace_id, name, type, value) VALUES ('${hotel}', 'Hotel deal', 'percentage', 500) RETURNING id`, conninfo).split('\n')[0],
    customers: psql(`INSERT INTO customers (workspace_id, name) VALUES ('${hotel}', 'Guest') RETURNING id`, conninfo).split('\n')[0],
  };
  const hotelProduct = psql(`INSERT INTO products (workspace_id, sku, name, price) VALUES ('${hotel}', 'H-1', 'Minibar', 500) RETURNING id`, conninfo).split('\n')[0];
  for (const [method, path, body] of [
    ['GET', `/api/workspaces/${shop}/categories/${hotelCategory}`],
    ['PATCH', `/api/workspaces/${shop}/categories/${hotelCategory}`, { name: 'Mine now' }],
    ['DELETE', `/api/workspaces/${shop}/categories/${hotelCategory}`],
    ['GET', `/api/workspaces/${shop}/products/${hotelProduct}`],
    ['PATCH', `/api/workspaces/${shop}/products/${hotelProduct}`, { price: 1 }],
    ['DELETE', `/api/workspaces/${shop}/products/${hotelProduct}`],
    ...['services', 'faqs', 'offers', 'customers'].flatMap((r) => {
      const id = hotelObjects[r];
      return [['GET', `/api/workspaces/${shop}/${r}/${id}`], ['PATCH', `/api/workspaces/${shop}/${r}/${id}`, {}], ['DELETE', `/api/workspaces/${shop}/${r}/${id}`]];
    }),
  ]) {
    const res = await clients.admin.req(method, path, body);
    assert.equal(res.status, 404, `admin ${method} ${path}: ${res.status}`);
  }
  const leak = await clients.admin.post(`/api/workspaces/${shop}/products`, { name: 'Sneaky', sku: 'SNEAK-1', price: 1, categoryId: hotelCategory });
  assert.equal(leak.status, 422, 'another workspace\'s category is not a category here');
  const foreignLine = await clients.admin.post(`/api/workspaces/${shop}/pricing/preview`, { lines: [{ productId: hotelProduct, quantity: 1 }] });
  assert.equal(foreignLine.status, 422);
  const shopSearch = (await clients.admin.get(`/api/workspaces/${shop}/search?q=minibar`)).json.items;
  assert.equal(shopSearch.length, 0, 'search never crosses workspaces');
  assert.equal(psql(`SELECT price FROM products WHERE id = '${hotelProduct}'`, conninfo), '500');
  const shopCustomers = (await clients.admin.get(`/api/workspaces/${shop}/customers?limit=100`)).json.items;
  assert.ok(!shopCustomers.some((c) => c.id === hotelObjects.customers), 'lists stay inside the workspace');
  assert.equal(psql(`SELECT count(*) FROM customers WHERE id = '${hotelObjects.customers}'`, conninfo), '1');
  assert.equal(psql(`SELECT name FROM workspaces WHERE id = '${hotel}'`, conninfo), 'Hotel Belvedere', 'nothing changed');
  assert.equal(psql(`SELECT role FROM memberships WHERE user_id = '${hotelOnlyUser}'`, conninfo), 'agent');
});

test('lists never return rows of another workspace', async () => {
  const mine = (await clients.manager.get('/api/workspaces')).json.items.map((w) => w.id);
  assert.deepEqual(mine, [shop]);
  const members = (await clients.admin.get(`/api/workspaces/${shop}/members`)).json;
  assert.ok(!members.items.some((m) => m.userId === hotelOnlyUser));
  assert.ok(!members.invitations.some((i) => i.id === hotelInvitation));
  const outbox = (await clients.admin.get(`/api/workspaces/${shop}/mail-outbox?limit=100`)).json;
  assert.ok(!outbox.items.some((m) => m.to === 'guest@hotel.test'));
  const hotelOutbox = (await clients.admin.get(`/api/workspaces/${hotel}/mail-outbox?limit=100`)).json;
  assert.ok(hotelOutbox.items.some((m) => m.to === 'guest@hotel.test'));
  assert.equal((await clients.admin.get(`/api/workspaces/${shop}/mail-outbox?limit=1000`)).status, 422);
});

test('invitation: e-mailed link, accept as a new user, single use; workspace create and soft delete', async () => {
  const inv = await clients.manager.post(`/api/workspaces/${shop}/members/invitations`, { email: 'New.Person@Example.com', role: 'agent' });
  assert.equal(inv.status, 201);
  const mail = (await clients.admin.get(`/api/workspaces/${shop}/mail-outbox`)).json.items.find((m) => m.to === 'new.person@example.com');
  const token = mail.body.match(/\/invite\/([A-Za-z0-9_-]+)/)[1];
  const anon = new Client(srv.base);
  const info = await anon.get(`/api/auth/invitations/${token}`);
  assert.equal(info.status, 200);
  assert.deepEqual([info.json.workspaceName, info.json.role, info.json.existingUser], ['Bottega Italiana', 'agent', false]);
  assert.equal((await anon.post(`/api/auth/invitations/${token}/accept`, { name: '', password: 'short' })).status, 422);
  const accepted = await anon.post(`/api/auth/invitations/${token}/accept`, { name: 'New Person', password: 'a-good-password' });
  assert.equal(accepted.status, 200);
  assert.deepEqual(accepted.json.memberships.map((m) => [m.workspaceName, m.role]), [['Bottega Italiana', 'agent']]);
  assert.equal((await anon.get(`/api/workspaces/${shop}/members`)).status, 200, 'logged in as the new member');
  assert.equal((await new Client(srv.base).post(`/api/auth/invitations/${token}/accept`, { name: 'Again', password: 'a-good-password' })).status, 410);
  assert.equal((await anon.get(`/api/auth/invitations/${'y'.repeat(43)}`)).status, 404);

  const created = await clients.agent.post('/api/workspaces', { name: 'Agent Side Shop', currency: 'USD', defaultLanguage: 'es', timezone: 'America/New_York' });
  assert.equal(created.status, 201);
  assert.equal(created.json.role, 'admin');
  const invalid = await clients.agent.post('/api/workspaces', { name: '', currency: 'euro', timezone: 'Mars/Olympus', defaultLanguage: 'fr' });
  assert.equal(invalid.status, 422);
  assert.deepEqual(invalid.json.errors.map((e) => e.field).sort(), ['currency', 'defaultLanguage', 'name', 'timezone']);
  assert.equal((await clients.agent.del(`/api/workspaces/${created.json.id}`)).status, 204);
  assert.equal((await clients.agent.get(`/api/workspaces/${created.json.id}`)).status, 404);
});
