// A stand-in for Stripe's API on loopback, speaking its protocol: form-encoded POSTs with a bearer
// secret key and an Idempotency-Key; Checkout Sessions and Refunds answered in Stripe's JSON shape.
// A repeated idempotency key gets the first answer again, as Stripe does.
import http from 'node:http';

let seq = 0;
export async function startFakeStripe() {
  const state = { requests: [], byKey: new Map(), failNext: 0 };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(body));
      const key = req.headers['idempotency-key'];
      state.requests.push({ method: req.method, path: req.url, auth: req.headers.authorization, key, contentType: req.headers['content-type'], form });
      const send = (status, json) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(json)); };
      if (state.failNext > 0) {
        state.failNext -= 1;
        return send(500, { error: { type: 'api_error', message: 'Something went wrong on our end.' } });
      }
      if (!req.headers.authorization?.startsWith('Bearer sk_')) return send(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' } });
      if (key && state.byKey.has(key)) return send(200, state.byKey.get(key));
      let answer;
      if (req.method === 'POST' && req.url === '/v1/checkout/sessions') {
        const id = `cs_test_${++seq}${Math.random().toString(36).slice(2, 10)}`;
        answer = { id, object: 'checkout.session', url: `https://checkout.stripe.test/c/pay/${id}`, amount_total: Number(form['line_items[0][price_data][unit_amount]']), currency: form['line_items[0][price_data][currency]'], metadata: { order_code: form['metadata[order_code]'], order_id: form['metadata[order_id]'] }, payment_status: 'unpaid', status: 'open' };
      } else if (req.method === 'POST' && req.url === '/v1/refunds') {
        if (!form.payment_intent) return send(400, { error: { type: 'invalid_request_error', message: 'Missing required param: payment_intent.' } });
        answer = { id: `re_test_${++seq}`, object: 'refund', amount: Number(form.amount), payment_intent: form.payment_intent, status: 'succeeded' };
      } else {
        return send(404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${req.url}).` } });
      }
      if (key) state.byKey.set(key, answer);
      send(200, answer);
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${server.address().port}`, state, close: () => new Promise((r) => server.close(r)) };
}
