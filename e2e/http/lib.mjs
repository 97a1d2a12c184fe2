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
