// Start-up and shutdown: embedded cluster and demo seed on a new data dir, a second server on the
// same data dir, graceful shutdown with a request in flight, 503 when the database queue is full,
// and migration drift.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, statSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, tempDir, psql, withDatabase, sleep, BIN } from './lib.mjs';

// Holds an exclusive lock on schema_migrations so /readyz blocks until it is released.
function holdMigrationsLock(conninfo, seconds) {
  const p = spawn('psql', [conninfo, '-c', `BEGIN; LOCK TABLE schema_migrations IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(${seconds}); COMMIT;`], { stdio: 'ignore' });
  return new Promise((r) => p.on('exit', r));
}

test('graceful shutdown: a request in flight completes, then the process exits 0', async () => {
  const conninfo = withDatabase('shutdown_test');
  const srv = await startServer({ env: { DATABASE_URL: conninfo, SHOPME_DB_WORKERS: '1' } });
  const lock = holdMigrationsLock(conninfo, 1.5);
  await sleep(300);
  const inflight = fetch(`${srv.base}/readyz`);
  await sleep(200);
  srv.child.kill('SIGTERM');
  const res = await inflight;
  assert.equal(res.status, 200, 'the request in flight is answered');
  assert.equal((await res.json()).status, 'ready');
  const exit = await srv.exit;
  assert.equal(exit.code, 0);
  await lock;
  // and it no longer accepts connections
  await assert.rejects(fetch(`${srv.base}/healthz`));
});

test('a full database queue answers 503 with Retry-After instead of queueing without bound', async () => {
  const conninfo = withDatabase('overload_test');
  const srv = await startServer({ env: { DATABASE_URL: conninfo, SHOPME_DB_WORKERS: '1', SHOPME_DB_QUEUE: '2' } });
  const lock = holdMigrationsLock(conninfo, 1.5);
  await sleep(300);
  const results = await Promise.all(Array.from({ length: 8 }, () => fetch(`${srv.base}/readyz`)));
  const statuses = results.map((r) => r.status);
  const refused = results.filter((r) => r.status === 503 && r.headers.get('retry-after'));
  assert.ok(refused.length >= 4, `statuses ${statuses}`);
  assert.equal((await refused[0].json()).type.endsWith('/overloaded'), true);
  assert.ok(statuses.filter((s) => s === 200).length >= 1, `statuses ${statuses}`);
  await lock;
  await srv.stop();
});

test('migration drift: readyz says so, and a new server refuses to start', async () => {
  const conninfo = withDatabase('drift_test');
  const srv = await startServer({ env: { DATABASE_URL: conninfo } });
  assert.equal((await fetch(`${srv.base}/readyz`)).status, 200);
  psql("UPDATE schema_migrations SET checksum = 'edited' WHERE version = (SELECT min(version) FROM schema_migrations)", conninfo);
  const r = await fetch(`${srv.base}/readyz`);
  assert.equal(r.status, 503);
  const body = await r.json();
  assert.equal(body.status, 'not_ready');
  assert.equal(body.checks.migrations.drifted.length, 1);
  await srv.stop();
  await assert.rejects(startServer({ env: { DATABASE_URL: conninfo } }), /exited \{"code":1/);
});

test('embedded database: a new data dir gets a cluster, migrations, demo data and a private password file', async () => {
  const dir = tempDir('embedded');
  const env = { DATABASE_URL: '', SHOPME_ADMIN_PASSWORD: '', SHOPME_CLUSTER_FSYNC: 'off', SHOPME_PRINT_BANNER: '1' };
  const first = await startServer({ dataDir: dir, env });
  try {
    const ready = await (await fetch(`${first.base}/readyz`)).json();
    assert.equal(ready.status, 'ready');
    const pwFile = path.join(dir, 'admin-password');
    assert.ok(existsSync(pwFile));
    assert.equal(statSync(pwFile).mode & 0o777, 0o600);
    assert.equal(statSync(path.join(dir, 'secrets.json')).mode & 0o777, 0o600);
    const password = readFileSync(pwFile, 'utf8').trim();
    await sleep(100);
    assert.ok(first.lines.some((l) => l.includes('admin@shopme.test') && l.includes(password)), 'banner shows the credentials');
    assert.ok(!first.lines.filter((l) => l.startsWith('{')).some((l) => l.includes(password)), 'the password is never in a log line');
    // A second server on the same data dir uses the running cluster instead of starting another.
    const second = await startServer({ dataDir: dir, env });
    assert.ok(second.logs().some((l) => l.msg.includes('already running')));
    assert.equal((await fetch(`${second.base}/readyz`)).status, 200);
    assert.equal((await second.stop()).code, 0);
    assert.equal((await fetch(`${first.base}/readyz`)).status, 200, 'the first server still has its database');
  } finally {
    assert.equal((await first.stop()).code, 0);
  }
  // The server that started the cluster stopped it.
  const status = spawn(BIN, ['db', 'status', '--data-dir', dir], { stdio: 'ignore', env: { ...process.env, DATABASE_URL: '' } });
  const code = await new Promise((r) => status.on('exit', r));
  assert.equal(code, 3, 'cluster stopped');
  // A restart keeps the data and does not seed again.
  const again = await startServer({ dataDir: dir, env });
  assert.ok(!again.logs().some((l) => l.msg === 'demo data seeded'));
  await again.stop();
});
