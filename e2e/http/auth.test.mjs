// Authentication over HTTP: cookies, tokens, refresh rotation and reuse, logout, sessions,
// password change and reset, CSRF, invalid input, rate limits and lock-out.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, seededDatabase, psql, Client, DEMO_PASSWORD, generousLimits, awayFromMinuteEdge } from './lib.mjs';

let srv;
let conninfo;
before(async () => {
  conninfo = seededDatabase('auth_test');
  srv = await startServer({ env: { DATABASE_URL: conninfo, ...generousLimits } });
});
after(async () => { await srv.stop(); });

const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
function sign(header, payload, secretB64url) {
  const data = `${b64(header)}.${b64(payload)}`;
  const sig = crypto.createHmac('sha256', Buffer.from(secretB64url, 'base64url')).update(data).digest('base64url');
  return `${data}.${sig}`;
}
function serverKey() {
  const s = JSON.parse(readFileSync(path.join(srv.dir, 'secrets.json'), 'utf8'));
  return s.signingKeys.find((k) => k.kid === s.activeKid);
}

test('login sets HTTP-only cookies with narrow scope and returns the user and memberships', async () => {
  const res = await fetch(`${srv.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'shopme' },
    body: JSON.stringify({ email: 'Admin@Shopme.Test ', password: DEMO_PASSWORD }),
  });
  assert.equal(res.status, 200);
  const cookies = res.headers.getSetCookie();
  const access = cookies.find((c) => c.startsWith('shopme_access='));
  const refresh = cookies.find((c) => c.startsWith('shopme_refresh='));
  assert.match(access, /; Path=\/; HttpOnly; SameSite=Lax; Max-Age=3600/);
  assert.match(refresh, /; Path=\/api\/auth; HttpOnly; SameSite=Strict; Max-Age=604800/);
  assert.doesNotMatch(access, /Secure/, 'plain http on localhost');
  const body = await res.json();
  assert.equal(body.user.email, 'admin@shopme.test');
  assert.deepEqual(body.memberships.map((m) => m.workspaceName).sort(), ['Bottega Italiana', 'Hotel Belvedere']);
  // minimal claims, key id in the header
  const jwt = access.split(';')[0].split('=')[1];
  const [h, p] = jwt.split('.').slice(0, 2).map((x) => JSON.parse(Buffer.from(x, 'base64url')));
  assert.equal(h.alg, 'HS256');
  assert.ok(h.kid);
  assert.deepEqual(Object.keys(p).sort(), ['exp', 'iat', 'sid', 'sub']);
  assert.equal(p.exp - p.iat, 3600);
});

test('wrong password, unknown user, invalid JSON and missing fields', async () => {
  const c = new Client(srv.base);
  const wrong = await c.post('/api/auth/login', { email: 'manager@shopme.test', password: 'nope-nope-nope' });
  assert.equal(wrong.status, 401);
  assert.equal(wrong.headers.get('content-type'), 'application/problem+json');
  const unknown = await c.post('/api/auth/login', { email: 'nobody@shopme.test', password: 'whatever-123' });
  assert.equal(unknown.status, 401);
  assert.equal(unknown.json.detail, wrong.json.detail, 'no difference reveals which addresses exist');
  const bad = await c.post('/api/auth/login', '{"email": "a@b.co",\n "password": }');
  assert.equal(bad.status, 400);
  assert.match(bad.json.detail, /line 2, column \d+/);
  const missing = await c.post('/api/auth/login', { email: 'not-an-email', password: 5 });
  assert.equal(missing.status, 422);
  assert.deepEqual(missing.json.errors.map((e) => e.field).sort(), ['password']);
  const invalid = await c.post('/api/auth/login', { email: 'not-an-email', password: 'x' });
  assert.equal(invalid.status, 422);
  assert.deepEqual(invalid.json.errors.map((e) => e.field), ['email']);
});

test('CSRF: a state-changing request needs the dashboard header or a matching Origin', async () => {
  const body = JSON.stringify({ email: 'admin@shopme.test', password: DEMO_PASSWORD });
  const post = (headers) => fetch(`${srv.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  assert.equal((await post({})).status, 403);
  assert.equal((await post({ origin: 'https://evil.example' })).status, 403);
  assert.equal((await post({ origin: srv.base.replace('127.0.0.1', 'localhost').replace(/:\d+$/, '') })).status, 403);
  const same = await post({ origin: srv.base });
  assert.equal(same.status, 200, 'same-origin request');
});

test('tokens: missing, tampered, alg none, wrong key and expired are refused; a correctly signed one passes', async () => {
  const c = new Client(srv.base);
  const me = await c.login('manager@shopme.test');
  assert.equal((await c.get('/api/auth/me')).status, 200);
  const token = c.cookies.get('shopme_access');
  const [h, p] = token.split('.').slice(0, 2).map((x) => JSON.parse(Buffer.from(x, 'base64url')));
  const call = (tok) => fetch(`${srv.base}/api/auth/me`, { headers: { cookie: `shopme_access=${tok}` } }).then((r) => r.status);
  assert.equal(await call(''), 401);
  assert.equal((await fetch(`${srv.base}/api/auth/me`)).status, 401);
  const admin = JSON.parse(psql("SELECT to_json(id) FROM users WHERE email = 'admin@shopme.test'", conninfo));
  const parts = token.split('.');
  assert.equal(await call(`${parts[0]}.${b64({ ...p, sub: admin })}.${parts[2]}`), 401, 'tampered payload');
  assert.equal(await call(`${b64({ alg: 'none', typ: 'JWT', kid: h.kid })}.${b64({ ...p, sub: admin })}.`), 401, 'alg none');
  assert.equal(await call(sign(h, p, crypto.randomBytes(32).toString('base64url'))), 401, 'wrong key');
  const key = serverKey();
  const now = Math.floor(Date.now() / 1000);
  assert.equal(await call(sign({ alg: 'HS256', typ: 'JWT', kid: key.kid }, { ...p, exp: now - 10 }, key.secret)), 401, 'expired');
  assert.equal(await call(sign({ alg: 'HS512', typ: 'JWT', kid: key.kid }, p, key.secret)), 401, 'other algorithm');
  assert.equal(await call(sign({ alg: 'HS256', typ: 'JWT', kid: key.kid }, { ...p, exp: now + 60 }, key.secret)), 200, 'control: a valid signature');
  assert.equal(me.user.email, 'manager@shopme.test');
});

test('refresh rotates on every use; presenting a used refresh token ends the session', async () => {
  const c = new Client(srv.base);
  await c.login('agent@shopme.test');
  const first = c.cookies.get('shopme_refresh');
  const r1 = await c.post('/api/auth/refresh');
  assert.equal(r1.status, 200);
  assert.equal(r1.json.user.email, 'agent@shopme.test');
  const second = c.cookies.get('shopme_refresh');
  assert.notEqual(first, second);
  assert.equal((await c.get('/api/auth/me')).status, 200);
  // An attacker replays the first (already used) token.
  const replay = await fetch(`${srv.base}/api/auth/refresh`, { method: 'POST', headers: { 'x-requested-with': 'shopme', cookie: `shopme_refresh=${first}` } });
  assert.equal(replay.status, 401);
  // The whole family is revoked: the current tokens stop working too.
  assert.equal((await c.get('/api/auth/me')).status, 401);
  assert.equal((await c.post('/api/auth/refresh')).status, 401);
});

test('logout revokes the session on the server and clears the cookies', async () => {
  const c = new Client(srv.base);
  await c.login('agent@shopme.test');
  const access = c.cookies.get('shopme_access');
  const out = await c.post('/api/auth/logout');
  assert.equal(out.status, 204);
  assert.equal(c.cookies.size, 0);
  const again = await fetch(`${srv.base}/api/auth/me`, { headers: { cookie: `shopme_access=${access}` } });
  assert.equal(again.status, 401, 'the old access token is dead although not expired');
});

test('sessions: list my sessions, revoke one, and never see or revoke someone else\'s', async () => {
  const phone = new Client(srv.base);
  const laptop = new Client(srv.base);
  await phone.login('manager@shopme.test');
  await laptop.login('manager@shopme.test');
  const list = await laptop.get('/api/auth/sessions');
  assert.equal(list.status, 200);
  const current = list.json.items.filter((s) => s.current);
  assert.equal(current.length, 1);
  const other = list.json.items.find((s) => !s.current);
  assert.equal((await laptop.del(`/api/auth/sessions/${other.id}`)).status, 204);
  const stranger = new Client(srv.base);
  await stranger.login('agent@shopme.test');
  assert.equal((await stranger.del(`/api/auth/sessions/${current[0].id}`)).status, 404);
  assert.equal((await laptop.get('/api/auth/me')).status, 200);
  const phoneMe = await phone.get('/api/auth/me');
  assert.equal(phoneMe.status, 401, 'the revoked session is over');
});

test('password change checks the current password, enforces the policy and ends other sessions', async () => {
  psql(`INSERT INTO users (email, name, password_hash) SELECT 'pw@shopme.test', 'Pw', password_hash FROM users WHERE email = 'agent@shopme.test'`, conninfo);
  const a = new Client(srv.base);
  const b = new Client(srv.base);
  await a.login('pw@shopme.test');
  await b.login('pw@shopme.test');
  const wrong = await a.post('/api/auth/password', { currentPassword: 'not-it-at-all', newPassword: 'a-much-better-one' });
  assert.equal(wrong.status, 422);
  assert.equal(wrong.json.errors[0].field, 'currentPassword');
  const weak = await a.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'short' });
  assert.equal(weak.status, 422);
  assert.equal(weak.json.errors[0].field, 'newPassword');
  assert.equal((await a.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'a-much-better-one' })).status, 204);
  assert.equal((await a.get('/api/auth/me')).status, 200, 'this session stays');
  assert.equal((await b.get('/api/auth/me')).status, 401, 'the other session ends');
  await new Client(srv.base).login('pw@shopme.test', 'a-much-better-one');
});

