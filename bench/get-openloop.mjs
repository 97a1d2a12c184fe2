#!/usr/bin/env node
// Open-loop GETs at a fixed rate (see openloop-lib.mjs), with a cookie; prints one OPENLOOP_RESULT
// line. Used by bench/catalog.sh for latency at a given request rate.
//
//   node bench/get-openloop.mjs URL RATE SECONDS COOKIE [MAX_SOCKETS]
import { runOpenLoop, sendRequest } from './openloop-lib.mjs';

const [url, rateArg, secondsArg, cookie, socketsArg] = process.argv.slice(2);
if (!url || !rateArg || !secondsArg || !cookie) {
  console.error('usage: get-openloop.mjs URL RATE SECONDS COOKIE [MAX_SOCKETS]');
  process.exit(2);
}
const target = new URL(url);
await runOpenLoop({
  rate: Number(rateArg),
  seconds: Number(secondsArg),
  maxSockets: Number(socketsArg ?? 64),
  request: (_i, agent, onDone) =>
    sendRequest(agent, {
      host: target.hostname, port: target.port, path: target.pathname + target.search, method: 'GET',
      headers: { cookie },
    }, undefined, onDone),
});
