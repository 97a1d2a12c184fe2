// The AI agent's configuration over HTTP: Admin only, validation, the API key write-only and sealed,
// tools, and the system prompt's version history with restore.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, seededDatabase, Client, generousLimits, psql } from './lib.mjs';

let srv, admin, manager, conninfo, w, hotel;
before(async () => {
  conninfo = seededDatabase('agent_test');
  srv = await startServer({ env: { DATABASE_URL: conninfo, ...generousLimits } });
  admin = new Client(srv.base);
  manager = new Client(srv.base);
  const me = await admin.login('admin@shopme.test');
  await manager.login('manager@shopme.test');
  w = `/api/workspaces/${me.memberships.find((m) => m.workspaceName === 'Bottega Italiana').workspaceId}`;
  hotel = `/api/workspaces/${me.memberships.find((m) => m.workspaceName === 'Hotel Belvedere').workspaceId}`;
});
after(async () => { await srv.stop(); });

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
