#!/usr/bin/env node
// Open-loop load for bench/webhook.sh: sends pre-signed deliveries (lines of bench/webhook-gen.mjs)
// at a fixed rate, whatever the server's answers take, and measures each request's latency from
// the moment it was due to be sent (so a stalled server is not hidden by the generator waiting for
// it, unlike a closed-loop tool). Prints one OPENLOOP_RESULT line.
//
//   node bench/webhook-openloop.mjs URL FILE RATE SECONDS [MAX_SOCKETS]
import http from 'node:http';
import { readFileSync } from 'node:fs';

const [url, file, rateArg, secondsArg, socketsArg] = process.argv.slice(2);
if (!url || !file || !rateArg || !secondsArg) {
  console.error('usage: webhook-openloop.mjs URL FILE RATE SECONDS [MAX_SOCKETS]');
  process.exit(2);
}
const rate = Number(rateArg);
const seconds = Number(secondsArg);
const target = new URL(url);
const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
const total = Math.round(rate * seconds);
if (lines.length < total) {
  console.error(`webhook-openloop: ${lines.length} deliveries in ${file}, ${total} needed`);
  process.exit(2);
}
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(socketsArg ?? 256) });
const lat = new Float64Array(total); // µs, NaN until answered
lat.fill(NaN);
let ok = 0, non2xx = 0, errors = 0, answered = 0, sent = 0;
const statuses = {};

const cpu0 = process.cpuUsage();
const t0 = performance.now();
function send(i) {
  const due = t0 + (i * 1000) / rate;
  const tab = lines[i].indexOf('\t');
  const body = Buffer.from(lines[i].slice(tab + 1));
  const req = http.request({
    host: target.hostname, port: target.port, path: '/webhooks/whatsapp', method: 'POST', agent,
    headers: {
      'content-type': 'application/json',
      'content-length': body.length,
      'x-hub-signature-256': 'sha256=' + lines[i].slice(0, tab),
    },
  }, (res) => {
    res.resume();
    res.on('end', () => {
      lat[i] = (performance.now() - due) * 1000;
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
      if (res.statusCode >= 200 && res.statusCode < 300) ok++; else non2xx++;
      answered++;
    });
  });
  req.setTimeout(10000, () => req.destroy(new Error('timeout')));
  req.on('error', () => { errors++; answered++; });
  req.end(body);
}

await new Promise((resolve) => {
  const tick = () => {
    const due = Math.min(total, Math.floor(((performance.now() - t0) * rate) / 1000) + 1);
    while (sent < due) send(sent++);
    if (sent >= total) return resolve();
    setTimeout(tick, 1);
  };
  tick();
});
const sendEnd = performance.now();
const deadline = sendEnd + 10000;
while (answered < total && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
const cpu = process.cpuUsage(cpu0);
const wall = (performance.now() - t0) / 1000;
agent.destroy();

const done = Array.from(lat).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
const pct = (p) => (done.length ? Math.round(done[Math.min(done.length - 1, Math.ceil((p / 100) * done.length) - 1)]) : 0);
console.log(
  `OPENLOOP_RESULT rate=${rate} sent=${total} send_seconds=${((sendEnd - t0) / 1000).toFixed(3)} ` +
    `achieved=${(total / ((sendEnd - t0) / 1000)).toFixed(1)} ok=${ok} non2xx=${non2xx} errors=${errors} ` +
    `unanswered=${total - answered} p50_us=${pct(50)} p90_us=${pct(90)} p99_us=${pct(99)} p999_us=${pct(99.9)} ` +
    `max_us=${done.length ? Math.round(done[done.length - 1]) : 0} gen_cpu=${Math.round((100 * (cpu.user + cpu.system)) / 1e6 / wall)} ` +
    `statuses=${Object.entries(statuses).map(([k, v]) => `${k}:${v}`).join(',') || 'none'}`,
);
