// A stand-in for an OpenAI-compatible chat-completions server on loopback (the protocol OpenAI,
// OpenRouter, Ollama, llama.cpp and vLLM share): it records each request and answers from a plan of
// replies — a text, tool calls with JSON-string arguments, or an HTTP error.
import http from 'node:http';

let seq = 0;
export const text = (content) => ({ message: { role: 'assistant', content }, finish_reason: 'stop' });
export const toolCalls = (...calls) => ({
  message: {
    role: 'assistant',
    content: null,
    tool_calls: calls.map(([name, args]) => ({ id: `call_${++seq}`, type: 'function', function: { name, arguments: typeof args === 'string' ? args : JSON.stringify(args) } })),
  },
  finish_reason: 'tool_calls',
});
export const failure = (status, message = 'upstream error') => ({ status, error: { message, type: 'server_error' } });

export async function startFakeLlm() {
  const state = { requests: [], plan: [], delayMs: 0 };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', async () => {
      const parsed = JSON.parse(body || '{}');
      state.requests.push({ path: req.url, auth: req.headers.authorization, body: parsed });
      if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
      let step = state.plan.length ? state.plan.shift() : text('ok');
      if (typeof step === 'function') step = step(parsed);
      if (step.status) {
        res.writeHead(step.status, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ error: step.error }));
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({
        id: `chatcmpl-${++seq}`, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: parsed.model,
        choices: [{ index: 0, ...step }],
        usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
      }));
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    state,
    base: `http://127.0.0.1:${server.address().port}/v1`,
    async close() {
      server.closeAllConnections?.();
      await new Promise((r) => server.close(r));
    },
  };
}
