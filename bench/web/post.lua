-- wrk script: many people marking tasks done at once. SESSIONS names a file of lines
-- "cookie<TAB>form" (one per signed-in person, each with a task of their own); requests go
-- round them, each with a note unique to this run ("load-<PREFIX>-<thread>-<n>"; PREFIX tells
-- apart the wrk processes of one run, one per server), so every entry the server confirmed
-- (303) can be looked for in the store afterwards.
local sessions = {}
for line in io.lines(os.getenv("SESSIONS")) do
  local cookie, form = line:match("^([^\t]+)\t(.*)$")
  if cookie then sessions[#sessions + 1] = { cookie = cookie, form = form } end
end
local prefix = os.getenv("PREFIX") or "a"
local threads = {}
local counter = 0

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  created = 0
  refused = 0
end

function request()
  counter = counter + 1
  local s = sessions[(counter % #sessions) + 1]
  return wrk.format("POST", "/done", {
    ["Cookie"] = s.cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, s.form .. "&note=load-" .. prefix .. "-" .. id .. "-" .. counter)
end

function response(status, headers, body)
  if status == 303 then created = created + 1 else refused = refused + 1 end
end

function done(summary, latency, requests)
  local c, r = 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    r = r + t:get("refused")
  end
  io.write(string.format("confirmed %d refused %d\n", c, r))
end
