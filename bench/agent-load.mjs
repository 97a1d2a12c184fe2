#!/usr/bin/env node
// Load driver of bench/agent.sh: simulated WhatsApp customers talking to the AI agent, each a closed
// loop (send one signed webhook message, wait until the reply addressed to that customer reaches the
// fake WhatsApp Cloud API, optionally think, send the next one), plus the two fakes the server calls
// out to, each in its own worker thread so that the time a request arrives is taken on an event
// loop the load generator does not keep busy:
//   fake Graph API  POST /{phone-number-id}/messages: answers at once with a message id and records
//                   when the request body was complete, its recipient (`to`) and the outbox row id
//                   (biz_opaque_callback_data); sends no status callbacks;
//   fake LLM        POST /v1/chat/completions: answers at once, one tool round per turn — a
//                   search_products call for what the customer asked, then, once the tool result is
//                   in, a short text naming the first product found. It records how long it held each
//                   request (from the request's arrival in its handler to the answer written): the
//                   far side's own processing, which is not the server's. The tool call's id carries
//                   a per-turn number that the final text repeats ("(ref N)"), so the fake Graph API
//                   can tell which turn a reply closes and the driver sums that turn's holds.
// All times are process.hrtime (one monotonic clock for every thread), turned into epoch time with
// one offset taken from performance.timeOrigin, so they can be compared with PostgreSQL timestamps.
//
//   node bench/agent-load.mjs --url URL --phone-id ID --secret S --graph-port P --llm-port Q
//        --mode turn|ack --conversations N --first-wa W --prefix X --warmup S --duration S
//        [--concurrency C] [--think-ms MS] [--turns-out FILE]
//
// C slots (default: one per customer) each run a closed loop; with fewer slots than customers the
// customers take turns (the one idle longest writes next), so one conversation at a time can be
// measured without one conversation's history growing much faster than the others'. After a reply
// a slot pauses for a time drawn uniformly from [0.5, 1.5] × MS (0: none), and the first messages
// are spread over one such pause.
//
// mode turn: every message is a new one (distinct message id) that the agent answers; a turn counts
//            from the moment its webhook request is written to the moment the reply reached the fake
//            Graph API (its webhook acknowledgement is recorded too).
// mode ack:  the reference: every customer first has one turn (not measured), then sends that same
//            delivery again and again: a redelivery the server stores (raw event) and acknowledges
//            but that makes no message, job or reply; the latency is the acknowledgement's.
// Turns started in the first --warmup seconds are not counted; no turn starts after warmup +
// duration; the driver then waits (at most 20 s) for the turns in flight and prints one
// AGENT_RESULT line and one AGENT_REPLIES line (JSON: what each customer message was answered with).
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import http from 'node:http';
import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';

const hr = () => Number(process.hrtime.bigint()) / 1e6; // ms, monotonic, the same in every thread

// ------------------------------------------------------------------------------------ fakes
function fakeGraph(port, run) {
  let seq = 0;
  const stats = { requests: 0, expect100: 0, other: 0 };
  const server = http.createServer((req, res) => {
    stats.requests++;
    if (req.headers.expect) stats.expect100++;
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const at = hr();
      let body = null;
      try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { /* counted below */ }
      if (req.method !== 'POST' || !/\/messages$/.test(req.url) || !body?.to || !body?.type) {
        stats.other++;
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end('{"success":true}');
      }
      const id = `wamid.fake.${run}.${++seq}`; // unique across runs, as the provider's are
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id }] }));
      const kind = body.type === 'interactive' ? body.interactive?.type ?? 'interactive' : body.type;
      const text = String((body.type === 'text' ? body.text?.body : body.interactive?.body?.text) ?? '');
      const ref = /\(ref (\d+)\)$/.exec(text)?.[1] ?? '';
      parentPort.postMessage({ t: 'reply', to: body.to, opaque: body.biz_opaque_callback_data ?? '', at, kind, ref, text: text.slice(0, 60) });
    });
  });
  server.keepAliveTimeout = 30000;
  return { server, stats };
}

