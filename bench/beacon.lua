-- POSTs to the popularity beacon, as a phone browser's navigator.sendBeacon would send them.
-- Each request names another published article ($BENCH_IDS, one id a line) and carries another
-- browser build number, so the beacon's per-reader de-duplication lets it through and the
-- counting path (not the "already counted" shortcut) is what gets measured. As behind one
-- reverse proxy (the server trusts one X-Forwarded-For hop), each request comes from another
-- reader address in 198.18.0.0/15, the benchmarking range: every address stays far below the
-- beacon's per-address rate limit.
local counter = 0
local ids = {}
local threads = 0
local path = os.getenv("BENCH_BEACON_PATH") or "/beacon/"
local body_format = os.getenv("BENCH_BEACON_BODY") or "article=%s"
local content_type = os.getenv("BENCH_BEACON_CONTENT_TYPE") or "application/x-www-form-urlencoded"

function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

function init(args)
  for line in io.lines(os.getenv("BENCH_IDS")) do
    if #line > 0 then ids[#ids + 1] = line end
  end
end

-- 198.18.0.0 to 198.19.255.255; each thread walks its own half before coming round again.
function reader_address()
  local n = ((thread_id - 1) * 65536 + counter) % 131072
  return string.format(
    "198.%d.%d.%d", 18 + math.floor(n / 65536), math.floor(n / 256) % 256, n % 256
  )
end

function request()
  counter = counter + 1
  local id = ids[((counter * 7 + thread_id * 1009) % #ids) + 1]
  local headers = {
    ["X-Forwarded-For"] = reader_address(),
    ["Content-Type"] = content_type,
    ["User-Agent"] = "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 "
      .. "(KHTML, like Gecko) Chrome/126.0." .. thread_id .. "." .. counter
      .. " Mobile Safari/537.36",
    ["Origin"] = os.getenv("BENCH_ORIGIN") or "http://127.0.0.1",
  }
  return wrk.format("POST", path, headers, string.format(body_format, id))
end