test('password reset: e-mailed single-use link, 410 when used, 404 when unknown, all sessions end', async () => {
  psql(`INSERT INTO users (email, name, password_hash) SELECT 'reset@shopme.test', 'Reset', password_hash FROM users WHERE email = 'agent@shopme.test'`, conninfo);
  const c = new Client(srv.base);
  await c.login('reset@shopme.test');
  const anon = new Client(srv.base);
  assert.equal((await anon.post('/api/auth/password-reset', { email: 'reset@shopme.test' })).status, 202);
  assert.equal((await anon.post('/api/auth/password-reset', { email: 'nobody@shopme.test' })).status, 202, 'same answer for unknown addresses');
  const body = psql("SELECT body FROM mail_outbox WHERE to_address = 'reset@shopme.test' ORDER BY created_at DESC LIMIT 1", conninfo);
  const token = body.match(/\/reset-password\/([A-Za-z0-9_-]+)/)[1];
  assert.equal((await anon.post('/api/auth/password-reset/confirm', { token, newPassword: 'short' })).status, 422);
  assert.equal((await anon.post('/api/auth/password-reset/confirm', { token, newPassword: 'brand-new-password' })).status, 204);
  assert.equal((await anon.post('/api/auth/password-reset/confirm', { token, newPassword: 'brand-new-password' })).status, 410);
  assert.equal((await anon.post('/api/auth/password-reset/confirm', { token: 'x'.repeat(43), newPassword: 'brand-new-password' })).status, 404);
  assert.equal((await c.get('/api/auth/me')).status, 401, 'sessions ended by the reset');
  await new Client(srv.base).login('reset@shopme.test', 'brand-new-password');
  assert.equal(psql("SELECT count(*) FROM password_resets WHERE token_hash = '" + crypto.createHash('sha256').update(token).digest('hex') + "'", conninfo), '1', 'only the digest is stored');
});

