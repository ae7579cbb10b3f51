-- wrk script for bench/run.py: counts every response that is not a 200 (wrk itself only
-- counts status >= 400, so a redirect to the login page would pass unnoticed) and prints
-- one JSON line with the percentiles wrk does not print (p50, p95) and the throughput.
--
-- Usage: wrk -t2 -c16 -d10s -s bench/report.lua -H "Cookie: sessionid=..." http://127.0.0.1:8000/me/

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  not_ok = 0
  first_bad = 0
end

function response(status, headers, body)
  if status ~= 200 then
    not_ok = not_ok + 1
    if first_bad == 0 then
      first_bad = status
    end
  end
end

function done(summary, latency, requests)
  local not_ok_total = 0
  local first_bad_status = 0
  for _, thread in ipairs(threads) do
    not_ok_total = not_ok_total + thread:get("not_ok")
    local bad = thread:get("first_bad")
    if first_bad_status == 0 and bad ~= 0 then
      first_bad_status = bad
    end
  end
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "seconds": %.3f, "rps": %.2f, "p50_ms": %.3f, "p95_ms": %.3f, '
      .. '"p99_ms": %.3f, "max_ms": %.3f, "not_200": %d, "first_bad_status": %d, "errors": '
      .. '{"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    not_ok_total, first_bad_status,
    e.connect, e.read, e.write, e.status, e.timeout))
end
