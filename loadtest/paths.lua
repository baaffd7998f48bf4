-- wrk script: cycle through the URLs in $LT_PATHS (one per line), and report the
-- figures the load report needs: requests/s, p50/p90/p99 latency and every error.
local paths = {}
for line in io.lines(os.getenv("LT_PATHS") or "var/loadtest/paths.txt") do
  if line ~= "" then paths[#paths + 1] = line end
end
if #paths == 0 then error("no URLs to request") end

local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 7)
end

local i = 0
request = function()
  i = i + 1
  local path = paths[((i + (offset or 0)) % #paths) + 1]
  return wrk.format("GET", path, { ["Accept"] = "application/json" })
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_s=%.1f rps=%.1f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f "
      .. "errors_connect=%d errors_read=%d errors_write=%d errors_timeout=%d errors_http=%d urls=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.timeout, e.status, #paths))
end