// What the model searches for: the product the customer named, else a rotating pick.
const QUERIES = [
  [/parmigian|parmesan/i, 'parmigiano'], [/prosecco/i, 'prosecco'], [/olio|oil/i, 'olio'],
  [/vin|wine/i, 'vino'], [/pasta|spaghetti/i, 'pasta'], [/formagg|cheese/i, 'formaggio'],
];
const FALLBACK = ['parmigiano', 'prosecco', 'olio', 'chianti', 'pasta', 'aceto'];

function fakeLlm(port) {
  let seq = 0, turns = 0;
  const stats = { requests: 0, expect100: 0, toolCalls: 0, answers: 0, toolResultsWithItems: 0, bad: 0 };
  const server = http.createServer((req, res) => {
    const arrived = hr();
    let turn = '';
    res.on('finish', () => { if (turn) parentPort.postMessage({ t: 'held', turn, ms: hr() - arrived }); });
    stats.requests++;
    if (req.headers.expect) stats.expect100++;
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      let body;
      try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { body = null; }
      const messages = Array.isArray(body?.messages) ? body.messages : null;
      if (!messages || !messages.length) {
        stats.bad++;
        res.writeHead(400, { 'content-type': 'application/json' });
        return res.end('{"error":{"message":"no messages","type":"invalid_request_error"}}');
      }
      const last = messages[messages.length - 1];
      let message, finish;
      if (last.role === 'tool') {
        turn = /^call_(\d+)$/.exec(String(last.tool_call_id ?? ''))?.[1] ?? '';
        let name = '';
        try { name = JSON.parse(last.content)?.items?.[0]?.name ?? ''; } catch { /* a clipped result */ }
        if (name) stats.toolResultsWithItems++;
        stats.answers++;
        const text = name ? `Certo [name]! Abbiamo ${name}. Vuoi che lo aggiunga al carrello?` : 'Al momento non lo trovo, posso proporti altro?';
        message = { role: 'assistant', content: turn ? `${text} (ref ${turn})` : text };
        finish = 'stop';
      } else {
        const asked = String(last.content ?? '');
        const hit = QUERIES.find(([re]) => re.test(asked));
        const query = hit ? hit[1] : FALLBACK[turns % FALLBACK.length];
        stats.toolCalls++;
        turn = String(++turns);
        message = { role: 'assistant', content: null, tool_calls: [{ id: `call_${turn}`, type: 'function', function: { name: 'search_products', arguments: JSON.stringify({ query }) } }] };
        finish = 'tool_calls';
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({
        id: `chatcmpl-${++seq}`, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: body.model,
        choices: [{ index: 0, message, finish_reason: finish }],
        usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
      }));
    });
  });
  server.keepAliveTimeout = 30000;
  return { server, stats };
}

if (!isMainThread) {
  const { kind, port, run } = workerData;
  const { server, stats } = kind === 'graph' ? fakeGraph(port, run) : fakeLlm(port);
  server.on('error', (e) => parentPort.postMessage({ t: 'error', error: `${kind} fake: ${e.message}` }));
  server.listen(port, '127.0.0.1', () => parentPort.postMessage({ t: 'listening' }));
  parentPort.on('message', (m) => {
    if (m === 'stats') parentPort.postMessage({ t: 'stats', stats });
    if (m === 'close') {
      server.closeAllConnections?.();
      server.close(() => process.exit(0));
    }
  });
} else {
  await main();
}