test('login attempts are limited per e-mail with a growing lock-out, answered 429 with Retry-After', async () => {
  const limited = await startServer({ env: { DATABASE_URL: conninfo, SHOPME_LOGIN_IP_LIMIT: '1000', SHOPME_LOGIN_EMAIL_LIMIT: '1000' } });
  try {
    const c = new Client(limited.base);
    psql(`INSERT INTO users (email, name, password_hash) SELECT 'locked@shopme.test', 'L', password_hash FROM users WHERE email = 'agent@shopme.test'`, conninfo);
    for (let i = 0; i < 5; i++) {
      assert.equal((await c.post('/api/auth/login', { email: 'locked@shopme.test', password: 'wrong-password' })).status, 401);
    }
    const locked = await c.post('/api/auth/login', { email: 'locked@shopme.test', password: DEMO_PASSWORD });
    assert.equal(locked.status, 429, 'even the right password waits out the lock-out');
    assert.ok(Number(locked.headers.get('retry-after')) > 0);
    assert.match(locked.json.detail, /try again in \d+ seconds/);
  } finally {
    await limited.stop();
  }
  const strict = await startServer({ env: { DATABASE_URL: conninfo, SHOPME_LOGIN_EMAIL_LIMIT: '3', SHOPME_LOGIN_IP_LIMIT: '1000' } });
  try {
    const c = new Client(strict.base);
    psql(`INSERT INTO users (email, name, password_hash) SELECT 'limit@shopme.test', 'L', password_hash FROM users WHERE email = 'agent@shopme.test'`, conninfo);
    await awayFromMinuteEdge();
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await c.post('/api/auth/login', { email: 'limit@shopme.test', password: DEMO_PASSWORD })).status);
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    const r = await c.post('/api/auth/login', { email: 'limit@shopme.test', password: DEMO_PASSWORD });
    assert.equal(r.headers.get('x-ratelimit-limit'), '3');
    assert.equal(r.headers.get('x-ratelimit-remaining'), '0');
    assert.ok(Number(r.headers.get('x-ratelimit-reset')) > Date.now() / 1000);
  } finally {
    await strict.stop();
  }
});

