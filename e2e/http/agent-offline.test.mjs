// The offline agent sells the demo catalog end to end in each of the four languages, through the
// simulator (the same normalization and pipeline as the webhook): a new customer registers through
// the link, browses with the list and buttons, adds two products, applies the demo promo code, checks
// out and receives a payment link whose order matches the cart. Also an FAQ answered in the language
// it was asked in, an unknown request ending with a person, and the order tools.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, seededDatabase, Client, generousLimits, psql, sleep, waitFor, anonymousFetch } from './lib.mjs';

let srv, admin, conninfo, w;
before(async () => {
  conninfo = seededDatabase('agent_offline_test');
  psql('UPDATE workspaces SET api_rate_limit = 100000', conninfo);
  srv = await startServer({ env: { DATABASE_URL: conninfo, ...generousLimits } });
  admin = new Client(srv.base);
  const me = await admin.login('admin@shopme.test');
  w = `/api/workspaces/${me.memberships.find((m) => m.workspaceName === 'Bottega Italiana').workspaceId}`;
});
after(async () => { await srv.stop(); });

const anonymous = (path, init) => anonymousFetch(srv.base)(path, init);

let phoneSeq = 0;
// A customer on the simulated phone; every call waits for the reply that message caused.
function customer(name) {
  const phone = `+3934700${String(++phoneSeq).padStart(5, '0')}`;
  let conv;
  let seen = 0;
  const outbound = async () => (await admin.get(`${w}/conversations/${conv}/messages?limit=200`)).json.items.filter((m) => m.direction === 'outbound').reverse();
  const next = async (what) => {
    const m = await waitFor(async () => { const o = await outbound(); return o.length > seen ? o[seen] : null; }, what);
    seen += 1;
    return m;
  };
  const send = async (body, what) => {
    const r = await admin.post(`${w}/simulator/messages`, { name, phone, ...body });
    assert.equal(r.status, 202, r.text);
    conv = r.json.conversationId;
    return next(what);
  };
  return {
    get conv() { return conv; },
    say: (text) => send({ text }, `the reply to "${text}"`),
    tap: (id, title) => send({ reply: { type: id.startsWith('cat:') || id.startsWith('prod:') ? 'list_reply' : 'button_reply', id, title } }, `the reply to the tap on ${id}`),
    next,
  };
}

const rows = (m) => m.interactive?.sections?.flatMap((s) => s.rows) ?? [];
const buttons = (m) => m.interactive?.buttons ?? [];

async function register(c, name, language, email) {
  const invite = await c.say(language === 'it' ? 'Ciao' : language === 'en' ? 'Hello' : language === 'es' ? 'Hola' : 'Olá');
  const token = invite.text.match(/\/s\/([A-Za-z0-9_-]{43})/)[1];
  const r = await anonymous(`/api/public/links/${token}/registration`, {
    method: 'POST',
    body: JSON.stringify({ name, email, language, gdprConsent: true, pushOptIn: false, shippingAddress: { line1: 'Via Emilia 10', city: 'Parma', postalCode: '43121', country: 'IT' } }),
  });
  assert.equal(r.status, 200, await r.text());
  return c.next('the registration confirmation');
}

