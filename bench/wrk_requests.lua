-- wrk script of bench/http.py: cycles through prepared requests (one per line of the file
-- named by WRK_REQUESTS: METHOD <tab> PATH <tab> BEARER TOKEN or empty <tab> BODY or empty),
-- each thread from its own random start, and prints the summary as one JSON line.
local reqs = {}
local i = 0

function init(args)
  local f = assert(io.open(os.getenv("WRK_REQUESTS"), "r"))
  for line in f:lines() do
    local method, path, token, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
    local headers = {}
    if token ~= "" then headers["Authorization"] = "Bearer " .. token end
    if body == "" then
      body = nil
    else
      headers["Content-Type"] = "application/json"
    end
    reqs[#reqs + 1] = wrk.format(method, path, headers, body)
  end
  f:close()
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
  i = math.random(#reqs)
end

function request()
  i = i % #reqs + 1
  return reqs[i]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p90_us": %d, ' ..
    '"p99_us": %d, "max_us": %d, "connect_errors": %d, "read_errors": %d, ' ..
    '"write_errors": %d, "non_2xx_3xx": %d, "timeouts": %d}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency.max, e.connect, e.read, e.write,
    e.status, e.timeout))
end
