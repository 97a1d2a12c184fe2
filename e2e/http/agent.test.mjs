// The AI agent's configuration over HTTP: Admin only, validation, the API key write-only and sealed,
// tools, and the system prompt's version history with restore.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, seededDatabase, Client, generousLimits, psql, sleep, waitFor } from './lib.mjs';
import { startFakeLlm, text, toolCalls, failure } from './fake-llm.mjs';

let srv, admin, manager, conninfo, w, hotel, llm;
before(async () => {
  llm = await startFakeLlm();
  conninfo = seededDatabase('agent_test');
  // The turn tests poll the thread; the per-workspace API limit is not what they test.
  psql('UPDATE workspaces SET api_rate_limit = 100000', conninfo);
  srv = await startServer({ env: { DATABASE_URL: conninfo, ...generousLimits } });
  admin = new Client(srv.base);
  manager = new Client(srv.base);
  const me = await admin.login('admin@shopme.test');
  await manager.login('manager@shopme.test');
  w = `/api/workspaces/${me.memberships.find((m) => m.workspaceName === 'Bottega Italiana').workspaceId}`;
  hotel = `/api/workspaces/${me.memberships.find((m) => m.workspaceName === 'Hotel Belvedere').workspaceId}`;
});
after(async () => { await srv.stop(); await llm.close(); });

test('defaults: the builtin agent with every tool', async () => {
  const r = await admin.get(`${w}/agent`);
  assert.equal(r.status, 200);
  assert.equal(r.json.provider, 'builtin');
  assert.equal(r.json.apiKeySet, false);
  assert.equal(r.json.enabledTools.length, 18);
  assert.deepEqual(r.json.enabledTools, r.json.availableTools);
  assert.equal(r.json.systemPrompt, null);
  assert.equal((await manager.get(`${w}/agent`)).status, 403);
  assert.equal((await manager.put(`${w}/agent`, {})).status, 403);
});

test('validation lists every bad field and changes nothing', async () => {
  const bad = await admin.put(`${w}/agent`, { provider: 'skynet', baseUrl: 'ftp://x', temperature: 3, maxTokens: 1, timeoutMs: 10, enabledTools: ['search_products', 'launch_rockets'], debug: 'yes' });
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.json.errors.map((e) => e.field).sort(), ['baseUrl', 'debug', 'enabledTools', 'maxTokens', 'provider', 'temperature', 'timeoutMs']);
  const missing = await admin.put(`${w}/agent`, { provider: 'openai-compatible' });
  assert.equal(missing.status, 422);
  assert.deepEqual(missing.json.errors.map((e) => e.field).sort(), ['baseUrl', 'model']);
  assert.equal((await admin.get(`${w}/agent`)).json.provider, 'builtin');
});

test('an OpenAI-compatible provider with a write-only key sealed at rest', async () => {
  const r = await admin.put(`${w}/agent`, {
    provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1', apiKey: 'sk-very-secret-key',
    temperature: 0.25, maxTokens: 600, timeoutMs: 15000, enabledTools: ['search_products', 'search_faq'], debug: true,
  });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.apiKeySet, true);
  assert.equal(r.json.apiKey, undefined);
  assert.equal(r.json.temperature, 0.25);
  assert.deepEqual(r.json.enabledTools, ['search_products', 'search_faq']);
  assert.equal(r.json.debug, true);
  const stored = psql("SELECT api_key_sealed FROM agent_settings", conninfo);
  assert.ok(stored.length > 20 && !stored.includes('sk-very-secret-key'));
  assert.ok(!srv.lines.join('\n').includes('sk-very-secret-key'), 'never logged');
  // Omitted keeps, "" removes.
  assert.equal((await admin.put(`${w}/agent`, { model: 'llama3.2' })).json.apiKeySet, true);
  assert.equal((await admin.put(`${w}/agent`, { apiKey: '' })).json.apiKeySet, false);
  // Another workspace is untouched.
  assert.equal((await admin.get(`${hotel}/agent`)).json.provider, 'builtin');
});

