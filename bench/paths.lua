-- GET requests for wrk, cycling through the paths listed (one a line) in $BENCH_PATHS.
-- BENCH_UNIQUE=1 adds a never-repeated query parameter, so every request misses the page
-- cache (the cold-cache measurement); so does a path written with "#cold" at its end.
local counter = 0
local paths = {}
local unique = os.getenv("BENCH_UNIQUE") == "1"
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
  local cold = unique
  if path:sub(-5) == "#cold" then
    path = path:sub(1, -6)
    cold = true
  end
  if cold then
    local separator = path:find("?", 1, true) and "&" or "?"
    path = path .. separator .. "_cold=" .. thread_id .. "-" .. counter
  end
  return wrk.format("GET", path)
end

