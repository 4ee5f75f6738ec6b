-- wrk script for every case of the benchmark. Bench.java writes the table CASE before this file:
--   CASE = { token = "..." or nil, requests = { {method = "GET", path = "/v1/...", body = nil, accept = nil}, ... } }
-- Each connection sends the case's requests in a random order; the summary line at the end is what
-- Bench.java reads (times in microseconds). Refused: answers 503, the services' refusal of load beyond
-- their limit; errors: socket errors and every other HTTP status of 400 and above. Each thread holds
-- one connection (Bench.java starts as many threads as connections), so that a response answers the
-- thread's last request: p50/p99 are of all answers, accepted_p99 of the answers that were not refusals.
-- A connection refused waits the seconds its Retry-After asks for before its next request, as a client
-- should: otherwise the refused would retry at once and the load would measure the refusals.

local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *time);
]]
local now_ts = ffi.new("bench_timespec")
local function now_us()
  ffi.C.clock_gettime(1, now_ts) -- CLOCK_MONOTONIC
  return tonumber(now_ts.tv_sec) * 1000000 + tonumber(now_ts.tv_nsec) / 1000
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

local prepared = {}
refused = 0
accepted = {}
local sent_at = nil
local wait_ms = 0

function delay()
  local ms = wait_ms
  wait_ms = 0
  return ms
end

function init(args)
  math.randomseed(os.time() * 1000 + (thread_number or 0) * 7919)
  for i, r in ipairs(CASE.requests) do
    local headers = {}
    if CASE.token then
      headers["Authorization"] = "Bearer " .. CASE.token
    end
    headers["Accept"] = r.accept or "application/json"
    if r.body then
      headers["Content-Type"] = "application/json"
    end
    prepared[i] = wrk.format(r.method, r.path, headers, r.body)
  end
end

function request()
  sent_at = now_us()
  return prepared[math.random(#prepared)]
end

function response(status, headers, body)
  if status == 503 then
    refused = refused + 1
    wait_ms = (tonumber(headers["Retry-After"]) or 1) * 1000
  elseif sent_at then
    accepted[#accepted + 1] = now_us() - sent_at
  end
  sent_at = nil
end

function done(summary, latency, requests)
  local e = summary.errors
  local all_refused = 0
  local times = {}
  for _, thread in ipairs(threads) do
    all_refused = all_refused + thread:get("refused")
    for _, t in ipairs(thread:get("accepted")) do
      times[#times + 1] = t
    end
  end
  table.sort(times)
  local accepted_p99 = #times > 0 and times[math.max(1, math.ceil(#times * 0.99))] or 0
  io.write(string.format("BENCH-RESULT requests=%d duration_us=%d p50_us=%.0f p90_us=%.0f p99_us=%.0f max_us=%.0f"
      .. " accepted_p99_us=%.0f refused=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99),
      latency.max, accepted_p99, all_refused, e.connect, e.read, e.write, e.status - all_refused, e.timeout))
end
