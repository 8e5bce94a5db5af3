-- wrk script of bench/connections.sh: warm hits mixed with cold misses (one distinct version per
-- miss, so each one is fetched from the upstream), and a histogram of the answers' statuses.
-- Env: MISS_EVERY (every Nth request is a miss; default 10), WARM_MODULES (default 20).
local threads = {}
local count = 0
local kinds = {"info", "mod", "zip"}

function setup(thread)
  count = count + 1
  thread:set("id", count)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  no_retry_after = 0
  n = 0
  miss_every = tonumber(os.getenv("MISS_EVERY") or "10")
  warm = tonumber(os.getenv("WARM_MODULES") or "20")
end

function request()
  n = n + 1
  local kind = kinds[n % 3 + 1]
  if n % miss_every == 0 then
    return wrk.format("GET", string.format("/bench.example/cold/t%d/@v/v1.0.%d.%s", id, n, kind))
  end
  return wrk.format("GET", string.format("/bench.example/warm/m%d/@v/v1.0.0.%s", n % warm, kind))
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 503 and headers["Retry-After"] == nil then
    no_retry_after = no_retry_after + 1
  end
end

function done(summary, latency, requests)
  local total = {}
  local missing = 0
  for _, thread in ipairs(threads) do
    for status, c in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + c
    end
    missing = missing + thread:get("no_retry_after")
  end
  local parts = {}
  for status, c in pairs(total) do
    table.insert(parts, string.format("%d=%d", status, c))
  end
  table.sort(parts)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.1f rps=%.0f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f "
      .. "statuses=%s no_retry_after_503=%d errors_connect=%d errors_read=%d errors_write=%d errors_timeout=%d\n",
      summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
      table.concat(parts, ","), missing, e.connect, e.read, e.write, e.timeout))
end
