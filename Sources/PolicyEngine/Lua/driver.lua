-- driver.lua: the policy helpers of docs/policy-api.md, installed once per Lua state
-- (LuaState.install): the globals defined here join the sandbox's base, so every evaluation sees
-- them without defining them again. Each evaluation then runs, in a fresh _ENV holding `request`,
--   return __signoff_decide(request)
-- which starts an empty decision, runs rules/<request.kind>.lua, and returns the decision table
-- the host reads back:
--   { stages = {...}, steps = {...}, escalations = {...}, deviations = {...}, blocks = {...} }
-- Steps are kept in call order and are NOT merged here (the host merges them).
-- Every helper checks its arguments and raises fail(msg) so the message points at the script
-- line that made the mistake. Only plain string functions are used (no patterns).
-- The decision being built lives in the upvalues `decision` and `declared`, which
-- __signoff_decide resets first, so nothing carries over from one evaluation to the next.

local ROLES = {}
for _, r in ipairs { "salesperson", "branch_clerk", "branch_manager", "sales_clerk",
                     "sales_manager", "leadership", "technical", "procurement", "finance",
                     "warehouse", "customer" } do ROLES[r] = true end

local ACTIONS = { approve = true, review = true, perform = true, sign = true, file = true }

local decision = nil            -- the decision being built (see __signoff_decide)
local declared = nil            -- set of stage names once stages{} has been called

---------------------------------------------------------------------------------------------
-- Values

-- money values come from the host's money() and are recognised by its is_money()
local is_money = is_money

local function is_integer(v) return math.type(v) == "integer" end

-- a fact, quoted or actual value: money, integer, string or boolean (never a float)
local function is_scalar(v)
  local t = type(v)
  return t == "string" or t == "boolean" or is_integer(v) or is_money(v)
end

local function describe(v)
  if math.type(v) == "float" then return "float " .. tostring(v) end
  return type(v)
end

