// Open-loop load: requests are started at a fixed rate whatever the server's answers take, and
// each latency is measured from the moment the request was due (so a stalled server is not hidden
// by the generator waiting for it, as a closed-loop tool would). Used by webhook-openloop.mjs and
// get-openloop.mjs; prints one OPENLOOP_RESULT line.
import http from 'node:http';

// request(i, agent, onDone(statusCode | null)) starts request i.
// The first `warmup` seconds (default 1, OPENLOOP_WARMUP) are sent at the same rate and not
// counted: they open the generator's connections and warm both sides' code paths, which otherwise
// land as a burst of slow requests at the start of every measurement (up to ~1% of a 10 s run,
// enough to set its p99) — not what a server already serving a steady load shows.
export async function runOpenLoop({ rate, seconds, maxSockets = 256, request, warmup }) {
  const warm = Math.round(rate * Number(warmup ?? process.env.OPENLOOP_WARMUP ?? 1));
  const measured = Math.round(rate * seconds);
  const total = warm + measured;
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const lat = new Float64Array(total); // µs from when it was due, NaN until answered
  const fromSend = new Float64Array(total); // µs from when it was actually started
  const lag = new Float64Array(total); // µs the generator started it late (its own pauses)
  lat.fill(NaN);
  fromSend.fill(NaN);
  let ok = 0, non2xx = 0, errors = 0, answered = 0, sent = 0;
  const statuses = {};
  let cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const tMeasured = t0 + (warm * 1000) / rate; // when the first counted request is due
  const send = (i) => {
    const due = t0 + (i * 1000) / rate;
    const started = performance.now();
    lag[i] = Math.max(0, started - due) * 1000;
    request(i, agent, (status) => {
      if (i < warm) return;
      answered++;
      if (status === null) { errors++; return; }
      const now = performance.now();
      lat[i] = (now - due) * 1000;
      fromSend[i] = (now - started) * 1000;
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status >= 200 && status < 300) ok++; else non2xx++;
    });
  };
  await new Promise((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - t0) * rate) / 1000) + 1);
      while (sent < due) {
        if (sent === warm) cpu0 = process.cpuUsage();
        send(sent++);
      }
      if (sent >= total) return resolve();
      setTimeout(tick, 1);
    };
    tick();
  });
  const sendEnd = performance.now();
  const deadline = sendEnd + 10000;
  while (answered < measured && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const cpu = process.cpuUsage(cpu0);
  const wall = (performance.now() - tMeasured) / 1000;
  agent.destroy();

  // OPENLOOP_SLOW_MS=n: where in the run the requests slower than n ms were due (100 ms buckets,
  // wall-clock time of the bucket), to line stalls up with the server's and the database's logs.
  const slowMs = Number(process.env.OPENLOOP_SLOW_MS ?? 0);
  if (slowMs > 0) {
    const buckets = new Map();
    for (let i = warm; i < total; i++) {
      if (!(lat[i] / 1000 > slowMs)) continue;
      const b = Math.floor(i / (rate / 10));
      const [n, worst] = buckets.get(b) ?? [0, 0];
      buckets.set(b, [n + 1, Math.max(worst, lat[i] / 1000)]);
    }
    const wallStart = Date.now() - (performance.now() - t0);
    for (const [b, [n, worst]] of buckets) {
      console.log(`OPENLOOP_SLOW at=${new Date(wallStart + b * 100).toISOString()} requests=${n} worst_ms=${worst.toFixed(1)}`);
    }
  }
  const counted = (a) => a.subarray(warm);
  const sorted = (a) => Array.from(counted(a)).filter((v) => !Number.isNaN(v)).sort((x, y) => x - y);
  const at = (arr, p) => (arr.length ? Math.round(arr[Math.min(arr.length - 1, Math.ceil((p / 100) * arr.length) - 1)]) : 0);
  const done = sorted(lat);
  const pct = (p) => at(done, p);
  const bySend = sorted(fromSend);
  const lags = sorted(lag);
  const sendSeconds = (sendEnd - tMeasured) / 1000;
  console.log(
    `OPENLOOP_RESULT rate=${rate} sent=${measured} warmup_sent=${warm} send_seconds=${sendSeconds.toFixed(3)} ` +
      `achieved=${(measured / sendSeconds).toFixed(1)} ok=${ok} non2xx=${non2xx} errors=${errors} ` +
      `unanswered=${measured - answered} p50_us=${pct(50)} p90_us=${pct(90)} p99_us=${pct(99)} p999_us=${pct(99.9)} ` +
      `max_us=${done.length ? Math.round(done[done.length - 1]) : 0} gen_cpu=${Math.round((100 * (cpu.user + cpu.system)) / 1e6 / wall)} ` +
      `statuses=${Object.entries(statuses).map(([k, v]) => `${k}:${v}`).join(',') || 'none'} ` +
      // The same latencies from when each request was actually started, and how late the generator
      // started them: a stall of the generator shows in lag, a stall of the server does not.
      `from_send_p50_us=${at(bySend, 50)} from_send_p99_us=${at(bySend, 99)} lag_p99_us=${at(lags, 99)} ` +
      `lag_max_us=${lags.length ? Math.round(lags[lags.length - 1]) : 0}`,
  );
}

// Sends one request and reports its status (null on a network error or a 10 s timeout).
export function sendRequest(agent, options, body, onDone) {
  const req = http.request({ ...options, agent }, (res) => {
    res.resume();
    res.on('end', () => onDone(res.statusCode));
  });
  req.setTimeout(10000, () => req.destroy(new Error('timeout')));
  req.on('error', () => onDone(null));
  req.end(body);
}