test('the general API limit per user counts across two server processes on one database', async () => {
  await awayFromMinuteEdge();
  const admin = new Client(srv.base);
  const me = await admin.login('admin@shopme.test');
  const ws = me.memberships.find((m) => m.workspaceName === 'Hotel Belvedere').workspaceId;
  assert.equal((await admin.patch(`/api/workspaces/${ws}`, { apiRateLimit: 4 })).status, 200);
  // Servers on one database share the data dir's secrets (signing keys).
  const second = await startServer({ dataDir: srv.dir, env: { DATABASE_URL: conninfo, ...generousLimits } });
  try {
    const other = new Client(second.base);
    other.cookies = admin.cookies;
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await admin.get(`/api/workspaces/${ws}`)).status);
      statuses.push((await other.get(`/api/workspaces/${ws}/members`)).status);
    }
    assert.ok(statuses.slice(0, 3).every((s) => s === 200), String(statuses));
    assert.ok(statuses.slice(4).every((s) => s === 429), `both processes share the count: ${statuses}`);
    const r = await other.get(`/api/workspaces/${ws}`);
    assert.equal(r.status, 429);
    assert.ok(Number(r.headers.get('retry-after')) >= 1);
    assert.equal(r.headers.get('x-ratelimit-limit'), '4');
    assert.equal(r.json.status, 429);
  } finally {
    await second.stop();
    psql(`UPDATE workspaces SET api_rate_limit = 300 WHERE id = '${ws}'`, conninfo);
  }
});
