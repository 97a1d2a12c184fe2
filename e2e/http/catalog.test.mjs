// Catalog over HTTP: categories, products, validation, search quality and the price preview.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, seededDatabase, Client, generousLimits } from './lib.mjs';

let srv;
let admin;
let agent;
let shop;
let w;
before(async () => {
  srv = await startServer({ env: { DATABASE_URL: seededDatabase('catalog_test'), ...generousLimits } });
  admin = new Client(srv.base);
  agent = new Client(srv.base);
  const me = await admin.login('admin@shopme.test');
  await agent.login('agent@shopme.test');
  shop = me.memberships.find((m) => m.workspaceName === 'Bottega Italiana').workspaceId;
  w = `/api/workspaces/${shop}`;
});
after(async () => { await srv.stop(); });

const titles = (r) => r.json.items.map((i) => i.title);

test('search: stems, typos and languages', async () => {
  const formaggi = await admin.get(`${w}/search?q=formaggi&types=product`);
  assert.equal(formaggi.status, 200);
  assert.ok(titles(formaggi).some((t) => t.startsWith('Formaggio')), titles(formaggi).join(', '));
  const typo = await admin.get(`${w}/search?q=parmigano`);
  assert.match(titles(typo)[0], /^Parmigiano Reggiano/);
  const english = await admin.get(`${w}/search?q=olive%20oil`);
  assert.equal(titles(english)[0], 'Extra Virgin Olive Oil Taggiasca');
  const faq = await admin.get(`${w}/search?q=spedizione&types=faq`);
  assert.equal(faq.json.items[0].type, 'faq');
  assert.match(faq.json.items[0].snippet, /6,90/);
  const bad = await admin.get(`${w}/search?q=&types=planet`);
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.json.errors.map((e) => e.field).sort(), ['q', 'types']);
});

test('products: create, validate every field, unique SKU, update, list with filters, delete', async () => {
  const cats = (await admin.get(`${w}/categories`)).json.items;
  const pasta = cats.find((c) => c.name === 'Pasta');
  const created = await admin.post(`${w}/products`, {
    name: 'Linguine di Gragnano', sku: 'PAS-LIN', price: 410, taxRate: 4, stock: 12, categoryId: pasta.id,
    attributes: { peso: '500 g', formato: 'linguine' }, description: 'Trafilate al bronzo.',
  });
  assert.equal(created.status, 201, created.text);
  assert.equal(created.json.taxRate, 4);
  assert.equal(created.json.price, 410);
  assert.equal(created.json.status, 'active');
  assert.deepEqual(created.json.images, []);
  const invalid = await admin.post(`${w}/products`, {
    name: '', sku: 'has space', price: -1, taxRate: 22.555, stock: 'many', status: 'sold', categoryId: '00000000-0000-4000-8000-000000000000', attributes: { ok: 'x', bad: { nested: true } },
  });
  assert.equal(invalid.status, 422);
  assert.deepEqual(invalid.json.errors.map((e) => e.field).sort(),
    ['attributes.bad', 'categoryId', 'name', 'price', 'sku', 'status', 'stock', 'taxRate']);
  const dup = await admin.post(`${w}/products`, { name: 'Again', sku: 'PAS-LIN', price: 1 });
  assert.equal(dup.status, 422);
  assert.equal(dup.json.errors[0].field, 'sku');
  const upd = await admin.patch(`${w}/products/${created.json.id}`, { price: 450, status: 'draft', categoryId: null });
  assert.equal(upd.status, 200);
  assert.equal(upd.json.price, 450);
  assert.equal(upd.json.categoryId, null);
  const drafts = await admin.get(`${w}/products?status=draft`);
  assert.deepEqual(drafts.json.items.map((p) => p.sku), ['PAS-LIN']);
  assert.equal(drafts.json.total, 1);
  const all = await admin.get(`${w}/products?limit=5&page=2&sort=price&order=asc`);
  assert.equal(all.json.items.length, 5);
  assert.ok(all.json.total >= 21);
  const prices = all.json.items.map((p) => p.price);
  assert.deepEqual(prices, [...prices].sort((a, b) => a - b));
  const cheap = await admin.get(`${w}/products?maxPrice=500`);
  assert.ok(cheap.json.items.every((p) => p.price <= 500));
  const searched = await admin.get(`${w}/products?search=parmigiano`);
  assert.ok(searched.json.items[0].name.startsWith('Parmigiano'));
  assert.equal((await admin.get(`${w}/products?limit=500&sort=colour`)).status, 422);
  assert.equal((await agent.post(`${w}/products`, { name: 'x', sku: 'X-1', price: 1 })).status, 403);
  assert.equal((await agent.get(`${w}/products/${created.json.id}`)).status, 200, 'agents read the catalog');
  assert.equal((await admin.del(`${w}/products/${created.json.id}`)).status, 204);
  assert.equal((await admin.get(`${w}/products/${created.json.id}`)).status, 404);
  const after = await admin.get(`${w}/products?limit=1`);
  assert.equal(after.json.total, all.json.total - 1, 'the kept count follows inserts and deletes');
});