test('the system prompt is versioned; an unchanged prompt makes no version; an old one can be restored', async () => {
  const v1 = await admin.put(`${w}/agent`, { systemPrompt: 'Sei il commesso di Bottega Italiana. Rispondi con cortesia.' });
  assert.equal(v1.json.systemPrompt.version, 1);
  const same = await admin.put(`${w}/agent`, { systemPrompt: 'Sei il commesso di Bottega Italiana. Rispondi con cortesia.' });
  assert.equal(same.json.systemPrompt.version, 1);
  const v2 = await admin.put(`${w}/agent`, { systemPrompt: 'Sei il commesso. Proponi sempre un abbinamento.' });
  assert.equal(v2.json.systemPrompt.version, 2);
  const history = await admin.get(`${w}/agent/prompts`);
  assert.deepEqual(history.json.items.map((p) => [p.version, p.active]), [[2, true], [1, false]]);
  const restored = await admin.post(`${w}/agent/prompts/1/restore`);
  assert.equal(restored.status, 200, restored.text);
  assert.equal(restored.json.systemPrompt.version, 3);
  assert.equal(restored.json.systemPrompt.text, 'Sei il commesso di Bottega Italiana. Rispondi con cortesia.');
  const after = await admin.get(`${w}/agent/prompts`);
  assert.equal(after.json.items[0].restoredFrom, 1);
  assert.equal((await admin.post(`${w}/agent/prompts/99/restore`)).status, 404);
  assert.equal((await admin.post(`${w}/agent/prompts/abc/restore`)).status, 404);
  assert.equal((await admin.post(`${hotel}/agent/prompts/1/restore`)).status, 404, 'versions belong to their workspace');
  assert.equal((await manager.get(`${w}/agent/prompts`)).status, 403);
});

// --- the agent's turn -------------------------------------------------------------------------

let phoneSeq = 300;
// A customer who has registered (the gate is covered in links.test.mjs).
async function registeredCustomer() {
  const phone = `+3933300${String(++phoneSeq).padStart(5, '0')}`;
  const first = await admin.post(`${w}/simulator/messages`, { name: 'Marta', phone, text: 'Ciao' });
  const conv = first.json.conversationId;
  const customer = (await admin.get(`${w}/conversations/${conv}`)).json.customer.id;
  await waitFor(async () => (await replies(conv)).length === 1, 'the registration link');
  psql(`UPDATE customers SET registered_at = now(), gdpr_consent_at = now(), gdpr_consent_version = 'v1' WHERE id = '${customer}'`, conninfo);
  return { phone, conv, say: (t) => admin.post(`${w}/simulator/messages`, { name: 'Marta', phone, text: t }) };
}
const replies = async (conv) => (await admin.get(`${w}/conversations/${conv}/messages?limit=100`)).json.items.filter((m) => m.direction === 'outbound').reverse();
const agentReplies = async (conv) => (await replies(conv)).filter((m) => m.authorKind === 'agent');
const notes = async (conv) => (await admin.get(`${w}/conversations/${conv}/notes`)).json.items.map((n) => n.text);

test('offline agent: greets, finds products with prices and answers FAQs from the catalog', async () => {
  await admin.put(`${w}/agent`, { provider: 'builtin', enabledTools: [] });
  const c = await registeredCustomer();
  await c.say('Avete il parmigiano?');
  const [reply] = await waitFor(async () => { const r = await agentReplies(c.conv); return r.length ? r : null; }, 'the agent reply');
  assert.equal(reply.interactive.type, 'list');
  const found = reply.interactive.sections[0].rows;
  const parmigiani = found.filter((r) => r.description.startsWith('Parmigiano Reggiano DOP'));
  assert.equal(parmigiani.length, 2, JSON.stringify(found));
  assert.ok(found.every((r) => /\d+,\d\d €$/.test(r.description)), 'prices in the customer\'s format');
  await c.say('Quanto costa la spedizione?');
  const faq = await waitFor(async () => (await agentReplies(c.conv))[1], 'the FAQ answer');
  assert.match(faq.text, /^La spedizione in Italia costa 6,90 euro/);
  await c.say('buongiorno');
  const greeting = await waitFor(async () => (await agentReplies(c.conv))[2], 'the greeting');
  assert.match(greeting.text, /^Ciao Marta!/);
});

