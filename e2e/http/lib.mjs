// Test harness for the HTTP end-to-end tests: starts real `shopme serve` processes against the
// throw-away cluster of scripts/test.sh (DATABASE_URL), or against their own embedded cluster.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, chmodSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const BIN = process.env.SHOPME_BIN ?? path.resolve('build/bin/shopme');
const TMP = process.env.SHOPME_TEST_TMP ?? '/tmp';

export function tempDir(prefix) {
  const dir = mkdtempSync(path.join(TMP, `${prefix}-`));
  chmodSync(dir, 0o755);
  return dir;
}

// Starts a server on a free port; resolves once it logs that it listens.
export async function startServer({ env = {}, args = [], dataDir } = {}) {
  const dir = dataDir ?? tempDir('srv');
  const child = spawn(BIN, ['serve', '--port', '0', '--data-dir', dir, ...args], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = [];
  let exited = null;
  const exit = new Promise((resolve) => child.on('exit', (code, signal) => {
    exited = { code, signal };
    resolve(exited);
  }));
  const port = await new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${lines.join('\n')}`)), 60_000);
    const onData = (chunk) => {
      buf += chunk.toString();
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        lines.push(line);
        try {
          const obj = JSON.parse(line);
          if (obj.msg === 'listening') {
            clearTimeout(timer);
            resolve(obj.port);
          }
        } catch { /* banner lines are not JSON */ }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c) => lines.push(c.toString()));
    exit.then((e) => { clearTimeout(timer); reject(new Error(`server exited ${JSON.stringify(e)}:\n${lines.join('\n')}`)); });
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    base, port, dir, child, lines, exit,
    get exited() { return exited; },
    logs: () => lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)),
    async stop(signal = 'SIGTERM') {
      if (exited) return exited;
      child.kill(signal);
      return exit;
    },
  };
}

// psql against the harness database (or another database of the same cluster).
export function psql(sql, conninfo = process.env.DATABASE_URL) {
  return execFileSync('psql', [conninfo, '-v', 'ON_ERROR_STOP=1', '-tAc', sql], { encoding: 'utf8' }).trim();
}

export function withDatabase(name) {
  const conninfo = process.env.DATABASE_URL.replace(/dbname=\S+/, `dbname=${name}`);
  psql(`DROP DATABASE IF EXISTS ${name}`);
  psql(`CREATE DATABASE ${name}`);
  return conninfo;
}

// A raw HTTP/1.1 exchange on one socket: for keep-alive, timeouts and malformed requests.
export function rawConnection(port) {
  const socket = net.connect(port, '127.0.0.1');
  let data = '';
  let closed = false;
  socket.on('data', (c) => { data += c.toString('latin1'); });
  const closedPromise = new Promise((r) => socket.on('close', () => { closed = true; r(); }));
  socket.on('error', () => {});
  return {
    socket,
    write: (s) => socket.write(s),
    get data() { return data; },
    get closed() { return closed; },
    closedPromise,
    async waitFor(predicate, ms = 5000) {
      const end = Date.now() + ms;
      while (Date.now() < end) {
        if (predicate(data)) return data;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`timed out waiting; got:\n${data}`);
    },
    close: () => socket.destroy(),
  };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Polls `fn` until it returns something truthy (and returns that), or fails naming `what`.
export async function waitFor(fn, what, timeout = 15000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    const v = await fn();
    if (v) return v;
    await sleep(40);
  }
  throw new Error(`timed out waiting for ${what}`);
}

// A request without a session, as a customer's browser sends it from a public page.
export const anonymousFetch = (base) => (path, init = {}) =>
  fetch(`${base}${path}`, { ...init, headers: { 'content-type': 'application/json', 'x-requested-with': 'shopme', ...(init.headers ?? {}) } });

// A database with the demo data (admin@, manager@, agent@shopme.test; two workspaces).
export const DEMO_PASSWORD = 'shopme-demo-password';
export function seededDatabase(name) {
  const conninfo = withDatabase(name);
  execFileSync(BIN, ['seed', '--demo', '--data-dir', tempDir('seed')], {
    env: { ...process.env, DATABASE_URL: conninfo, SHOPME_ADMIN_PASSWORD: DEMO_PASSWORD, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  return conninfo;
}

// A cookie-keeping client that behaves like the dashboard (sends the CSRF header).
export class Client {
  constructor(base) {
    this.base = base;
    this.cookies = new Map();
  }
  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  store(res) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === '' || /Max-Age=0/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  async req(method, path, body, headers = {}) {
    const h = { 'x-requested-with': 'shopme', ...headers };
    if (this.cookies.size) h.cookie = this.cookieHeader();
    if (body !== undefined) h['content-type'] = 'application/json';
    const res = await fetch(`${this.base}${path}`, { method, headers: h, body: body === undefined ? undefined : (typeof body === 'string' ? body : JSON.stringify(body)) });
    this.store(res);
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
    return { status: res.status, headers: res.headers, json, text };
  }
  get(p, h) { return this.req('GET', p, undefined, h); }
  post(p, b, h) { return this.req('POST', p, b ?? {}, h); }
  patch(p, b, h) { return this.req('PATCH', p, b ?? {}, h); }
  put(p, b, h) { return this.req('PUT', p, b ?? {}, h); }
  del(p, h) { return this.req('DELETE', p, undefined, h); }
  async login(email, password = DEMO_PASSWORD) {
    const r = await this.post('/api/auth/login', { email, password });
    if (r.status !== 200) throw new Error(`login ${email}: ${r.status} ${r.text}`);
    return r.json;
  }
}

export const generousLimits = { SHOPME_API_RATE_LIMIT: '100000', SHOPME_LOGIN_IP_LIMIT: '100000', SHOPME_LOGIN_EMAIL_LIMIT: '100000' };

// Rate limits use fixed one-minute windows: a test counting requests starts well inside one.
export async function awayFromMinuteEdge() {
  const intoMinute = (Date.now() / 1000) % 60;
  if (intoMinute > 45) await sleep((61 - intoMinute) * 1000);
}
