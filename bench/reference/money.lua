-- money.lua: the host's `money` in pure Lua, for the plain-lua5.4 reference run.
--
-- An amount is a table { fen } with a shared metatable: exact integer fen, checked against the
-- host's range (±10^15 fen), compared and added like the host's C userdata; numbers mix in only
-- as whole yuan; division is refused. Same texts as the host: tostring(m) = "¥612,000.00",
-- m:yuan() = "612000.00", m:fen(), m:is_zero().
local MAX = 1000000000000000
local tointeger, mtype, format, byte = math.tointeger, math.type, string.format, string.byte
local setmetatable, getmetatable, rawequal, type, error = setmetatable, getmetatable, rawequal, type, error

local M = { __name = "money" }
local methods = {}
M.__index = methods

local function new(fen)
  if fen > MAX or fen < -MAX then error("money out of range (more than ¥10 trillion)", 3) end
  return setmetatable({ fen }, M)
end

local function is_money(v) return rawequal(getmetatable(v), M) end

-- money, or a whole number of yuan
local function operand_fen(v, what)
  if rawequal(getmetatable(v), M) then return v[1] end
  if type(v) == "number" then
    local yuan = tointeger(v)
    if yuan == nil then error(what .. ": " .. tostring(v) .. " is not a whole number of yuan", 3) end
    if yuan > MAX // 100 or yuan < -MAX // 100 then error("money out of range (more than ¥10 trillion)", 3) end
    return yuan * 100
  end
  error(what .. ": expected money or a whole number of yuan, got " .. type(v), 3)
end

local function check_money(v, what)
  if not rawequal(getmetatable(v), M) then error(what .. ": expected money, got " .. type(v), 3) end
  return v[1]
end

local function text(fen, pretty)
  local sign = ""
  if fen < 0 then sign = "-"; fen = -fen end
  local digits = tostring(fen // 100)
  if pretty and #digits > 3 then
    local head = #digits % 3
    local parts = {}
    if head > 0 then parts[1] = digits:sub(1, head) end
    for i = head + 1, #digits, 3 do parts[#parts + 1] = digits:sub(i, i + 2) end
    digits = table.concat(parts, ",")
  end
  return format("%s%s%s.%02d", sign, pretty and "¥" or "", digits, fen % 100)
end

M.__add = function(a, b) return new(check_money(a, "money + x") + check_money(b, "money + x")) end
M.__sub = function(a, b) return new(check_money(a, "money - x") - check_money(b, "money - x")) end
M.__unm = function(a) return new(-a[1]) end
M.__mul = function(a, b)
  local fen, k
  if is_money(a) then
    if is_money(b) then error("money * money has no meaning; multiply money by a whole number", 2) end
    fen, k = a[1], b
  else
    fen, k = check_money(b, "x * money"), a
  end
  local i = tointeger(k)
  if i == nil then error("money * x: x must be a whole number, got " .. type(k), 2) end
  if i ~= 0 and (fen > MAX // (i < 0 and -i or i) or fen < -MAX // (i < 0 and -i or i)) then
    error("money out of range (more than ¥10 trillion)", 2)
  end
  return new(fen * i)
end
local function refuse() error("money cannot be divided (that would need rounding); use exceeds_percent or percent_text", 2) end
M.__div, M.__idiv, M.__mod, M.__pow = refuse, refuse, refuse, refuse
M.__eq = function(a, b) return is_money(a) and is_money(b) and a[1] == b[1] end
M.__lt = function(a, b) return operand_fen(a, "comparison") < operand_fen(b, "comparison") end
M.__le = function(a, b) return operand_fen(a, "comparison") <= operand_fen(b, "comparison") end
M.__tostring = function(a) return text(check_money(a, "tostring"), true) end
M.__concat = function(a, b)
  if is_money(a) then a = text(a[1], true) end
  if is_money(b) then b = text(b[1], true) end
  return a .. b
end

function methods.fen(m) return check_money(m, "money:fen()") end
function methods.yuan(m) return text(check_money(m, "money:yuan()"), false) end
function methods.is_zero(m) return check_money(m, "money:is_zero()") == 0 end

-- "612000", "612000.5", "612,000.00", "-1.50" exactly (the host's grammar)
local function parse(s)
  local i, n = 1, #s
  while i <= n and byte(s, i) == 32 do i = i + 1 end
  while n >= i and byte(s, n) == 32 do n = n - 1 end
  local negative = false
  if i <= n and byte(s, i) == 45 then negative = true; i = i + 1 end
  local c = byte(s, i)
  if c == nil or c < 48 or c > 57 then return nil end
  local yuan, digits, group = 0, 0, -1
  while i <= n and byte(s, i) ~= 46 do
    c = byte(s, i)
    if c == 44 then
      if digits == 0 or (group >= 0 and digits ~= 3) or (group < 0 and digits > 3) then return nil end
      group, digits = 0, 0
    elseif c < 48 or c > 57 then
      return nil
    else
      yuan = yuan * 10 + (c - 48)
      if yuan > MAX // 100 then return nil end
      digits = digits + 1
    end
    i = i + 1
  end
  if group >= 0 and digits ~= 3 then return nil end
  local cents, places = 0, 0
  if i <= n then
    i = i + 1
    while i <= n do
      c = byte(s, i)
      if c < 48 or c > 57 or places == 2 then return nil end
      cents = cents * 10 + (c - 48)
      places = places + 1
      i = i + 1
    end
    if places == 0 then return nil end
    if places == 1 then cents = cents * 10 end
  end
  local fen = yuan * 100 + cents
  return negative and -fen or fen
end

local match = string.match

local function money(x)
  if type(x) == "string" then
    -- the usual forms ("612000.00", "-1.50", "500000") without the byte-by-byte walk
    local sign, whole, cents = match(x, "^(%-?)(%d+)%.(%d%d)$")
    if whole == nil then sign, whole = match(x, "^(%-?)(%d+)$"); cents = "0" end
    if whole ~= nil and #whole <= 13 then
      local fen = tointeger(whole) * 100 + tointeger(cents)
      return new(sign == "-" and -fen or fen)
    end
    local fen = parse(x)
    if fen == nil then error('money("' .. x .. '"): expected an amount in yuan with at most two decimal places', 2) end
    return new(fen)
  end
  return new(operand_fen(x, "money()"))
end

return { money = money, is_money = is_money }