// ------------------------------------------------------------------------------------ driver
async function main() {
  const args = Object.create(null);
  for (let i = 2; i < process.argv.length; i += 2) {
    const k = process.argv[i];
    if (!k.startsWith('--') || i + 1 >= process.argv.length) fail(`bad argument ${k}`);
    args[k.slice(2)] = process.argv[i + 1];
  }
  for (const k of ['url', 'phone-id', 'secret', 'graph-port', 'llm-port', 'mode', 'conversations', 'first-wa', 'prefix', 'warmup', 'duration']) {
    if (args[k] === undefined) fail(`--${k} is required`);
  }
  const mode = args.mode;
  if (mode !== 'turn' && mode !== 'ack') fail('--mode must be turn or ack');
  const target = new URL(args.url);
  const n = int('conversations', 1, 5000);
  const warmupMs = int('warmup', 0, 120) * 1000;
  const durationMs = int('duration', 1, 300) * 1000;
  const thinkMs = args['think-ms'] === undefined ? 0 : int('think-ms', 0, 60000);
  const concurrency = args.concurrency === undefined ? n : int('concurrency', 1, n);
  // A pause drawn uniformly from [0.5, 1.5] × think-ms, so that customers do not write in step.
  const think = () => thinkMs * (0.5 + Math.random());
  const firstWa = BigInt(args['first-wa']);
  const turnTimeoutMs = 30000;
  function int(name, lo, hi) {
    const v = Number(args[name]);
    if (!Number.isInteger(v) || v < lo || v > hi) fail(`--${name} must be an integer ${lo}..${hi}`);
    return v;
  }

  // epoch ms = hr() + offset (performance.timeOrigin has sub-millisecond precision)
  const offset = performance.timeOrigin + performance.now() - hr();

  const startWorker = (kind, port) => new Promise((resolve, reject) => {
    const w = new Worker(new URL(import.meta.url), { workerData: { kind, port, run: `${args.prefix}-${Date.now().toString(36)}` } });
    w.on('error', reject);
    w.on('message', (m) => {
      if (m.t === 'listening') resolve(w);
      if (m.t === 'error') reject(new Error(m.error));
    });
  });
  const graph = await startWorker('graph', int('graph-port', 1, 65535));
  const llm = await startWorker('llm', int('llm-port', 1, 65535));
  const statsOf = (w) => new Promise((resolve) => {
    const on = (m) => { if (m.t === 'stats') { w.off('message', on); resolve(m.stats); } };
    w.on('message', on);
    w.postMessage('stats');
  });

  // A realistic mix, no checkout (it would create orders); one customer in four writes English.
  const MIX = {
    it: ['ciao', 'Avete il parmigiano?', 'Mostrami il catalogo', 'aggiungi 2 prosecco', 'carrello',
      'Quanto costa la spedizione?', "Avete dell'olio extravergine?", 'togli il prosecco'],
    en: ['hello', 'Do you have parmesan?', 'Show me the catalog', 'add 2 prosecco', 'cart',
      'How much is shipping?', 'Do you have olive oil?', 'remove the prosecco'],
  };
  const customers = [];
  for (let i = 0; i < n; i++) {
    const wa = String(firstWa + BigInt(i));
    customers.push({ i, wa, lang: i % 4 === 3 ? 'en' : 'it', k: (i * 3) % 8, sent: 0, pending: null, dup: null });
  }
  const byWa = new Map(customers.map((c) => [c.wa, c]));
  const agent = new http.Agent({ keepAlive: true, maxSockets: n + 8 });
  const secret = args.secret;
  const phoneId = args['phone-id'];

  const delivery = (c, id, text, ts) => JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: '106540000000009', changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '390212345678', phone_number_id: phoneId },
      contacts: [{ profile: { name: `Cliente ${c.i}` }, wa_id: c.wa }],
      messages: [{ from: c.wa, id, timestamp: ts, type: 'text', text: { body: text } }],
    } }] }],
  });

  let phase = 'prime'; // prime (ack mode) → loop → drain
  let loopStart = 0, measureFrom = 0, measureTo = 0;
  const done = [];            // measured: {id, opaque, send, ack, reply, prompt, kind}
  const ackLat = [];          // measured acknowledgement latencies (ms)
  let errors = 0, timeouts = 0, unexpected = 0, unmeasured = 0, inFlight = 0;
  let turnsTotal = 0, acksTotal = 0; // everything completed in the loop, warm-up and drain included
  const statuses = {};
  const replies = {};         // prompt → {kind: count}, sample text
  let primed = 0;
  let idleCustomers = [];
  let onIdle = null;

  function send(c) {
    let id, body;
    const p = { id: '', prompt: '', send: 0, ack: 0, reply: 0, opaque: '', kind: '', status: 0, turn: true };
    if (mode === 'ack' && phase !== 'prime') {
      ({ id, body } = c.dup);
      p.turn = false;
    } else {
      const prompt = MIX[c.lang][c.k++ % MIX[c.lang].length];
      id = `wamid.${args.prefix}.${c.i}.${++c.sent}`;
      body = delivery(c, id, prompt, String(Math.floor(Date.now() / 1000)));
      p.prompt = prompt;
      if (mode === 'ack') c.dup = { id, body };
    }
    p.id = id;
    c.pending = p;
    inFlight++;
    const req = http.request({
      host: target.hostname, port: target.port, path: '/webhooks/whatsapp', method: 'POST', agent,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'x-hub-signature-256': 'sha256=' + createHmac('sha256', secret).update(body).digest('hex'),
      },
    }, (res) => {
      res.resume();
      res.on('end', () => {
        p.ack = hr();
        p.status = res.statusCode;
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        if (res.statusCode !== 200) { errors++; p.failed = true; }
        settle(c, p);
      });
    });
    req.setTimeout(turnTimeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', () => { errors++; p.failed = true; p.ack = hr(); settle(c, p); });
    p.send = hr();
    req.end(body);
  }

  function settle(c, p) {
    if (c.pending !== p || p.settled) return;
    if (!p.ack) return;
    if (p.turn && !p.failed && !p.reply) return;
    p.settled = true;
    c.pending = null;
    inFlight--;
    if (phase === 'prime') {
      primed++;
      if (inFlight === 0 && onIdle) onIdle();
      return;
    }
    if (!p.failed) { acksTotal++; if (p.turn) turnsTotal++; }
    const measured = p.send >= measureFrom && p.send < measureTo && !p.failed && !p.timedOut;
    if (measured) {
      if (p.turn) done.push(p);
      ackLat.push(p.ack - p.send);
    } else {
      unmeasured++;
    }
    idleCustomers.push(c);
    if (phase === 'loop' && hr() < measureTo) {
      if (thinkMs) setTimeout(next, think());
      else setImmediate(next);
    } else {
      idle();
    }
  }
  // A slot of the loop: the customer who has been waiting longest writes next (with as many slots
  // as customers, each customer is its own closed loop; with fewer, the customers take turns).
  function next() {
    if (phase === 'loop' && hr() < measureTo && idleCustomers.length) send(idleCustomers.shift());
    else idle();
  }
  function idle() { if (inFlight === 0 && onIdle) onIdle(); }

  const held = new Map(); // the fake model's turn number → ms it held that turn's requests
  llm.on('message', (m) => { if (m.t === 'held') held.set(m.turn, (held.get(m.turn) ?? 0) + m.ms); });
  graph.on('message', (m) => {
    if (m.t !== 'reply') return;
    const c = byWa.get(m.to);
    const p = c?.pending;
    if (!p || !p.turn || p.reply) { unexpected++; return; }
    p.reply = m.at;
    p.opaque = m.opaque;
    p.kind = m.kind;
    p.ref = m.ref;
    const r = (replies[p.prompt] ??= { sample: m.text });
    r[m.kind] = (r[m.kind] ?? 0) + 1;
    settle(c, p);
  });

  // A turn whose reply never comes is given up on after 30 s (and the customer goes on).
  const watchdog = setInterval(() => {
    const now = hr();
    for (const c of customers) {
      const p = c.pending;
      if (p && !p.settled && now - p.send > turnTimeoutMs) {
        timeouts++;
        p.timedOut = true;
        p.failed = true;
        if (!p.ack) p.ack = now;
        settle(c, p);
      }
    }
  }, 1000);

  const waitIdle = (limitMs) => new Promise((resolve) => {
    if (inFlight === 0) return resolve(true);
    const t = setTimeout(() => { onIdle = null; resolve(false); }, limitMs);
    onIdle = () => { clearTimeout(t); onIdle = null; resolve(true); };
  });

  const cpu0 = process.cpuUsage();
  const wall0 = hr();
  if (mode === 'ack') {
    for (const c of customers) send(c);
    if (!(await waitIdle(60000))) fail(`priming: ${inFlight} of ${n} first turns unanswered after 60 s`);
  }
  phase = 'loop';
  loopStart = hr();
  measureFrom = loopStart + warmupMs;
  measureTo = measureFrom + durationMs;
  idleCustomers = customers.slice();
  for (let i = 0; i < concurrency; i++) {
    if (thinkMs) setTimeout(next, Math.random() * thinkMs); // spread the first messages over one pause
    else next();
  }
  await new Promise((r) => setTimeout(r, measureTo - hr() + 1));
  const drained = await waitIdle(20000);
  phase = 'drain';
  const stuck = inFlight;
  clearInterval(watchdog);
  // Replies still on their way are counted as unexpected if they come now; give them a moment.
  await new Promise((r) => setTimeout(r, 200));
  const g = await statsOf(graph);
  const l = await statsOf(llm);
  graph.postMessage('close');
  llm.postMessage('close');
  agent.destroy();
  const cpu = process.cpuUsage(cpu0);
  const wall = (hr() - wall0) / 1000;

  const own = done.map((p) => p.reply - p.send).sort((a, b) => a - b);
  const acks = ackLat.slice().sort((a, b) => a - b);
  // Less the time the fake model held the turn's requests (0 for the offline agent).
  const modelHeld = done.map((p) => (p.ref ? held.get(p.ref) ?? 0 : 0));
  const net = mode === 'turn' ? done.map((p, i) => p.reply - p.send - modelHeld[i]).sort((a, b) => a - b) : acks;
  modelHeld.sort((a, b) => a - b);
  const turnAcks = done.map((p) => p.ack - p.send).sort((a, b) => a - b);
  const lat = mode === 'turn' ? own : acks;
  const q = (arr, p) => (arr.length ? arr[Math.min(arr.length - 1, Math.max(0, Math.ceil((p / 100) * arr.length) - 1))] : 0);
  const us = (ms) => Math.round(ms * 1000);
  const count = mode === 'turn' ? done.length : acks.length;
  if (args['turns-out']) {
    const rows = done.map((p) => [p.id, p.opaque, ((p.send + offset) / 1000).toFixed(6), ((p.ack + offset) / 1000).toFixed(6), ((p.reply + offset) / 1000).toFixed(6)].join('\t'));
    writeFileSync(args['turns-out'], rows.join('\n') + (rows.length ? '\n' : ''));
  }
  console.log(
    `AGENT_RESULT mode=${mode} conversations=${n} concurrency=${concurrency} think_ms=${thinkMs} measured=${count} seconds=${(durationMs / 1000).toFixed(0)} ` +
      `rate=${(count / (durationMs / 1000)).toFixed(1)} p50_us=${us(q(lat, 50))} p90_us=${us(q(lat, 90))} p99_us=${us(q(lat, 99))} ` +
      `max_us=${us(lat.length ? lat[lat.length - 1] : 0)} mean_us=${us(lat.length ? lat.reduce((s, v) => s + v, 0) / lat.length : 0)} ` +
      `net_p50_us=${us(q(net, 50))} net_p90_us=${us(q(net, 90))} net_p99_us=${us(q(net, 99))} net_max_us=${us(net.length ? net[net.length - 1] : 0)} ` +
      `model_p50_us=${us(q(modelHeld, 50))} model_mean_us=${us(modelHeld.length ? modelHeld.reduce((s, v) => s + v, 0) / modelHeld.length : 0)} ` +
      `model_matched=${done.filter((p) => p.ref && held.has(p.ref)).length} ` +
      `ack_p50_us=${us(q(turnAcks.length ? turnAcks : acks, 50))} ack_p99_us=${us(q(turnAcks.length ? turnAcks : acks, 99))} ` +
      `errors=${errors} timeouts=${timeouts} unexpected=${unexpected} unmeasured=${unmeasured} primed=${primed} ` +
      `turns_total=${turnsTotal} acks_total=${acksTotal} ` +
      `drained=${drained ? 1 : 0} stuck=${stuck} graph_requests=${g.requests} graph_other=${g.other} graph_expect100=${g.expect100} ` +
      `llm_requests=${l.requests} llm_tool_calls=${l.toolCalls} llm_answers=${l.answers} llm_found=${l.toolResultsWithItems} llm_expect100=${l.expect100} llm_bad=${l.bad} ` +
      `gen_cpu=${Math.round((100 * (cpu.user + cpu.system)) / 1e6 / wall)} ` +
      `statuses=${Object.entries(statuses).map(([k, v]) => `${k}:${v}`).join(',') || 'none'}`,
  );
  console.log(`AGENT_REPLIES ${JSON.stringify(replies)}`);
  process.exit(0);
}

function fail(msg) {
  console.error(`agent-load: ${msg}`);
  process.exit(2);
}
