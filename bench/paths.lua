-- GET requests for wrk, cycling through the paths listed (one a line) in $BENCH_PATHS.
-- BENCH_UNIQUE=1 adds a never-repeated query parameter, so every request misses the page
-- cache (the cold-cache measurement). BENCH_LIMIT=N stops each thread after N responses.
local counter = 0
local paths = {}
local unique = os.getenv("BENCH_UNIQUE") == "1"
local limit = tonumber(os.getenv("BENCH_LIMIT") or "")
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

function init(args)
  for line in io.lines(os.getenv("BENCH_PATHS")) do
    if #line > 0 then paths[#paths + 1] = line end
  end
end

function request()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  if unique then
    local separator = path:find("?", 1, true) and "&" or "?"
    path = path .. separator .. "_cold=" .. thread_id .. "-" .. counter
  end
  return wrk.format("GET", path)
end

if limit then
  local done = 0
  function response(status, headers, body)
    done = done + 1
    if done >= limit then wrk.thread:stop() end
  end
end