test('categories: tree, products of sub-categories, no silent delete, no cycles', async () => {
  const cats = (await admin.get(`${w}/categories`)).json.items;
  const formaggi = cats.find((c) => c.name === 'Formaggi');
  const aged = cats.find((c) => c.name === 'Formaggi stagionati');
  assert.equal(aged.parentId, formaggi.id);
  const withSub = await admin.get(`${w}/products?categoryId=${formaggi.id}`);
  const direct = await admin.get(`${w}/products?categoryId=${formaggi.id}&includeSubcategories=false`);
  assert.ok(withSub.json.total > direct.json.total);
  assert.ok(withSub.json.items.some((p) => p.name.startsWith('Parmigiano')));
  const cycle = await admin.patch(`${w}/categories/${formaggi.id}`, { parentId: aged.id });
  assert.equal(cycle.status, 422);
  assert.equal(cycle.json.errors[0].field, 'parentId');
  const refused = await admin.del(`${w}/categories/${aged.id}`);
  assert.equal(refused.status, 409);
  const moved = await admin.del(`${w}/categories/${aged.id}?moveProductsTo=${formaggi.id}`);
  assert.equal(moved.status, 204);
  const nowDirect = await admin.get(`${w}/products?categoryId=${formaggi.id}&includeSubcategories=false`);
  assert.equal(nowDirect.json.total, withSub.json.total, 'products moved up');
  const fresh = await admin.post(`${w}/categories`, { name: 'Conserve', displayOrder: 9 });
  assert.equal(fresh.status, 201);
  assert.equal(fresh.json.productCount, 0);
  assert.equal((await admin.del(`${w}/categories/${fresh.json.id}`)).status, 204);
});

test('category totals: kept counts agree with counting, through moves, status changes, creates and deletes', async () => {
  // Some 400 requests: above the demo's 300 a minute (left raised: the minute's count would refuse
  // the next tests' requests).
  assert.equal((await admin.patch(w, { apiRateLimit: 100000 })).status, 200);
  const cats = (await admin.get(`${w}/categories`)).json.items;
  // minPrice=0 matches every product but makes the server count the rows instead of reading the
  // kept counts, so the two must agree for every category, status and sub-category choice.
  const check = async (why) => {
    for (const c of cats) {
      for (const sub of ['true', 'false']) {
        for (const status of ['', '&status=active', '&status=inactive']) {
          const q = `${w}/products?limit=1&categoryId=${c.id}&includeSubcategories=${sub}${status}`;
          const kept = (await admin.get(q)).json.total;
          const counted = (await admin.get(`${q}&minPrice=0`)).json.total;
          assert.equal(kept, counted, `${why}: ${c.name} sub=${sub}${status}`);
        }
      }
    }
  };
  await check('seeded');
  const a = cats.find((c) => c.productCount >= 2);
  const b = cats.find((c) => c.id !== a.id && c.parentId !== a.id);
  const products = (await admin.get(`${w}/products?limit=3&categoryId=${a.id}&includeSubcategories=false`)).json.items;
  assert.ok(products.length >= 2, 'the demo has products in its first category');
  await admin.patch(`${w}/products/${products[0].id}`, { categoryId: b.id });
  await admin.patch(`${w}/products/${products[1].id}`, { status: 'inactive' });
  const created = await admin.post(`${w}/products`, {
    name: 'Count check', sku: 'COUNT-CHECK', price: 100, taxRate: 22, stock: 1, status: 'active', categoryId: a.id,
  });
  assert.equal(created.status, 201, created.text);
  await check('after a move, a status change and a create');
  assert.equal((await admin.del(`${w}/products/${created.json.id}`)).status, 204);
  await admin.patch(`${w}/products/${products[0].id}`, { categoryId: a.id });
  await admin.patch(`${w}/products/${products[1].id}`, { status: 'active' });
  await check('after a delete and the changes undone');
});

