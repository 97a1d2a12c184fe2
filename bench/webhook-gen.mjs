#!/usr/bin/env node
// Writes signed WhatsApp Cloud API webhook deliveries for bench/webhook.sh, one per line:
//   <hex HMAC-SHA256 of the body keyed with the app secret> TAB <body>
// Every delivery carries a distinct message id (wamid.<prefix>.<n>), so none is a redelivery; the
// sender is drawn at random from a pool of customers, the same pool the pgbench reference uses.
//
//   node bench/webhook-gen.mjs --out FILE --count N --prefix P --phone-id ID --secret S [--customers K] [--seed X]
import { createHmac } from 'node:crypto';
import { openSync, writeSync, closeSync } from 'node:fs';

const args = Object.create(null);
for (let i = 2; i < process.argv.length; i += 2) {
  const k = process.argv[i];
  if (!k.startsWith('--') || i + 1 >= process.argv.length) {
    console.error(`webhook-gen: bad argument ${k}`);
    process.exit(2);
  }
  args[k.slice(2)] = process.argv[i + 1];
}
for (const k of ['out', 'count', 'prefix', 'phone-id', 'secret']) {
  if (!args[k]) {
    console.error(`webhook-gen: --${k} is required`);
    process.exit(2);
  }
}
const count = Number(args.count);
const customers = Number(args.customers ?? 100000);
const base = 393000000000; // customer wa_id = base + k, k in [1, customers]
let seed = 2166136261;  // FNV-1a of the prefix (or --seed): a different draw per file
for (const ch of String(args.seed ?? args.prefix)) seed = Math.imul(seed ^ ch.charCodeAt(0), 16777619) >>> 0;
seed = seed || 1;
const rand = () => {  // xorshift32: reproducible, cheap
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5; seed >>>= 0;
  return seed / 4294967296;
};
const texts = [
  'Buongiorno, avete ancora il Parmigiano Reggiano 24 mesi?',
  'Vorrei ordinare due bottiglie di Chianti Classico, consegnate venerdì',
  'A che ora chiudete oggi?',
  'Grazie, ho ricevuto il pacco',
];

const fd = openSync(args.out, 'w');
const now = Math.floor(Date.now() / 1000);
let chunk = [];
for (let n = 1; n <= count; n++) {
  const from = String(base + 1 + Math.floor(rand() * customers));
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{
      id: '106540000000009',
      changes: [{
        field: 'messages',
        value: {
          messaging_product: 'whatsapp',
          metadata: { display_phone_number: '390212345678', phone_number_id: args['phone-id'] },
          contacts: [{ profile: { name: `Cliente ${from.slice(-5)}` }, wa_id: from }],
          messages: [{
            from,
            id: `wamid.${args.prefix}.${n}`,
            timestamp: String(now),
            type: 'text',
            text: { body: texts[n % texts.length] },
          }],
        },
      }],
    }],
  });
  const sig = createHmac('sha256', args.secret).update(body).digest('hex');
  chunk.push(sig, '\t', body, '\n');
  if (chunk.length >= 4000) {
    writeSync(fd, chunk.join(''));
    chunk = [];
  }
}
if (chunk.length) writeSync(fd, chunk.join(''));
closeSync(fd);
