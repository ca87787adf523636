-- run.lua: the reference for the policy work — the plain lua5.4 interpreter running the SHIPPED
-- policy (driver.lua + rules/*.lua) over request tables already built in Lua.
--
--   lua5.4 bench/reference/run.lua --rules rules --driver Sources/PolicyEngine/Lua/driver.lua \
--       --requests FILE [--batch 100] [--seconds 0.5] [--samples 400] [--once 1]
--
-- FILE is a Lua chunk (written by signoff-bench) returning { { label =, requests = { ... } }, ... }
-- with `money(...)` in scope. It gives scripts what the host gives them: `money`/`is_money`
-- (bench/reference/money.lua, pure Lua), `caller_location(level)` (debug.getinfo), a `require`
-- that compiles rules/<name>.lua once and runs it once per evaluation in that evaluation's _ENV,
-- a `pairs` in sorted order, and the safe standard library. The driver is installed once (its
-- helpers join the base); each evaluation calls its entry in a fresh environment,
-- setmetatable({ request = r }, { __index = base }), as the host does. Timing: os.clock over batches of --batch evaluations cycling through a label's requests;
-- per label it prints the median and p99 of the per-evaluation mean of each batch, and what the
-- decisions contained (for checking against the host), tab-separated:
--   label  median_us  p99_us  samples  batch  deviations  blocks  escalations  steps  failures
local here = arg[0]:match("^(.*)/[^/]*$") or "."
local M = dofile(here .. "/money.lua")
local money, is_money = M.money, M.is_money

local options = { rules = "rules", driver = "Sources/PolicyEngine/Lua/driver.lua", batch = "100",
                  seconds = "0.5", samples = "400" }
do
  local i = 1
  while i <= #arg do
    local key = arg[i]:match("^%-%-(.+)$")
    if key == nil or arg[i + 1] == nil then io.stderr:write("usage: see the header of run.lua\n"); os.exit(2) end
    options[key] = arg[i + 1]
    i = i + 2
  end
end
if options.requests == nil then io.stderr:write("--requests FILE is required\n"); os.exit(2) end

local function read(path)
  local f = assert(io.open(path, "rb"))
  local text = f:read("a")
  f:close()
  return text
end

---------------------------------------------------------------------------------------------
-- What the host puts in every evaluation's environment

local getinfo, setupvalue = debug.getinfo, debug.setupvalue

local RANK = { number = 1, string = 2, boolean = 3 }
local function key_before(a, b)
  local ta, tb = type(a), type(b)
  if ta == tb then
    if ta == "number" or ta == "string" then return a < b end
    if ta == "boolean" then return (not a) and b end
    return false
  end
  return (RANK[ta] or 4) < (RANK[tb] or 4)
end

-- pairs in a deterministic order: numbers ascending, then strings bytewise, then booleans
-- (keys of one type, the usual case, sort with the built-in comparison)
local function sorted_pairs(t)
  local keys, n, mixed = {}, 0, false
  local first = nil
  for k in next, t do
    n = n + 1
    keys[n] = k
    local tk = type(k)
    if first == nil then first = tk elseif tk ~= first then mixed = true end
  end
  if n > 1 then
    if mixed or (first ~= "string" and first ~= "number") then table.sort(keys, key_before) else table.sort(keys) end
  end
  local i = 0
  return function()
    i = i + 1
    local k = keys[i]
    if k ~= nil then return k, t[k] end
  end, t, nil
end

-- "contract.lua:42" for the Lua function `level` frames up (1 = the caller), or nil; with
-- `skipping` (a chunk name), the nearest frame from there up that is not in that chunk, and its
-- level — the host's caller_location, in the same number of frames walked
local function caller_location(level, skipping)
  level = level or 1
  if level < 0 then return nil end
  if skipping == nil then
    local info = getinfo(level + 1, "Sl")
    if info == nil or info.currentline <= 0 then return nil end
    return info.short_src .. ":" .. info.currentline
  end
  local at = level
  while true do
    local info = getinfo(at + 1, "Sl")
    if info == nil then return nil end
    if info.currentline > 0 and info.short_src ~= skipping then
      return info.short_src .. ":" .. info.currentline, at
    end
    at = at + 1
  end
end

local safe_math = {}
for k, v in pairs(math) do if k ~= "random" and k ~= "randomseed" then safe_math[k] = v end end
local safe_string = {}
for k, v in pairs(string) do if k ~= "dump" then safe_string[k] = v end end

local CURRENT_ENV, LOADED = nil, nil
local LOADING = {}
local MODULES = {}

local function require_module(name)
  local value = LOADED[name]
  if value ~= nil then
    if value == LOADING then error("require: module '" .. name .. "' requires itself (a cycle)", 2) end
    return value
  end
  local f = MODULES[name]
  if f == nil then
    if type(name) ~= "string" or not name:match("^[%w_]+$") then error("require: invalid module name", 2) end
    f = assert(load(read(options.rules .. "/" .. name .. ".lua"), "@" .. name .. ".lua", "t", {}))
    MODULES[name] = f
  end
  setupvalue(f, 1, CURRENT_ENV)
  LOADED[name] = LOADING
  value = f(name)
  if value == nil then value = true end
  LOADED[name] = value
  return value
end

local base = {
  string = safe_string, table = table, math = safe_math, utf8 = utf8,
  assert = assert, error = error, getmetatable = getmetatable, ipairs = ipairs, next = next,
  pcall = pcall, rawequal = rawequal, rawget = rawget, rawlen = rawlen, select = select,
  setmetatable = setmetatable, tonumber = tonumber, tostring = tostring, type = type, xpcall = xpcall,
  print = function() end, pairs = sorted_pairs,
  money = money, is_money = is_money, require = require_module, caller_location = caller_location,
}
local ENV_MT = { __index = base }

-- The driver is installed once, as the host's LuaState.install does: it runs in a table of its
-- own, and the globals it defines join the base every evaluation reads through.
local decide
do
  local driver = assert(load(read(options.driver), "@driver.lua", "t", {}))
  local own = setmetatable({}, { __index = base })
  setupvalue(driver, 1, own)
  driver()
  local merged = {}
  for k, v in next, base do merged[k] = v end
  for k, v in next, own do merged[k] = v end
  ENV_MT.__index = merged
  setmetatable(own, { __index = merged, __newindex = function() error("installed functions cannot set globals") end })
  decide = merged.__signoff_decide
end

-- one evaluation, as the host runs it: fresh _ENV, fresh module table, the installed driver's entry
local function evaluate(request)
  local env = setmetatable({ request = request }, ENV_MT)
  env._G = env
  CURRENT_ENV, LOADED = env, {}
  return pcall(decide, request)
end

---------------------------------------------------------------------------------------------
-- The requests, built once

local groups = assert(load(read(options.requests), "@requests", "t", { money = money }))()
local batch, seconds, max_samples = tonumber(options.batch), tonumber(options.seconds), tonumber(options.samples)

-- --once 1: decide the first request of each group once (a process from start to exit)
if options.once then
  for _, group in ipairs(groups) do
    local ok, d = evaluate(group.requests[1])
    if not ok then io.stderr:write(tostring(d), "\n"); os.exit(1) end
    print(group.label, #d.steps, #d.deviations, #d.blocks, #d.escalations)
  end
  return
end

for _, group in ipairs(groups) do
  local requests = group.requests
  local n = #requests
  -- what the decisions hold (and a warm-up)
  local deviations, blocks, escalations, steps, failures = 0, 0, 0, 0, 0
  for _, r in ipairs(requests) do
    local ok, d = evaluate(r)
    if ok and type(d) == "table" then
      deviations = deviations + #d.deviations
      blocks = blocks + #d.blocks
      escalations = escalations + #d.escalations
      steps = steps + #d.steps
    else
      failures = failures + 1
      if failures == 1 then io.stderr:write(group.label, ": ", tostring(d), "\n") end
    end
  end
  for i = 1, math.max(batch * 5, n * 2) do evaluate(requests[(i - 1) % n + 1]) end

  local samples, spent, next_index = {}, 0, 0
  while #samples < max_samples and (spent < seconds or #samples < 20) do
    local start = os.clock()
    for _ = 1, batch do
      next_index = next_index % n + 1
      evaluate(requests[next_index])
    end
    local elapsed = os.clock() - start
    spent = spent + elapsed
    samples[#samples + 1] = elapsed * 1e6 / batch
  end
  table.sort(samples)
  local median = samples[#samples // 2 + 1]
  local p99 = samples[math.min(#samples, math.ceil(#samples * 0.99))]
  print(string.format("%s\t%.3f\t%.3f\t%d\t%d\t%d\t%d\t%d\t%d\t%d", group.label, median, p99, #samples, batch,
                      deviations, blocks, escalations, steps, failures))
end
