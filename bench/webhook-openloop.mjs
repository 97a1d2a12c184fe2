#!/usr/bin/env node
// Open-loop load for bench/webhook.sh: sends pre-signed deliveries (lines of bench/webhook-gen.mjs)
// at a fixed rate (see openloop-lib.mjs). Prints one OPENLOOP_RESULT line.
//
//   node bench/webhook-openloop.mjs URL FILE RATE SECONDS [MAX_SOCKETS]
import { readFileSync } from 'node:fs';
import { runOpenLoop, sendRequest } from './openloop-lib.mjs';

const [url, file, rateArg, secondsArg, socketsArg] = process.argv.slice(2);
if (!url || !file || !rateArg || !secondsArg) {
  console.error('usage: webhook-openloop.mjs URL FILE RATE SECONDS [MAX_SOCKETS]');
  process.exit(2);
}
const rate = Number(rateArg);
const seconds = Number(secondsArg);
const target = new URL(url);
const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
const warmup = Number(process.env.OPENLOOP_WARMUP ?? 1); // not counted, see openloop-lib.mjs
const needed = Math.round(rate * warmup) + Math.round(rate * seconds);
if (lines.length < needed) {
  console.error(`webhook-openloop: ${lines.length} deliveries in ${file}, ${needed} needed`);
  process.exit(2);
}
await runOpenLoop({
  rate,
  seconds,
  warmup,
  maxSockets: Number(socketsArg ?? 256),
  request: (i, agent, onDone) => {
    const tab = lines[i].indexOf('\t');
    const body = Buffer.from(lines[i].slice(tab + 1));
    sendRequest(agent, {
      host: target.hostname, port: target.port, path: '/webhooks/whatsapp', method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': body.length,
        'x-hub-signature-256': 'sha256=' + lines[i].slice(0, tab),
      },
    }, body, onDone);
  },
});