test('offline agent: asking for a person hands the conversation to the team, live and by e-mail', async () => {
  const c = await registeredCustomer();
  const mails = Number(psql('SELECT count(*) FROM mail_outbox', conninfo));
  await c.say('vorrei parlare con un operatore');
  const [reply] = await waitFor(async () => { const r = await agentReplies(c.conv); return r.length ? r : null; }, 'the hand-over reply');
  assert.match(reply.text, /persona del team/);
  assert.equal((await admin.get(`${w}/conversations/${c.conv}`)).json.mode, 'human');
  assert.ok(Number(psql('SELECT count(*) FROM mail_outbox', conninfo)) > mails, 'the team is e-mailed');
  await c.say('ci sei?');
  await sleep(800);
  assert.equal((await agentReplies(c.conv)).length, 1, 'in human mode the bot stays silent');
});

test('language model: tools called with validated arguments, results fed back, reply sent, debug notes and tokens recorded', async () => {
  await admin.put(`${w}/agent`, { provider: 'openai-compatible', baseUrl: llm.base, model: 'shop-model', apiKey: 'sk-agent-test', debug: true, enabledTools: [] });
  const c = await registeredCustomer();
  llm.state.requests.length = 0;
  llm.state.plan.push(
    toolCalls(['search_products', { limit: 2 }]), // missing the required query: refused back to the model
    toolCalls(['search_products', '{"query": "olio extravergine"}']),
    (req) => {
      const results = req.messages.filter((m) => m.role === 'tool').map((m) => m.content).join('\n');
      return text(results.includes('Olio') ? 'Sì [name]! Abbiamo l\'olio extravergine Taggiasca.' : 'Non trovo nulla.');
    },
  );
  await c.say('Avete olio buono? Scrivetemi a marta.verdi@example.com');
  const [reply] = await waitFor(async () => { const r = await agentReplies(c.conv); return r.length ? r : null; }, 'the model reply');
  assert.equal(reply.text, 'Sì Marta! Abbiamo l\'olio extravergine Taggiasca.', 'the name placeholder is filled in locally');
  const [first, second, third] = llm.state.requests;
  assert.equal(first.path, '/v1/chat/completions');
  assert.equal(first.auth, 'Bearer sk-agent-test');
  assert.equal(first.body.model, 'shop-model');
  assert.ok(first.body.tools.some((t) => t.function.name === 'search_products'));
  assert.equal(first.body.messages[0].role, 'system');
  assert.match(first.body.messages.at(-1).content, /^Avete olio buono\? Scrivetemi a /);
  assert.ok(!JSON.stringify(first.body).includes('marta.verdi@example.com'), 'e-mail addresses are masked');
  assert.ok(!JSON.stringify(first.body).includes('Marta'), 'the customer\'s name stays home');
  assert.ok(!JSON.stringify(third.body).includes('Marta'), 'even where earlier messages named them');
  const refusal = second.body.messages.find((m) => m.role === 'tool');
  assert.match(refusal.content, /missing required argument query/);
  assert.equal(refusal.tool_call_id, second.body.messages.find((m) => m.tool_calls)?.tool_calls[0].id);
  assert.ok(third.body.messages.filter((m) => m.role === 'tool').length === 2);
  assert.ok(!JSON.stringify(first.body).includes('+39'), 'no phone number reaches the model');
  const n = await notes(c.conv);
  assert.ok(n.some((t) => t.startsWith('Tool search_products')), 'debug mode shows tool calls to the team');
  assert.ok(Number(psql("SELECT sum(prompt_tokens) FROM agent_token_usage", conninfo)) >= 300);
});

test('language model failing: the offline agent answers and the team sees why', async () => {
  const c = await registeredCustomer();
  llm.state.plan.push(failure(500), failure(503));
  await c.say('Avete il parmigiano?');
  const [reply] = await waitFor(async () => { const r = await agentReplies(c.conv); return r.length ? r : null; }, 'the fallback reply');
  assert.ok(reply.interactive.sections[0].rows.some((r) => r.title.startsWith('Parmigiano Reggiano')));
  assert.ok((await notes(c.conv)).some((t) => t.startsWith('The AI provider failed')));
});

