-- wrk script: many people marking tasks done at once, or reading their pages.
-- Writers: SESSIONS names a file of lines "cookie<TAB>form" (one per signed-in person, each
-- with a task of their own); requests go round them, each with a note unique to this run
-- ("load-<PREFIX>-<thread>-<n>"; NOTE_PREFIX instead of "load" when set; PREFIX, "a" unless
-- set, tells apart the wrk processes of one run, one per server), so every entry the server
-- confirmed (303) can be looked for in the store afterwards. Each request also sends its own
-- one-time form key ("submission", as the page's hidden field would), made from its note, so
-- the store keeps each entry's key too and a request sent twice could be recorded only once.
-- Readers: PAGES instead names a file of lines "cookie<TAB>path" (/, /my or a /task); the
-- requests GET them in turn, and any answer but 200 is counted.
local reading = os.getenv("PAGES") ~= nil
local sessions = {}
for line in io.lines(os.getenv("PAGES") or os.getenv("SESSIONS")) do
  local cookie, form = line:match("^([^\t]+)\t(.*)$")
  if cookie then sessions[#sessions + 1] = { cookie = cookie, form = form } end
end
local prefix = os.getenv("PREFIX") or "a"
local threads = {}
local counter = 0
local note = os.getenv("NOTE_PREFIX") or "load"

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
  if reading then return wrk.format("GET", s.form, { ["Cookie"] = s.cookie }) end
  local n = note .. "-" .. prefix .. "-" .. id .. "-" .. counter
  return wrk.format("POST", "/done", {
    ["Cookie"] = s.cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, s.form .. "&note=" .. n .. "&submission=bench-key-" .. n)
end

function response(status, headers, body)
  if status == (reading and 200 or 303) then created = created + 1 else refused = refused + 1 end
end

function done(summary, latency, requests)
  local c, r = 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    r = r + t:get("refused")
  end
  io.write(string.format(reading and "answered %d not 200: %d\n" or "confirmed %d refused %d\n", c, r))
end
