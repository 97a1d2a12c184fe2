// The HTTP core's behaviour, against a real server: keep-alive, request ids, problem documents,
// 404/405, body limit, read timeouts, access log, metrics, WebSocket upgrade.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startServer, rawConnection, sleep, seededDatabase, Client } from './lib.mjs';

let srv;
before(async () => {
  srv = await startServer({ env: { DATABASE_URL: seededDatabase('core_test'), SHOPME_BODY_LIMIT: '4096', SHOPME_READ_TIMEOUT_MS: '600', SHOPME_IDLE_TIMEOUT_MS: '2000' } });
});
after(async () => {
  const e = await srv.stop();
  assert.equal(e.code, 0, 'graceful exit');
});

test('healthz and version answer JSON', async () => {
  const h = await fetch(`${srv.base}/healthz`);
  assert.equal(h.status, 200);
  assert.deepEqual(await h.json(), { status: 'ok' });
  const v = await (await fetch(`${srv.base}/api/version`)).json();
  assert.equal(v.name, 'shopme');
  assert.match(v.version, /^\d+\.\d+\.\d+$/);
  assert.match(v.buildTime, /^\d{4}-\d\d-\d\dT/);
});

test('readyz reports database and migrations', async () => {
  const r = await fetch(`${srv.base}/readyz`);
  assert.equal(r.status, 200);
  const body = await r.json();
  assert.equal(body.status, 'ready');
  assert.equal(body.checks.database.ok, true);
  assert.equal(body.checks.migrations.ok, true);
  assert.equal(body.checks.migrations.applied, body.checks.migrations.expected);
});

test('keep-alive serves several requests on one connection', async () => {
  const c = rawConnection(srv.port);
  c.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /api/version HTTP/1.1\r\nHost: x\r\n\r\n');
  await c.waitFor((d) => (d.match(/HTTP\/1\.1 200/g) ?? []).length === 2 && d.includes('"name":"shopme"'));
  assert.equal(c.closed, false);
  c.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  await c.closedPromise;
  assert.equal((c.data.match(/HTTP\/1\.1 200/g) ?? []).length, 3);
});

test('request id: a sane one is echoed, a bad one replaced, and it is in the access log', async () => {
  const r1 = await fetch(`${srv.base}/healthz`, { headers: { 'X-Request-Id': 'test-abc.123' } });
  assert.equal(r1.headers.get('x-request-id'), 'test-abc.123');
  const r2 = await fetch(`${srv.base}/healthz`, { headers: { 'X-Request-Id': 'has spaces and <tags>' } });
  assert.match(r2.headers.get('x-request-id'), /^[0-9a-f]{16}$/);
  await sleep(100);
  const line = srv.logs().find((l) => l.msg === 'request' && l.request_id === 'test-abc.123');
  assert.ok(line, 'access log line with the request id');
  assert.equal(line.status, 200);
  assert.equal(line.route, '/healthz');
  assert.equal(typeof line.duration_ms, 'number');
});

test('unknown route is a 404 problem document; wrong method a 405 with Allow', async () => {
  const r = await fetch(`${srv.base}/api/nothing-here`);
  assert.equal(r.status, 404);
  assert.equal(r.headers.get('content-type'), 'application/problem+json');
  const p = await r.json();
  assert.equal(p.status, 404);
  assert.equal(p.title, 'Not Found');
  assert.ok(p.requestId);
  const m = await fetch(`${srv.base}/healthz`, { method: 'DELETE' });
  assert.equal(m.status, 405);
  assert.equal(m.headers.get('allow'), 'GET');
  assert.equal((await m.json()).status, 405);
});

test('a body over the limit gets 413 before it is read', async () => {
  const r = await fetch(`${srv.base}/healthz`, { method: 'POST', body: 'x'.repeat(10_000), headers: { 'content-type': 'application/json' } });
  assert.equal(r.status, 413);
  assert.equal(r.headers.get('content-type'), 'application/problem+json');
  assert.match((await r.json()).detail, /4096 bytes/);
});

test('a slow client is cut off at the read deadline and does not block others', async () => {
  const c = rawConnection(srv.port);
  c.write('GET /healthz HTTP/1.1\r\n');
  const started = Date.now();
  const drip = setInterval(() => { if (!c.closed) c.write('X-Slow: 1\r\n'); }, 100);
  const other = await fetch(`${srv.base}/healthz`);
  assert.equal(other.status, 200, 'other clients are served meanwhile');
  await c.closedPromise;
  clearInterval(drip);
  const took = Date.now() - started;
  assert.ok(took < 3000, `closed after ${took} ms`);
  assert.equal(c.data, '', 'the connection is closed without a response');
});

test('an idle keep-alive connection is closed after the idle timeout', async () => {
  const c = rawConnection(srv.port);
  c.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
  await c.waitFor((d) => d.includes('"status":"ok"'));
  const t0 = Date.now();
  await c.closedPromise;
  const idle = Date.now() - t0;
  assert.ok(idle >= 1500 && idle < 5000, `idle close after ${idle} ms`);
});

test('malformed request line gets 400', async () => {
  const c = rawConnection(srv.port);
  c.write('THIS IS NOT HTTP\r\n\r\n');
  await c.closedPromise;
  assert.match(c.data, /HTTP\/1\.1 400/);
});

test('metrics expose request counts, latency histogram, pool and build info', async () => {
  await fetch(`${srv.base}/healthz`);
  const text = await (await fetch(`${srv.base}/metrics`)).text();
  assert.match(text, /shopme_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
  assert.match(text, /shopme_http_request_duration_seconds_bucket\{method="GET",route="\/healthz",le="\+Inf"\}/);
  assert.match(text, /shopme_db_queue_depth \d+/);
  assert.match(text, /shopme_db_pool_workers \d+/);
  assert.match(text, /shopme_build_info\{version="/);
});

test('WebSocket upgrade needs a session; then hello and ping/pong', async () => {
  const anonymous = new WebSocket(`ws://127.0.0.1:${srv.port}/ws`);
  const refused = await new Promise((resolve) => {
    anonymous.on('unexpected-response', (_req, res) => resolve(res.statusCode));
    anonymous.on('open', () => resolve('open'));
    anonymous.on('error', () => {});
  });
  assert.equal(refused, 401);
  const c = new Client(srv.base);
  await c.login('agent@shopme.test');
  const ws = new WebSocket(`ws://127.0.0.1:${srv.port}/ws`, { headers: { cookie: c.cookieHeader() } });
  const messages = [];
  ws.on('message', (m) => messages.push(JSON.parse(m.toString())));
  await new Promise((resolve, reject) => { ws.on('open', resolve); ws.on('error', reject); });
  ws.send(JSON.stringify({ type: 'ping' }));
  const end = Date.now() + 3000;
  while (messages.length < 2 && Date.now() < end) await sleep(10);
  assert.equal(messages[0].type, 'hello');
  assert.equal(messages[1].type, 'pong');
  ws.close();
});