---------------------------------------------------------------------------------------------
-- Where the script called us: the first stack frame that is not inside this driver.
-- (If approve() calls add_step(), the location is still the script's line.)

local function strip_line(loc)              -- "driver.lua:42" -> "driver.lua"
  local i = #loc
  while i > 0 and string.byte(loc, i) >= 48 and string.byte(loc, i) <= 57 do i = i - 1 end
  return string.sub(loc, 1, i - 1)
end

local SELF = strip_line(caller_location(1))  -- this chunk's own name, e.g. "driver.lua"

-- location of the nearest script frame, and its level as seen from the function calling us
-- (caller_location skips this driver's frames itself: one call, not one per frame)
local function script_frame()
  local loc, level = caller_location(2, SELF)   -- 1 is script_frame itself
  if loc == nil then return "?", 1 end
  return loc, level - 1
end

-- raise an error that points at the script line which called the helper
local function fail(msg)
  local _, level = script_frame()
  error(msg, level)
end

---------------------------------------------------------------------------------------------
-- Argument checks

local function check_string(what, v)
  if type(v) ~= "string" or v == "" then fail(what .. " must be a non-empty string, got " .. describe(v)) end
end

local function check_role(what, role)
  if type(role) ~= "string" or not ROLES[role] then
    fail(what .. ": unknown role " .. tostring(role))
  end
end

local function check_stage(stage)
  if declared == nil then fail("declare the stages first: stages { ... }") end
  if type(stage) ~= "string" or not declared[stage] then
    fail("unknown stage " .. tostring(stage) .. " (not declared in stages{})")
  end
end

-- The checks below walk tables with `next` (no allocation) and, only when something is wrong,
-- walk them again with the sandbox's sorted `pairs`, so the error reported is always the same
-- one whatever order the table happens to be stored in.

local function check_facts_slowly(facts)
  for k, v in pairs(facts) do
    if type(k) ~= "string" then fail("facts keys must be names, got " .. describe(k)) end
    if not is_scalar(v) then
      fail("fact " .. k .. " must be money, integer, string or boolean, got " .. describe(v))
    end
  end
end

local function check_facts(facts)
  if facts == nil then return {} end
  if type(facts) ~= "table" or is_money(facts) then fail("facts must be a table, got " .. describe(facts)) end
  local copy = {}
  local k, v = next(facts)
  while k ~= nil do
    if type(k) ~= "string" or not is_scalar(v) then check_facts_slowly(facts) end
    copy[k] = v
    k, v = next(facts, k)
  end
  return copy
end

local function check_due(due)
  if type(due) ~= "table" then fail("options.due must be { days = n } or { hours = n }") end
  local n = 0
  for k, v in pairs(due) do
    if (k ~= "days" and k ~= "hours") or not is_integer(v) or v < 0 then
      fail("options.due must be { days = n } or { hours = n } with a whole n >= 0")
    end
    n = n + 1
  end
  if n ~= 1 then fail("options.due must have exactly one of days, hours") end
  return { days = due.days, hours = due.hours }
end

local function check_options_slowly(options)
  local o = {}
  for k, v in pairs(options) do
    if k == "task" or k == "user" then
      check_string("options." .. k, v); o[k] = v
    elseif k == "scope" then
      if v ~= "branch" then fail("options.scope must be \"branch\"") end
      o.scope = v
    elseif k == "due" then
      o.due = check_due(v)
    elseif k == "on_overdue" then
      if v == "remind" then
        o.on_overdue = v
      elseif type(v) == "table" and ROLES[v.escalate_to] and next(v, next(v)) == nil then
        o.on_overdue = { escalate_to = v.escalate_to }
      else
        fail("options.on_overdue must be \"remind\" or { escalate_to = role }")
      end
    else
      fail("unknown option " .. tostring(k))
    end
  end
  return o
end

local function check_options(options)
  if options == nil then return {} end
  if type(options) ~= "table" then fail("options must be a table, got " .. describe(options)) end
  local o = {}
  local k, v = next(options)
  while k ~= nil do
    if (k == "task" or k == "user") and type(v) == "string" and v ~= "" then
      o[k] = v
    elseif k == "scope" and v == "branch" then
      o.scope = v
    elseif k == "on_overdue" and v == "remind" then
      o.on_overdue = v
    elseif k == "due" and type(v) == "table" and next(v, next(v)) == nil
           and (is_integer(v.days) and v.days >= 0 or is_integer(v.hours) and v.hours >= 0) then
      o.due = { days = v.days, hours = v.hours }
    elseif k == "on_overdue" and type(v) == "table" and ROLES[v.escalate_to] and next(v, next(v)) == nil then
      o.on_overdue = { escalate_to = v.escalate_to }
    else
      return check_options_slowly(options)   -- every mistake, reported in sorted order
    end
    k, v = next(options, k)
  end
  return o
end

---------------------------------------------------------------------------------------------
-- Decision builders (docs/policy-api.md, "Helpers")

function stages(list)
  if declared ~= nil then fail("stages{} may be declared only once") end
  if type(list) ~= "table" or #list == 0 then fail("stages{} needs a list of stage names") end
  declared = {}
  for i, name in ipairs(list) do
    if type(name) ~= "string" or name == "" then fail("stage " .. i .. " must be a name") end
    if declared[name] then fail("stage " .. name .. " declared twice") end
    declared[name] = true
    decision.stages[i] = name
  end
end

-- the one place a step is built; `at` comes from the public helper's caller
local function add_step(stage, role, action, code, facts, options)
  check_stage(stage)
  check_role("step", role)
  if not ACTIONS[action] then fail("unknown action " .. tostring(action)) end
  check_string("code", code)
  if role == "customer" and action ~= "sign" then fail("the customer only signs, never " .. action) end
  local o = check_options(options)
  if action == "perform" and o.task == nil then fail("a perform step needs a task") end
  local s = { stage = stage, role = role, action = action, code = code, facts = check_facts(facts),
              task = o.task, scope = o.scope, user = o.user, due = o.due,
              on_overdue = o.on_overdue, at = (script_frame()) }
  decision.steps[#decision.steps + 1] = s
end

function step(stage, role, action, code, facts, options)
  add_step(stage, role, action, code, facts, options)
end

function approve(stage, role, code, facts, options) add_step(stage, role, "approve", code, facts, options) end
function review(stage, role, code, facts, options)  add_step(stage, role, "review", code, facts, options) end
function sign(stage, role, code, facts, options)    add_step(stage, role, "sign", code, facts, options) end

function perform(stage, role, task, code, facts, options)
  if type(task) ~= "string" or task == "" then fail("perform needs a task name, got " .. describe(task)) end
  if options ~= nil and type(options) ~= "table" then fail("options must be a table") end
  local o = {}
  local k, v = next(options or o)
  while k ~= nil do o[k] = v; k, v = next(options, k) end
  o.task = task
  add_step(stage, role, "perform", code, facts, o)
end

-- records why a higher role is needed AND adds its approve step
function escalate(stage, role, code, facts)
  add_step(stage, role, "approve", code, facts, nil)      -- checks stage, role, code, facts
  local s = decision.steps[#decision.steps]
  decision.escalations[#decision.escalations + 1] = { role = role, code = code, facts = s.facts, at = s.at }
end

local DEVIATION_FIELDS = { field = true, quoted = true, actual = true, needs = true, code = true, facts = true }

function deviation(d)
  if type(d) ~= "table" then fail("deviation{} needs a table") end
  local k = next(d)
  while k ~= nil do
    if not DEVIATION_FIELDS[k] then
      for name in pairs(d) do   -- again in sorted order, so the field reported is always the same
        if not DEVIATION_FIELDS[name] then fail("deviation{}: unknown field " .. tostring(name)) end
      end
    end
    k = next(d, k)
  end
  check_string("deviation field", d.field)
  check_string("deviation code", d.code)
  check_role("deviation needs", d.needs)
  -- quoted or actual may be nil: a line added to, or missing from, the contract
  if d.quoted ~= nil and not is_scalar(d.quoted) then fail("deviation quoted: bad value " .. describe(d.quoted)) end
  if d.actual ~= nil and not is_scalar(d.actual) then fail("deviation actual: bad value " .. describe(d.actual)) end
  decision.deviations[#decision.deviations + 1] = {
    field = d.field, quoted = d.quoted, actual = d.actual, needs = d.needs, code = d.code,
    facts = check_facts(d.facts), at = (script_frame()) }
end

function block(code, facts)
  check_string("code", code)
  decision.blocks[#decision.blocks + 1] = { code = code, facts = check_facts(facts), at = (script_frame()) }
end

---------------------------------------------------------------------------------------------
-- Exact arithmetic for scripts: integers only (fen and basis points), never floats.

-- the value in fen (money) or as is (integer); `in_fen` says whether integers are yuan
local function units(v, in_fen, what)
  if is_money(v) then return v:fen() end
  if is_integer(v) then return in_fen and v * 100 or v end
  fail(what .. " must be money or an integer, got " .. describe(v))
end

-- 5 -> 500, 5.5 -> 550, "5.01" -> 501 (percent to basis points; at most two decimals)
function basis_points(pct)
  if is_integer(pct) then return pct * 100 end
  local text = pct
  if math.type(pct) == "float" then text = string.format("%.2f", pct) end
  if type(text) ~= "string" then fail("a percentage must be a number or text, got " .. describe(pct)) end
  local whole, frac, places, seen_dot, sign, digits = 0, 0, 0, false, 1, 0
  for i = 1, #text do
    local c = string.byte(text, i)
    if i == 1 and c == 45 then sign = -1                          -- "-"
    elseif c == 46 and not seen_dot then seen_dot = true          -- "."
    elseif c >= 48 and c <= 57 then
      digits = digits + 1
      if seen_dot then
        places = places + 1
        if places > 2 then fail("percentage " .. text .. " has more than two decimals") end
        frac = frac * 10 + (c - 48)
      else
        whole = whole * 10 + (c - 48)
      end
    else
      fail("not a percentage: " .. text)
    end
  end
  if digits == 0 then fail("not a percentage: \"" .. text .. "\"") end
  if places == 1 then frac = frac * 10 end
  return sign * (whole * 100 + frac)
end

-- part / whole > pct %, exactly: part*10000 > whole*bp
function exceeds_percent(part, whole, pct)
  local mixed = is_money(part) or is_money(whole)
  return units(part, mixed, "part") * 10000 > units(whole, mixed, "whole") * basis_points(pct)
end

-- part / whole as text "5.01%", rounded half up (away from zero)
function percent_text(part, whole)
  local mixed = is_money(part) or is_money(whole)
  local p, w = units(part, mixed, "part"), units(whole, mixed, "whole")
  if w == 0 then return "—" end
  local sign = ""
  if (p < 0) ~= (w < 0) and p ~= 0 then sign = "-" end
  p, w = math.abs(p), math.abs(w)
  local bp = (2 * p * 10000 + w) // (2 * w)                   -- basis points, half up
  return string.format("%s%d.%02d%%", sign, bp // 100, bp % 100)
end

-- money from a whole number of fen
local function from_fen(f)
  local sign = f < 0 and "-" or ""
  f = math.abs(f)
  return money(string.format("%s%d.%02d", sign, f // 100, f % 100))
end

-- pct % of an amount, rounded half up to the fen
function percent_of(amount, pct)
  local f = units(amount, true, "amount") * basis_points(pct)
  local sign = f < 0 and -1 or 1
  return from_fen(sign * ((math.abs(f) + 5000) // 10000))
end

-- exact money sum of a list, of f(item) when f is given
function sum(list, f)
  local total = money(0)
  for _, item in ipairs(list or {}) do
    local v = item
    if f ~= nil then v = f(item) end
    if is_integer(v) then v = money(v) end
    if not is_money(v) then fail("sum: not money: " .. describe(v)) end
    total = total + v
  end
  return total
end

---------------------------------------------------------------------------------------------
-- Comparing a document with the one it came from

-- a key that is not a name, found again in sorted order so the one reported is always the same
local function refuse_unnamed_keys(quoted, actual)
  for _, t in ipairs { quoted, actual } do
    for k in pairs(t) do
      if type(k) ~= "string" then fail("differences: keys must be names, got " .. describe(k)) end
    end
  end
end

-- adds { name, quoted, actual } to `found` (made on first use) when the values differ as text
local function note_difference(found, name, was, now, quoted, actual)
  if type(name) ~= "string" then refuse_unnamed_keys(quoted, actual) end
  if was ~= nil then was = tostring(was) end
  if now ~= nil then now = tostring(now) end
  if was == now then return found end
  found = found or {}
  found[#found + 1] = { name = name, quoted = was, actual = now }
  return found
end

local function by_name(a, b) return a.name < b.name end

local NONE = {}   -- stands for a missing table; differences() only reads it

-- The names whose values differ between two tables (e.g. a quoted and a contracted line's
-- technical parameters), as a list sorted by name of { name =, quoted =, actual = }: values as
-- text (tostring), nil where a side does not have the name. nil tables count as empty. The
-- usual case, nothing changed, costs one pass and no sorting.
function differences(quoted, actual)
  quoted, actual = quoted or NONE, actual or NONE
  if type(quoted) ~= "table" or type(actual) ~= "table" then
    fail("differences needs two tables, got " .. describe(quoted) .. " and " .. describe(actual))
  end
  local found = nil
  local k, v = next(quoted)
  while k ~= nil do
    local w = actual[k]
    if w ~= v then found = note_difference(found, k, v, w, quoted, actual) end
    k, v = next(quoted, k)
  end
  k, v = next(actual)
  while k ~= nil do
    if quoted[k] == nil then found = note_difference(found, k, nil, v, quoted, actual) end
    k, v = next(actual, k)
  end
  if found == nil then return {} end
  if #found > 1 then table.sort(found, by_name) end
  return found
end

---------------------------------------------------------------------------------------------
-- The entry point the host calls once per evaluation.

-- One evaluation: an empty decision, the kind's script, the decision handed back.
function __signoff_decide(request)
  if type(request) ~= "table" or type(request.kind) ~= "string" then error("request.kind is missing") end
  decision = { stages = {}, steps = {}, escalations = {}, deviations = {}, blocks = {} }
  declared = nil
  require(request.kind)
  return decision
end
