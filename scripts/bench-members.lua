-- wrk: the member list as a secretary uses it, pages and Vietnamese searches in turn, from a
-- client that takes gzip (as browsers and the mobile apps do).
local queries = { "", "nguyen", "tran thi", "le van", "hoang", "pham", "thi lan", "", "minh", "vu" }
local n = 0
request = function()
  n = n + 1
  local q = queries[(n % #queries) + 1]
  local page = (n % 40) + 1
  local path = "/api/v1/members?per_page=50&page=" .. page
  if q ~= "" then path = path .. "&q=" .. q:gsub(" ", "+") end
  return wrk.format("GET", path, {
    ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN"),
    ["Accept-Encoding"] = "gzip",
  })
end