test('price preview: automatic offers, promo code and its minimum, tax contained', async () => {
  const products = (await admin.get(`${w}/products?limit=100`)).json.items;
  const bySku = Object.fromEntries(products.map((p) => [p.sku, p]));
  const spaghetti = bySku['PAS-SPA'];
  const pecorino = bySku['FOR-PEC'];
  const r = await admin.post(`${w}/pricing/preview`, {
    lines: [{ productId: spaghetti.id, quantity: 3 }, { productId: pecorino.id, quantity: 2 }],
    promoCode: 'benvenuto10',
  });
  assert.equal(r.status, 200, r.text);
  // 3 spaghetti: 3x2 offer makes one free; pecorino: 10 % cheese week; then 10 % code on the rest.
  const [s, p] = r.json.lines;
  assert.equal(s.subtotal, 3 * spaghetti.price);
  assert.equal(s.discount - Math.round((s.subtotal - spaghetti.price) * 0.1), spaghetti.price);
  assert.equal(p.subtotal, 2 * pecorino.price);
  assert.equal(r.json.automaticDiscount, spaghetti.price + Math.round(p.subtotal * 0.1));
  assert.equal(r.json.promoCode.applied, true);
  assert.equal(r.json.total, r.json.subtotal - r.json.automaticDiscount - r.json.codeDiscount);
  const small = await admin.post(`${w}/pricing/preview`, { lines: [{ productId: spaghetti.id, quantity: 1 }], promoCode: 'BENVENUTO10' });
  assert.deepEqual(small.json.promoCode, { code: 'BENVENUTO10', applied: false, reason: 'min_purchase' });
  const bad = await admin.post(`${w}/pricing/preview`, { lines: [{ productId: 'nope', quantity: 0 }] });
  assert.equal(bad.status, 422);
  assert.equal(bad.json.errors[0].field, 'lines[0].productId');
});