test('a burst of messages during a turn is answered once, merged', async () => {
  await admin.put(`${w}/agent`, { provider: 'openai-compatible', baseUrl: llm.base, model: 'shop-model' });
  const c = await registeredCustomer();
  llm.state.requests.length = 0;
  llm.state.delayMs = 1200;
  llm.state.plan.push(text('Prima risposta'), (req) => text(`Hai scritto: ${req.messages.at(-1).content.replaceAll('\n', ' | ')}`));
  await c.say('uno');
  await sleep(300);
  await c.say('due');
  await c.say('tre');
  await waitFor(async () => (await agentReplies(c.conv)).length === 2, 'two replies', 20000);
  await sleep(1500);
  llm.state.delayMs = 0;
  const texts = (await agentReplies(c.conv)).map((m) => m.text);
  assert.deepEqual(texts, ['Prima risposta', 'Hai scritto: due | tre']);
  assert.equal(llm.state.requests.length, 2);
});

test('language model: an operator who takes over during the turn has the last word; the debug note still reaches the team', async () => {
  await admin.put(`${w}/agent`, { provider: 'openai-compatible', baseUrl: llm.base, model: 'shop-model', debug: true });
  const c = await registeredCustomer();
  llm.state.requests.length = 0;
  llm.state.delayMs = 1000;
  llm.state.plan.push(toolCalls(['search_products', '{"query": "parmigiano"}']), text('Ecco il parmigiano!'));
  await c.say('Avete il parmigiano?');
  await sleep(300);
  assert.equal((await admin.post(`${w}/conversations/${c.conv}/mode`, { mode: 'human' })).status, 200);
  await waitFor(async () => ((await notes(c.conv)).some((t) => t.startsWith('Tool search_products')) ? true : null), 'the turn finished', 20000);
  llm.state.delayMs = 0;
  await sleep(300);
  assert.equal(llm.state.requests.length, 2, 'the turn ran to its end');
  assert.equal((await agentReplies(c.conv)).length, 0, 'the bot does not answer over the operator');
  assert.equal((await admin.get(`${w}/conversations/${c.conv}`)).json.mode, 'human');
});

test('language model: the agent handing over itself still tells the customer someone is coming', async () => {
  await admin.put(`${w}/agent`, { provider: 'openai-compatible', baseUrl: llm.base, model: 'shop-model', debug: false });
  const c = await registeredCustomer();
  llm.state.plan.push(toolCalls(['contact_operator', '{}']), text('Ti passo a una persona del team.'));
  await c.say('voglio parlare con qualcuno');
  const [reply] = await waitFor(async () => { const r = await agentReplies(c.conv); return r.length ? r : null; }, 'the hand-over reply');
  assert.equal(reply.text, 'Ti passo a una persona del team.');
  assert.equal((await admin.get(`${w}/conversations/${c.conv}`)).json.mode, 'human');
});

test('cart tools: a line set twice stays one line, promo code checked by the domain pricing, totals from the server', async () => {
  await admin.put(`${w}/agent`, { provider: 'openai-compatible', baseUrl: llm.base, model: 'shop-model', debug: false });
  const c = await registeredCustomer();
  const lastTool = (req) => JSON.parse(req.messages.filter((m) => m.role === 'tool').at(-1).content);
  let productId;
  llm.state.plan.push(
    toolCalls(['search_products', { query: 'parmigiano' }]),
    (req) => { productId = lastTool(req).items[0].id; return toolCalls(['add_to_cart', { productId, quantity: 2 }]); },
    () => toolCalls(['add_to_cart', { productId, quantity: 2 }]),
    toolCalls(['apply_promo_code', { code: 'NON-ESISTE' }]),
    toolCalls(['view_cart', {}]),
    (req) => { const cart = lastTool(req); return text(`Nel carrello: ${cart.items.map((i) => `${i.quantity} × ${i.name}`).join(', ')}. Totale ${cart.total}`); },
  );
  await c.say('Metti due parmigiani nel carrello');
  const [reply] = await waitFor(async () => { const r = await agentReplies(c.conv); return r.length ? r : null; }, 'the cart reply');
  assert.match(reply.text, /^Nel carrello: 2 × Parmigiano Reggiano.*Totale \d+,\d\d €$/);
  const customer = (await admin.get(`${w}/conversations/${c.conv}`)).json.customer.id;
  assert.equal(psql(`SELECT string_agg(quantity::text, ',') FROM cart_lines l JOIN carts k ON k.id = l.cart_id WHERE k.customer_id = '${customer}'`, conninfo), '2');
  const promo = JSON.parse(llm.state.requests.at(-2).body.messages.filter((m) => m.role === 'tool').at(-1).content);
  assert.equal(promo.promoCodeRejected, 'unknown');
  assert.equal(psql(`SELECT coalesce(promo_code, 'none') FROM carts WHERE customer_id = '${customer}'`, conninfo), 'none');
});