const journeys = [
  {
    language: 'it', name: 'Chiara Neri', catalog: 'Mostrami il catalogo', addText: 'aggiungi 2 prosecco', checkout: 'Voglio pagare',
    confirm: /^Grazie, Chiara Neri/, pick: /scegli/i, added: /^Aggiunto: 1 × /, added2: /^Aggiunto: 2 × Prosecco/, applied: /^Codice BENVENUTO10 applicato/,
    order: /^Ordine (ORD-\d{4}-\d{6}) creato: totale (\d+,\d\d €)\. .*(http:\S+\/s\/[A-Za-z0-9_-]{43})$/,
    faq: ['Quanto costa la spedizione?', /^La spedizione in Italia costa 6,90 euro/], price: /\d+,\d\d €/,
  },
  {
    language: 'en', name: 'Emma Clark', catalog: 'Show me the catalog please', addText: 'add two prosecco', checkout: 'checkout',
    confirm: /^Thank you, Emma Clark/, pick: /pick/i, added: /^Added: 1 × /, added2: /^Added: 2 × Prosecco/, applied: /^Code BENVENUTO10 applied/,
    order: /^Order (ORD-\d{4}-\d{6}) created: total (€\d+\.\d\d)\. .*(http:\S+\/s\/[A-Za-z0-9_-]{43})$/,
    faq: ['How much is shipping?', /^Shipping in Italy costs 6\.90 euros/], price: /€\d+\.\d\d/,
  },
  {
    language: 'es', name: 'Lucía Gómez', catalog: 'Quiero ver el catálogo', addText: 'añade 2 prosecco', checkout: 'Quiero pagar',
    confirm: /^Gracias, Lucía Gómez/, pick: /elige/i, added: /^Añadido: 1 × /, added2: /^Añadido: 2 × Prosecco/, applied: /^Código BENVENUTO10 aplicado/,
    order: /^Pedido (ORD-\d{4}-\d{6}) creado: total (\d+,\d\d €)\. .*(http:\S+\/s\/[A-Za-z0-9_-]{43})$/,
    faq: ['¿Cuánto cuesta el envío?', /^El envío en Italia cuesta 6,90 euros/], price: /\d+,\d\d €/,
  },
  {
    language: 'pt', name: 'João Ferreira', catalog: 'Queria ver o catálogo', addText: 'adiciona 2 prosecco', checkout: 'Quero pagar',
    confirm: /^Obrigado, João Ferreira/, pick: /escolha/i, added: /^Adicionado: 1 × /, added2: /^Adicionado: 2 × Prosecco/, applied: /^Código BENVENUTO10 aplicado/,
    order: /^Encomenda (ORD-\d{4}-\d{6}) criada: total (\d+,\d\d €)\. .*(http:\S+\/s\/[A-Za-z0-9_-]{43})$/,
    faq: ['Quanto custa o envio?', /^O envio em Itália custa 6,90 euros/], price: /\d+,\d\d €/,
  },
];