test('deep pages: the cursor continues exactly where the previous page ended; totals stay exact', async () => {
  const first = await admin.get(`${w}/products?limit=7&sort=price&order=asc`);
  assert.equal(first.status, 200);
  assert.ok(first.json.nextCursor);
  const second = await admin.get(`${w}/products?limit=7&sort=price&order=asc&cursor=${first.json.nextCursor}`);
  const byOffset = await admin.get(`${w}/products?limit=7&sort=price&order=asc&page=2`);
  assert.deepEqual(second.json.items.map((p) => p.id), byOffset.json.items.map((p) => p.id));
  let seen = [...first.json.items, ...second.json.items].map((p) => p.id);
  let cursor = second.json.nextCursor;
  while (cursor) {
    const next = await admin.get(`${w}/products?limit=7&sort=price&order=asc&cursor=${cursor}`);
    seen = seen.concat(next.json.items.map((p) => p.id));
    cursor = next.json.nextCursor;
  }
  assert.equal(new Set(seen).size, seen.length, 'no row twice');
  assert.equal(seen.length, first.json.total, 'every row once');
  assert.equal((await admin.get(`${w}/products?cursor=not-a-cursor`)).status, 422);
  const beyond = await admin.get(`${w}/products?limit=7&sort=price&order=asc&page=100000`);
  assert.deepEqual([beyond.json.items.length, beyond.json.total], [0, first.json.total], 'past the end: no rows, the total');
  const none = await admin.get(`${w}/products?limit=7&minPrice=999999999999`);
  assert.deepEqual([none.json.items.length, none.json.total], [0, 0]);
  // Every filter at once, walked by cursor, against the same list read page by page.
  const formaggi = (await admin.get(`${w}/categories`)).json.items.find((c) => c.name === 'Formaggi');
  const filtered = `${w}/products?limit=2&sort=name&order=desc&status=active&categoryId=${formaggi.id}&minPrice=1&maxPrice=100000`;
  const pages = [];
  for (let page = 1; ; page++) {
    const r = await admin.get(`${filtered}&page=${page}`);
    assert.equal(r.status, 200);
    if (r.json.items.length === 0) break;
    pages.push(...r.json.items.map((p) => p.id));
  }
  assert.ok(pages.length > 2, 'the demo has several active cheeses');
  const walked = [];
  for (let cursor = ''; ; ) {
    const r = await admin.get(`${filtered}${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(r.json.total, pages.length, 'the counted total of the filtered list');
    walked.push(...r.json.items.map((p) => p.id));
    if (!r.json.nextCursor) break;
    cursor = r.json.nextCursor;
  }
  assert.deepEqual(walked, pages);
  const active = await admin.get(`${w}/products?status=active&limit=1`);
  const some = (await admin.get(`${w}/products?status=active&limit=2`)).json.items;
  await admin.patch(`${w}/products/${some[0].id}`, { status: 'inactive' });
  const after = await admin.get(`${w}/products?status=active&limit=1`);
  assert.equal(after.json.total, active.json.total - 1, 'status counts follow updates');
  await admin.patch(`${w}/products/${some[0].id}`, { status: 'active' });
});

test('product images: type by content, stored, served with cache headers, deleted', async () => {
  const product = (await admin.get(`${w}/products?limit=1`)).json.items[0];
  // A real 1x1 PNG.
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
  const upload = (bytes, filename, type) => {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type }), filename);
    return fetch(`${srv.base}${w}/products/${product.id}/images`, {
      method: 'POST', body: form, headers: { cookie: admin.cookieHeader(), 'x-requested-with': 'shopme' },
    });
  };
  const fake = await upload(Buffer.from('<script>alert(1)</script>'), 'photo.png', 'image/png');
  assert.equal(fake.status, 422, 'a name and a declared type are not enough');
  const ok = await upload(png, 'whatever.txt', 'text/plain');
  assert.equal(ok.status, 201);
  const image = await ok.json();
  assert.equal(image.contentType, 'image/png');
  const served = await fetch(`${srv.base}${image.url}`, { headers: { cookie: admin.cookieHeader() } });
  assert.equal(served.status, 200);
  assert.equal(served.headers.get('content-type'), 'image/png');
  assert.match(served.headers.get('cache-control'), /immutable/);
  assert.deepEqual(Buffer.from(await served.arrayBuffer()), png);
  const again = await fetch(`${srv.base}${image.url}`, { headers: { cookie: admin.cookieHeader(), 'if-none-match': served.headers.get('etag') } });
  assert.equal(again.status, 304);
  assert.equal((await fetch(`${srv.base}${image.url}`)).status, 401, 'images are for the team');
  const listed = (await admin.get(`${w}/products/${product.id}`)).json.images;
  assert.deepEqual(listed.map((i) => i.id), [image.id]);
  assert.equal((await agent.del(image.url)).status, 403);
  assert.equal((await admin.del(image.url)).status, 204);
  assert.equal((await admin.get(image.url)).status, 404);
});
