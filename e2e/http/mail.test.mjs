// SMTP delivery of the mail outbox, against a small SMTP server on loopback that speaks the
// protocol's basic commands (EHLO, MAIL, RCPT, DATA, QUIT) and records what it receives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, seededDatabase, Client, generousLimits, psql, sleep } from './lib.mjs';

function fakeSmtp({ failFirst = 0 } = {}) {
  const messages = [];
  let refused = 0;
  const server = net.createServer((socket) => {
    let buffer = '';
    let inData = false;
    let current = null;
    socket.write('220 fake.smtp ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let nl;
      while ((nl = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            messages.push(current);
            socket.write('250 2.0.0 queued\r\n');
          } else {
            current.data += `${line.startsWith('..') ? line.slice(1) : line}\n`;
          }
          continue;
        }
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO' || cmd === 'HELO') socket.write('250-fake.smtp\r\n250 8BITMIME\r\n');
        else if (cmd === 'MAIL') {
          if (refused < failFirst) {
            refused += 1;
            socket.write('451 4.3.0 try again later\r\n');
          } else {
            current = { from: line, to: [], data: '' };
            socket.write('250 OK\r\n');
          }
        } else if (cmd === 'RCPT') { current.to.push(line); socket.write('250 OK\r\n'); }
        else if (cmd === 'DATA') { inData = true; socket.write('354 go ahead\r\n'); }
        else if (cmd === 'QUIT') { socket.write('221 bye\r\n'); socket.end(); }
        else socket.write('250 OK\r\n');
      }
    });
    socket.on('error', () => {});
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, messages, port: server.address().port })));
}

test('with SMTP configured, outbox mail is delivered once and marked sent', async () => {
  const smtp = await fakeSmtp();
  const conninfo = seededDatabase('mail_test');
  const srv = await startServer({ env: { DATABASE_URL: conninfo, ...generousLimits, SHOPME_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SHOPME_SMTP_FROM: 'shop@bottega.test' } });
  try {
    const admin = new Client(srv.base);
    const me = await admin.login('admin@shopme.test');
    const ws = me.memberships[0].workspaceId;
    assert.equal((await admin.post(`/api/workspaces/${ws}/members/invitations`, { email: 'smtp.person@example.com', role: 'agent' })).status, 201);
    const end = Date.now() + 10_000;
    while (smtp.messages.length === 0 && Date.now() < end) await sleep(100);
    assert.equal(smtp.messages.length, 1);
    const m = smtp.messages[0];
    assert.match(m.from, /<shop@bottega\.test>/);
    assert.deepEqual(m.to.map((t) => t.match(/<(.*)>/)[1]), ['smtp.person@example.com']);
    assert.match(m.data, /^Subject: You are invited to /m);
    assert.match(m.data, /\/invite\/[A-Za-z0-9_-]{40,}/);
    await sleep(300);
    const row = (await admin.get(`/api/workspaces/${ws}/mail-outbox`)).json.items.find((x) => x.to === 'smtp.person@example.com');
    assert.equal(row.status, 'sent');
    await sleep(1500);
    assert.equal(smtp.messages.length, 1, 'sent once, not again');
  } finally {
    await srv.stop();
    smtp.server.close();
  }
});

test('a refused delivery is retried later, with the reason recorded', async () => {
  const smtp = await fakeSmtp({ failFirst: 1 });
  const conninfo = seededDatabase('mail_retry_test');
  const srv = await startServer({ env: { DATABASE_URL: conninfo, ...generousLimits, SHOPME_SMTP_URL: `smtp://127.0.0.1:${smtp.port}` } });
  try {
    const anon = new Client(srv.base);
    assert.equal((await anon.post('/api/auth/password-reset', { email: 'manager@shopme.test' })).status, 202);
    const end = Date.now() + 10_000;
    let row = '';
    while (Date.now() < end) {
      row = psql("SELECT status || '|' || attempts || '|' || coalesce(error, '') FROM mail_outbox WHERE to_address = 'manager@shopme.test'", conninfo);
      if (row.includes('|1|')) break;
      await sleep(100);
    }
    assert.match(row, /^stored\|1\|.+/, 'first attempt refused, kept for a retry with its reason');
    // Make the retry due now instead of in 30 s.
    psql("UPDATE mail_outbox SET next_attempt_at = now() WHERE to_address = 'manager@shopme.test'", conninfo);
    while (smtp.messages.length === 0 && Date.now() < end + 5000) await sleep(100);
    assert.equal(smtp.messages.length, 1);
    await sleep(300);
    assert.equal(psql("SELECT status || '|' || attempts FROM mail_outbox WHERE to_address = 'manager@shopme.test'", conninfo), 'sent|2');
  } finally {
    await srv.stop();
    smtp.server.close();
  }
});