for (const j of journeys) {
  test(`offline agent sells in ${j.language}: register, browse, two products, promo code, checkout link`, async () => {
    const c = customer(j.name);
    assert.match((await register(c, j.name, j.language, `${j.language}.buyer@example.com`)).text, j.confirm);

    // Browse: categories as a list, a category's products as a list, a product with an add button.
    const cats = await c.say(j.catalog);
    assert.equal(cats.interactive?.type, 'list', JSON.stringify(cats));
    assert.match(cats.text, j.pick);
    const cheese = rows(cats).find((r) => r.title === 'Formaggi');
    assert.ok(cheese, 'the demo categories are listed');
    const products = await c.tap(cheese.id, cheese.title);
    assert.equal(products.interactive?.type, 'list');
    const parmigiano = rows(products).find((r) => r.title.startsWith('Parmigiano Reggiano'));
    assert.ok(parmigiano && j.price.test(parmigiano.description), JSON.stringify(rows(products)));
    const detail = await c.tap(parmigiano.id, parmigiano.title);
    assert.match(detail.text, /Parmigiano Reggiano/);
    const add = buttons(detail).find((b) => b.id.startsWith('add:'));
    assert.ok(add, 'the product offers an add button');
    assert.ok(buttons(detail).every((b) => b.title.length <= 20));

    // Two products: one by the button, one in words with a quantity.
    const added = await c.tap(add.id, add.title);
    assert.match(added.text, j.added);
    const added2 = await c.say(j.addText);
    assert.match(added2.text, j.added2);
    assert.ok(buttons(added2).some((b) => b.id === 'checkout'));

    // The demo code (10 % above 30 €) and the checkout.
    const applied = await c.say('BENVENUTO10');
    assert.match(applied.text, j.applied, applied.text);
    const order = await c.say(j.checkout);
    const m = order.text.match(j.order);
    assert.ok(m, order.text);
    const token = m[3].split('/s/')[1];
    const page = await (await anonymous(`/api/public/links/${token}`)).json();
    assert.equal(page.type, 'payment');
    assert.equal(page.order.code, m[1]);
    assert.deepEqual(page.order.lines.map((l) => [l.name.split(' ')[0], l.quantity]), [['Parmigiano', 1], ['Prosecco', 2]]);
    const subtotal = page.order.lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0);
    // The demo's cheese week takes 10 % off the cheese, then the code 10 % off what is left.
    assert.equal(psql(`SELECT promo_code FROM orders WHERE code = '${m[1]}'`, conninfo), 'BENVENUTO10');
    assert.equal(page.order.discount, page.order.lines.reduce((s, l) => s + l.discount, 0));
    assert.equal(page.order.discount, (189 + Math.round((1890 - 189) / 10)) + Math.round(2900 / 10));
    assert.equal(page.order.total, subtotal - page.order.discount);

    // A question in the same language is answered from the FAQs written in it.
    const faq = await c.say(j.faq[0]);
    assert.match(faq.text, j.faq[1]);

    // The order tools: the status with a link to the order page.
    const status = await c.say(`${m[1]}?`);
    assert.ok(status.text.includes(m[1]), status.text);
    const orderToken = status.text.match(/\/s\/([A-Za-z0-9_-]{43})/)[1];
    const orderPage = await (await anonymous(`/api/public/links/${orderToken}`)).json();
    assert.equal(orderPage.type, 'order');
    assert.equal(orderPage.order.code, m[1]);
    assert.equal(psql(`SELECT language FROM customers WHERE name = '${j.name}'`, conninfo), j.language);
  });
}

test('the customer switching language mid-conversation is answered in the new one', async () => {
  const c = customer('Ana Costa');
  await register(c, 'Ana Costa', 'it', 'ana.costa@example.com');
  const hello = await c.say('Hola, buenos días');
  assert.match(hello.text, /^¡Hola Ana!/);
  assert.equal(psql("SELECT language FROM customers WHERE name = 'Ana Costa'", conninfo), 'es');
});

test('an unknown request: the agent says so and offers a person; tapping it hands the conversation over', async () => {
  const c = customer('Paolo Gialli');
  await register(c, 'Paolo Gialli', 'it', 'paolo.gialli@example.com');
  const unknown = await c.say('xqzv wrrpt');
  assert.match(unknown.text, /Non ho trovato nulla per "xqzv wrrpt"/);
  const person = buttons(unknown).find((b) => b.id === 'operator');
  assert.ok(person, JSON.stringify(unknown.interactive));
  const handed = await c.tap(person.id, person.title);
  assert.match(handed.text, /persona del team/);
  assert.equal((await admin.get(`${w}/conversations/${c.conv}`)).json.mode, 'human');
});

test('order tools: no orders yet, an order code of another customer is not found, profile link opens the profile page type', async () => {
  const c = customer('Irene Blu');
  await register(c, 'Irene Blu', 'en', 'irene.blu@example.com');
  assert.match((await c.say('my orders')).text, /^I cannot find any orders of yours/);
  const someone = psql("SELECT code FROM orders ORDER BY created_at LIMIT 1", conninfo);
  assert.match(someone, /^ORD-/, 'an earlier test made an order');
  assert.equal((await c.say(`status of ${someone}`)).text, `I cannot find order ${someone} among yours.`);
  const invoice = await c.say('invoice please');
  assert.match(invoice.text, /^I cannot find any orders of yours/);
  const profile = await c.say('I want to change my address');
  const token = profile.text.match(/\/s\/([A-Za-z0-9_-]{43})$/)[1];
  const page = await anonymous(`/api/public/links/${token}`);
  assert.equal(page.status, 200);
  assert.equal((await page.json()).type, 'profile');
});
