-- wrk script for bench/webhook.sh: POST /webhooks/whatsapp with pre-signed deliveries.
--   wrk ... -s bench/webhook.lua URL -- FILE THREADS
-- FILE holds one delivery per line ("<hex signature>\t<body>", from bench/webhook-gen.mjs). Thread k
-- of THREADS sends lines k, k + THREADS, ... in order, so no message id is sent twice in a run; if a
-- thread runs out it starts over and the result line reports it (wrapped > 0: the run is invalid,
-- redeliveries are cheaper than new messages). Prints one BENCH_RESULT line like bench/report.lua,
-- plus how many deliveries were sent and whether any thread wrapped.

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  local file = args[1]
  local nthreads = tonumber(args[2]) or 1
  reqs = {}
  local i = 0
  for line in io.lines(file) do
    if i % nthreads == tid then
      local tab = line:find("\t", 1, true)
      reqs[#reqs + 1] = wrk.format("POST", "/webhooks/whatsapp", {
        ["Content-Type"] = "application/json",
        ["X-Hub-Signature-256"] = "sha256=" .. line:sub(1, tab - 1),
      }, line:sub(tab + 1))
    end
    i = i + 1
  end
  count = #reqs
  idx = 0
  sent = 0
  wrapped = 0
end

function request()
  idx = idx + 1
  if idx > count then
    idx = 1
    wrapped = wrapped + 1
  end
  sent = sent + 1
  return reqs[idx]
end

done = function(summary, latency, requests)
  local secs = summary.duration / 1e6
  local e = summary.errors
  local total_sent, total_wrapped, loaded = 0, 0, 0
  for _, t in ipairs(threads) do
    total_sent = total_sent + (t:get("sent") or 0)
    total_wrapped = total_wrapped + (t:get("wrapped") or 0)
    loaded = loaded + (t:get("count") or 0)
  end
  io.write(string.format(
    "BENCH_RESULT rps=%.1f requests=%d seconds=%.3f bytes=%d p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d " ..
    "err_connect=%d err_read=%d err_write=%d err_timeout=%d non2xx=%d sent=%d loaded=%d wrapped=%d\n",
    summary.requests / secs, summary.requests, secs, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max,
    e.connect, e.read, e.write, e.timeout, e.status, total_sent, loaded, total_wrapped))
end
