// CSV export and import of products and customers: dry run, per-row errors, all or nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, seededDatabase, Client, generousLimits } from './lib.mjs';

let srv;
let admin;
let agent;
let w;
before(async () => {
  srv = await startServer({ env: { DATABASE_URL: seededDatabase('transfer_test'), ...generousLimits } });
  admin = new Client(srv.base);
  agent = new Client(srv.base);
  const me = await admin.login('admin@shopme.test');
  await agent.login('agent@shopme.test');
  w = `/api/workspaces/${me.memberships.find((m) => m.workspaceName === 'Bottega Italiana').workspaceId}`;
});
after(async () => { await srv.stop(); });

const postCsv = (client, path, csv) => client.req('POST', path, csv, { 'content-type': 'text/csv' });

test('product export is a CSV a spreadsheet opens, and importing it back changes nothing', async () => {
  const res = await admin.get(`${w}/products/export.csv`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/csv/);
  assert.match(res.headers.get('content-disposition'), /attachment; filename="products.csv"/);
  const lines = res.text.trim().split('\r\n');
  assert.equal(lines[0], 'sku,name,description,price,taxRate,stock,status,category,language,attributes');
  assert.ok(lines.some((l) => l.startsWith('FOR-PR24,Parmigiano Reggiano DOP 24 mesi,') && l.includes(',18.90,4,')));
  const again = await postCsv(admin, `${w}/products/import?dryRun=true`, res.text);
  assert.equal(again.status, 200, again.text);
  assert.deepEqual([again.json.dryRun, again.json.applied, again.json.created, again.json.errors.length], [true, false, 0, 0]);
  assert.equal(again.json.updated, lines.length - 1);
});

test('import: dry run reports every bad row and writes nothing; a clean file is applied all at once', async () => {
  const before = (await admin.get(`${w}/products?limit=1`)).json.total;
  const bad = [
    'sku,name,price,taxRate,stock,category,attributes',
    'IMP-1,Olio nuovo,"12,50",22,10,Oli e aceti,formato=bottiglia; volume=500 ml',
    'IMP-2,,abc,22,-1,Nuova categoria,',
    'IMP-3,Senza prezzo,,150,5,,',
  ].join('\n');
  // Row 3: no name, bad amount, negative stock; row 4: no amount and a tax rate over 100 %.
  const dry = await postCsv(admin, `${w}/products/import?dryRun=true`, bad);
  assert.equal(dry.status, 200);
  assert.deepEqual(dry.json.errors.map((e) => `${e.row}:${e.field}`).sort(), ['3:name', '3:price', '3:stock', '4:price', '4:taxRate']);
  const applied = await postCsv(admin, `${w}/products/import`, bad);
  assert.equal(applied.status, 422);
  assert.equal(applied.json.applied, false);
  assert.ok(applied.json.errors.length >= 3);
  assert.equal((await admin.get(`${w}/products?limit=1`)).json.total, before, 'all or nothing');
  assert.equal((await admin.get(`${w}/categories`)).json.items.some((c) => c.name === 'Nuova categoria'), false);

  const good = [
    'sku,name,price,taxRate,stock,category,attributes,language',
    'IMP-1,Olio nuovo,"12,50",22,10,Oli e aceti,formato=bottiglia; volume=500 ml,it',
    'IMP-2,New honey,7.2,10,3,Miele,,en',
  ].join('\r\n');
  const ok = await postCsv(admin, `${w}/products/import`, good);
  assert.equal(ok.status, 200, ok.text);
  assert.deepEqual([ok.json.applied, ok.json.created, ok.json.updated], [true, 2, 0]);
  const products = (await admin.get(`${w}/products?search=olio%20nuovo`)).json.items;
  const imported = products.find((p) => p.sku === 'IMP-1');
  assert.deepEqual([imported.price, imported.taxRate, imported.attributes.volume], [1250, 22, '500 ml']);
  assert.ok((await admin.get(`${w}/categories`)).json.items.some((c) => c.name === 'Miele'), 'missing categories are created');
  const update = await postCsv(admin, `${w}/products/import`, 'sku,price\nIMP-1,13.00\n');
  assert.deepEqual([update.json.created, update.json.updated], [0, 1]);
  assert.equal((await admin.get(`${w}/products/${imported.id}`)).json.price, 1300);
});

test('import refuses unreadable files and needs the catalog permission', async () => {
  const unclosed = await postCsv(admin, `${w}/products/import`, 'sku,name\n"A,B\n');
  assert.equal(unclosed.status, 400);
  assert.match(unclosed.json.detail, /line 2/);
  assert.equal((await postCsv(admin, `${w}/products/import`, 'price\n1\n')).status, 422);
  assert.equal((await postCsv(agent, `${w}/products/import?dryRun=true`, 'sku,name\nX,Y\n')).status, 403);
  // Larger than the JSON body limit, still accepted by the import route.
  const rows = ['sku,name,price'];
  for (let i = 0; i < 12000; i++) rows.push(`BULK-${i},Prodotto di prova numero ${i} con un nome abbastanza lungo da riempire la riga del file,1.00`);
  const big = rows.join('\n');
  assert.ok(big.length > 1024 * 1024);
  const bulk = await postCsv(admin, `${w}/products/import?dryRun=true`, big);
  assert.equal(bulk.status, 200, bulk.text.slice(0, 200));
  assert.equal(bulk.json.created, 12000);
});

test('customers: export, and import matched by phone then e-mail', async () => {
  const exp = await admin.get(`${w}/customers/export.csv`);
  assert.equal(exp.status, 200);
  assert.ok(exp.text.startsWith('name,email,phone,language'));
  const csv = [
    'name,email,phone,tags,shippingCity,blocked',
    'Giulia Bianchi Updated,,+39347000001 1,,,',
    'Nuova Persona,nuova@example.com,+393398887766,vip; estate,Roma,false',
    'Rotto,not-an-email,12345,,,maybe',
  ].join('\n');
  const dry = await postCsv(admin, `${w}/customers/import?dryRun=true`, csv);
  assert.deepEqual(dry.json.errors.map((e) => `${e.row}:${e.field}`).sort(), ['2:phone', '4:blocked', '4:email', '4:phone']);
  const fixed = csv.replace('+39347000001 1', '+393470000011').split('\n').slice(0, 3).join('\n');
  const ok = await postCsv(admin, `${w}/customers/import`, fixed);
  assert.deepEqual([ok.status, ok.json.created, ok.json.updated], [200, 1, 1]);
  const found = (await admin.get(`${w}/customers?search=nuova%20persona`)).json.items[0];
  assert.deepEqual([found.phone, found.tags, found.shippingAddress.city], ['+393398887766', ['vip', 'estate'], 'Roma']);
});
