// The built dashboard: precompressed variants, cache headers, ETags and the SPA fallback.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { startServer } from './lib.mjs';

const dist = process.env.SHOPME_STATIC_DIR ?? path.resolve('frontend/dist');
let srv;
before(async () => { srv = await startServer({ env: { SHOPME_STATIC_DIR: dist } }); });
after(async () => { await srv.stop(); });

// fetch() always asks for compressed bodies and decodes them; node:http shows the raw exchange.
function get(pathname, headers = {}) {
  return new Promise((resolve, reject) => {
    http.get(`${srv.base}${pathname}`, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

test('the dashboard is built', () => {
  assert.ok(existsSync(path.join(dist, 'index.html')), `${dist}/index.html`);
});

test('index.html is no-cache; hashed assets are immutable', async () => {
  const index = await get('/');
  assert.equal(index.status, 200);
  assert.match(index.headers['content-type'], /text\/html/);
  assert.equal(index.headers['cache-control'], 'no-cache');
  const asset = readdirSync(path.join(dist, 'assets')).find((f) => f.endsWith('.js'));
  const a = await get(`/assets/${asset}`);
  assert.equal(a.status, 200);
  assert.match(a.headers['content-type'], /text\/javascript/);
  assert.equal(a.headers['cache-control'], 'public, max-age=31536000, immutable');
});

test('precompressed brotli and gzip variants are chosen by Accept-Encoding', async () => {
  const asset = readdirSync(path.join(dist, 'assets')).find((f) => f.endsWith('.js'));
  const br = await get(`/assets/${asset}`, { 'accept-encoding': 'gzip, br' });
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(br.headers.vary, 'Accept-Encoding');
  const gz = await get(`/assets/${asset}`, { 'accept-encoding': 'gzip' });
  assert.equal(gz.headers['content-encoding'], 'gzip');
  const plain = await get(`/assets/${asset}`);
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.ok(plain.body.length > br.body.length);
});

test('ETag revalidation answers 304', async () => {
  const first = await get('/index.html');
  const etag = first.headers.etag;
  assert.ok(etag);
  const again = await get('/index.html', { 'if-none-match': etag });
  assert.equal(again.status, 304);
  assert.equal(again.body.length, 0);
});

test('client-side routes fall back to index.html; missing assets and API paths do not', async () => {
  const spa = await get('/some/client/route');
  assert.equal(spa.status, 200);
  assert.match(spa.body.toString(), /<div id="root">/);
  assert.equal((await get('/assets/missing-123.js')).status, 404);
  const api = await get('/api/unknown');
  assert.equal(api.status, 404);
  assert.match(api.headers['content-type'], /problem\+json/);
});

test('HEAD gets headers and length without a body', async () => {
  const res = await new Promise((resolve, reject) => {
    const req = http.request(`${srv.base}/index.html`, { method: 'HEAD' }, (r) => {
      let n = 0;
      r.on('data', (c) => { n += c.length; });
      r.on('end', () => resolve({ status: r.statusCode, headers: r.headers, n }));
    });
    req.on('error', reject);
    req.end();
  });
  assert.equal(res.status, 200);
  assert.ok(Number(res.headers['content-length']) > 0);
  assert.equal(res.n, 0);
});
