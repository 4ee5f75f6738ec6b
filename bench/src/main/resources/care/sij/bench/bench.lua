-- wrk script for every case of the benchmark. Bench.java writes the table CASE before this file:
--   CASE = { token = "..." or nil, requests = { {method = "GET", path = "/v1/...", body = nil, accept = nil}, ... } }
-- Each connection sends the case's requests in a random order; the summary line at the end is what
-- Bench.java reads (times in microseconds; errors are socket errors and HTTP statuses of 400 and above).

local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

local prepared = {}

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
  return prepared[math.random(#prepared)]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH-RESULT requests=%d duration_us=%d p50_us=%.0f p90_us=%.0f p99_us=%.0f max_us=%.0f"
      .. " connect=%d read=%d write=%d status=%d timeout=%d\n",
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99),
      latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