test('checkout: the cart becomes an order with snapshots and reserved stock, and a payment link opens its summary; a retried checkout makes no second order', async () => {
  await admin.put(`${w}/agent`, { provider: 'openai-compatible', baseUrl: llm.base, model: 'shop-model' });
  const c = await registeredCustomer();
  const lastTool = (req) => JSON.parse(req.messages.filter((m) => m.role === 'tool').at(-1).content);
  let productId;
  let first;
  llm.state.plan.push(
    toolCalls(['search_products', { query: 'parmigiano' }]),
    (req) => { productId = lastTool(req).items[0].id; return toolCalls(['add_to_cart', { productId, quantity: 3 }]); },
    toolCalls(['checkout', {}]),
    (req) => { first = lastTool(req); return toolCalls(['checkout', {}]); },
    (req) => { const again = lastTool(req); return text(`Ordine ${first.orderCode} (${again.orderCode}): paga qui ${first.paymentLink}`); },
  );
  const stockBefore = Number(psql(`SELECT stock FROM products WHERE name LIKE 'Parmigiano Reggiano%' ORDER BY name LIMIT 1`, conninfo));
  await c.say('Prendo tre parmigiani, procediamo');
  const [reply] = await waitFor(async () => { const r = await agentReplies(c.conv); return r.length ? r : null; }, 'the checkout reply');
  const m = reply.text.match(/^Ordine (ORD-\d{4}-\d{6}) \((ORD-\d{4}-\d{6})\): paga qui (\S+)$/);
  assert.ok(m, reply.text);
  assert.equal(m[1], m[2], 'the retried checkout returned the same order');
  const customer = (await admin.get(`${w}/conversations/${c.conv}`)).json.customer.id;
  assert.equal(psql(`SELECT count(*) FROM orders WHERE customer_id = '${customer}'`, conninfo), '1');
  assert.equal(Number(psql(`SELECT stock FROM products WHERE id = '${productId}'`, conninfo)), stockBefore - 3, 'stock reserved');
  assert.equal(psql(`SELECT status FROM carts WHERE customer_id = '${customer}' ORDER BY created_at LIMIT 1`, conninfo), 'ordered');
  const token = m[3].split('/s/')[1];
  // The model saw a placeholder, never the link or its token; the customer got the link.
  const sent = llm.state.requests.map((r) => JSON.stringify(r.body)).join('\n');
  assert.ok(!sent.includes(token) && !sent.includes('/s/'), 'no token reached the model');
  assert.ok(sent.includes('[link 1]'));
  const page = await fetch(`${srv.base}/api/public/links/${token}`);
  assert.equal(page.status, 200);
  const info = await page.json();
  assert.equal(info.type, 'payment');
  assert.equal(info.order.code, m[1]);
  assert.equal(info.order.status, 'pending_payment');
  assert.equal(info.order.lines[0].quantity, 3);
  assert.match(info.order.lines[0].name, /Parmigiano Reggiano/);
  assert.equal(info.order.total, info.order.lines.reduce((s, l) => s + l.total, 0));
  assert.ok(Date.parse(info.expiresAt) - Date.now() <= 3600 * 1000);
});

