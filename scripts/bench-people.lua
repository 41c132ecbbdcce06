-- wrk (issue #18): the member list as a province uses it — 390 people (scripts/bench-people.py),
-- each with their own token, listing and searching names in their own scope, from clients that
-- take gzip. BENCH_MODE=mix: each person repeats a few searches of their own (the deadline
-- week); BENCH_MODE=distinct: no request repeats (person × search × page).
local terms = { "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang",
  "bui", "do", "ho", "ngo", "duong", "ly", "an", "binh", "chi", "dung", "hoa", "lan", "minh",
  "nam", "phuong", "quang", "son", "thanh", "trang", "tuan", "van", "thi", "ha", "hung", "linh",
  "mai", "ngoc", "thu", "xuan", "yen" }
local next_id = 0
function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
end

local tokens = {}
local mode = os.getenv("BENCH_MODE") or "mix"
local n = 0
function init(args)
  for line in io.lines(os.getenv("BENCH_TOKENS")) do
    if line ~= "" then tokens[#tokens + 1] = line end
  end
  -- The threads interleave one sequence (thread k sends k, k + T, k + 2T …): no request is
  -- sent twice, and the sequence stays short (a person's first pages, as people read them).
  n = (wrk.thread:get("id") or 1) - 1
  step = tonumber(os.getenv("BENCH_THREADS") or "2")
end

local function path_for(i)
  local people = #tokens
  local person = i % people
  local j = math.floor(i / people)
  local q, page
  if mode == "distinct" then
    -- Every request its own: one name, or two, and a page; a person's scope holds few pages.
    local nt = #terms
    if j % 2 == 0 then
      q = terms[(math.floor(j / 2) % nt) + 1]
      page = 1 + math.floor(j / (2 * nt))
    else
      local k = math.floor(j / 2)
      q = terms[(k % nt) + 1] .. "+" .. terms[(math.floor(k / nt) % nt) + 1]
      page = 1 + math.floor(k / (nt * nt))
    end
  else
    -- The deadline week: each person's own four searches and the list itself, pages 1–2.
    local habit = j % 5
    if habit == 4 then q = "" else q = terms[((person * 3 + habit) % #terms) + 1] end
    page = 1 + (math.floor(j / 5) % 2)
  end
  local p = "/api/v1/members?per_page=50&page=" .. page
  if q ~= "" then p = p .. "&q=" .. q end
  return tokens[person + 1], p
end

request = function()
  n = n + step
  local token, p = path_for(n)
  return wrk.format("GET", p, {
    ["Authorization"] = "Bearer " .. token,
    ["Accept-Encoding"] = "gzip",
  })
end