test('usage: per day in the workspace time zone, zeros included, totals; bad ranges are 422; Admin only', async () => {
  const today = psql("SELECT to_char(now() AT TIME ZONE 'Europe/Rome', 'YYYY-MM-DD')", conninfo);
  const r = await admin.get(`${w}/agent/usage`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.days.length, 30);
  assert.equal(r.json.to, today);
  assert.equal(r.json.currency, 'EUR');
  assert.equal(r.json.days.at(-1).day, today);
  // What the earlier tests of this file did (all within the range), counted from the tables.
  const ws = w.split('/').at(-1);
  const t = r.json.totals;
  assert.equal(t.inboundMessages, Number(psql(`SELECT count(*) FROM messages WHERE workspace_id = '${ws}' AND direction = 'inbound'`, conninfo)));
  assert.equal(t.agentReplies, Number(psql(`SELECT count(*) FROM messages WHERE workspace_id = '${ws}' AND author_kind = 'agent'`, conninfo)));
  assert.ok(t.agentReplies > 0 && t.promptTokens >= 300 && t.orders >= 1);
  assert.equal(t.orders, Number(psql(`SELECT count(*) FROM orders WHERE workspace_id = '${ws}'`, conninfo)));
  for (const key of Object.keys(t)) assert.equal(t[key], r.json.days.reduce((s, d) => s + d[key], 0), key);
  assert.ok(r.json.days.slice(0, -2).every((d) => d.inboundMessages === 0), 'the test data is from today (or just before midnight)');
  const week = await admin.get(`${w}/agent/usage?from=2026-01-01&to=2026-01-07`);
  assert.deepEqual(week.json.days.map((d) => d.day), ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05', '2026-01-06', '2026-01-07']);
  const bad = await admin.get(`${w}/agent/usage?from=2026-02-30&to=yesterday`);
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.json.errors.map((e) => e.field).sort(), ['from', 'to']);
  assert.equal((await admin.get(`${w}/agent/usage?from=2024-01-01&to=2026-01-01`)).status, 422);
  assert.equal((await admin.get(`${w}/agent/usage?from=2026-02-01&to=2026-01-01`)).status, 422);
  assert.equal((await manager.get(`${w}/agent/usage`)).status, 403);
  const other = await admin.get(`${hotel}/agent/usage`);
  assert.ok(other.json.days.every((d) => d.inboundMessages === 0), 'another workspace counts its own');
});

test('privacy notice: versioned on change only, shown on the registration page, Admin only', async () => {
  const start = await admin.get(`${w}/privacy-notice`);
  assert.equal(start.status, 200);
  const v = (s) => Number(s.replace('v', ''));
  const first = await admin.put(`${w}/privacy-notice`, { text: 'Trattiamo i tuoi dati solo per gestire gli ordini.' });
  assert.equal(first.status, 200, first.text);
  assert.ok(first.json.updatedAt);
  const same = await admin.put(`${w}/privacy-notice`, { text: 'Trattiamo i tuoi dati solo per gestire gli ordini.' });
  assert.equal(same.json.version, first.json.version, 'the same words are the same version');
  const changed = await admin.put(`${w}/privacy-notice`, { text: 'Trattiamo i tuoi dati per gli ordini e, se vuoi, per le offerte.' });
  assert.equal(v(changed.json.version), v(first.json.version) + 1);
  const bad = await admin.put(`${w}/privacy-notice`, { text: '   ' });
  assert.equal(bad.status, 422);
  assert.equal(bad.json.errors[0].field, 'text');
  assert.equal((await admin.put(`${w}/privacy-notice`, { text: 'x'.repeat(20001) })).status, 422);
  assert.equal((await manager.put(`${w}/privacy-notice`, { text: 'nope' })).status, 403);
  assert.equal((await admin.get(`${w}/privacy-notice`)).json.text, 'Trattiamo i tuoi dati per gli ordini e, se vuoi, per le offerte.');
  // The registration page shows the current text and version.
  const phone = '+393339990001';
  const first2 = await admin.post(`${w}/simulator/messages`, { name: 'Nuovo', phone, text: 'Ciao' });
  const invite = await waitFor(async () => (await replies(first2.json.conversationId))[0], 'the registration link');
  const token = invite.text.match(/\/s\/([A-Za-z0-9_-]{43})/)[1];
  const page = await (await fetch(`${srv.base}/api/public/links/${token}`)).json();
  assert.deepEqual(page.privacy, { text: changed.json.text, version: changed.json.version });
});
