-- 公共规则 / Business helpers shared by the kind scripts.
-- Load with:  local common = require "common"
-- All money arithmetic is exact (integer fen); percentages are compared in basis points.

local threshold = require "thresholds"

local common = {}

-- basis points as text: 1000 -> "10%", 501 -> "5.01%", -250 -> "-2.50%"
local function bp_text(bp)
  local sign = bp < 0 and "-" or ""
  bp = math.abs(bp)
  if bp % 100 == 0 then return string.format("%s%d%%", sign, bp // 100) end
  return string.format("%s%d.%02d%%", sign, bp // 100, bp % 100)
end

-- "10%" for a percentage from thresholds.lua (facts carry no floats)
function common.percent_label(pct)
  return bp_text(basis_points(pct))
end

-- A percentage that decided a rule is printed rounded AWAY from its threshold, so a message
-- never reads "10.00% 低于 10%" or "5.00% 超过 5%":
--   percent_down: rounded down (a margin just under 10% prints 9.99%)
--   percent_up:   rounded up   (a price cut just over 5% prints 5.01%)
function common.percent_down(part, whole)
  local p, w = part:fen(), whole:fen()
  if w <= 0 then return "—" end
  return bp_text((p * 10000) // w)
end

function common.percent_up(part, whole)
  local p, w = part:fen(), whole:fen()
  if w <= 0 then return "—" end
  return bp_text(-((-p * 10000) // w))
end

-- 客户是否有逾期应收款 (overdue receivables above the tolerance, default ¥0.00)
function common.has_overdue(customer)
  return customer.overdue > threshold.overdue_tolerance
end

-- 提交人本人（当他具有该角色时）: options that send a step to the submitter
function common.the_submitter_as(role)
  for _, r in ipairs(request.submitted_by.roles or {}) do
    if r == role then return { user = request.submitted_by.id } end
  end
  return nil
end

---------------------------------------------------------------------------------------------
-- 毛利率 (gross margin)

-- gross margin (amount − cost) / amount is below pct %  — exact: (a − c)·10000 < a·bp
function common.margin_below(amount, cost, pct)
  local a, c = amount:fen(), cost:fen()
  if a <= 0 then return c > 0 end
  return (a - c) * 10000 < a * basis_points(pct)
end

function common.margin_text(amount, cost)
  return common.percent_down(amount - cost, amount)
end

---------------------------------------------------------------------------------------------
-- 重大比价、投标、合同 (2.1, 2.5, 3.2): the reasons a tender, quote or contract is major.
-- Returns a list of { code = "<kind>.major_amount" | "<kind>.major_government" |
-- "<kind>.major_margin", facts = {...} }; an empty list when it is not major.
-- A tender document has estimated_amount / estimated_cost / source; a quote or contract
-- has amount / cost / tender_source.
function common.is_major(doc, customer)
  local kind = request.kind
  local amount = doc.amount or doc.estimated_amount
  local cost = doc.cost
  if kind == "tender" then cost = doc.estimated_cost end
  local source = doc.source or doc.tender_source
  local reasons = {}

  -- amount ≥ ¥500,000
  if amount >= threshold.major_amount then
    reasons[#reasons + 1] = { code = kind .. ".major_amount",
      facts = { amount = amount, threshold = threshold.major_amount } }
  end

  -- 政府农业管理部门统采: a government central-procurement tender (and, when the administrator
  -- turns it on in thresholds.lua, anything sold to a government buyer)
  if source == "government_procurement"
     or (threshold.government_customer_is_major and customer.government) then
    reasons[#reasons + 1] = { code = kind .. ".major_government",
      facts = { customer = customer.name, source = source or "government_customer" } }
  end

  -- gross margin below 10% (only when a cost is known)
  if cost ~= nil and common.margin_below(amount, cost, threshold.major_margin_below_percent) then
    reasons[#reasons + 1] = { code = kind .. ".major_margin",
      facts = { amount = amount, cost = cost, margin = common.margin_text(amount, cost),
                threshold = common.percent_label(threshold.major_margin_below_percent) } }
  end
  return reasons
end

---------------------------------------------------------------------------------------------
-- 产品 (a document line and its product)

-- 疑难产品 (2.3): the product is marked difficult
function common.is_difficult(line)
  return line.product ~= nil and line.product.difficult == true
end

-- 标准规格: no spec given (the product's own), or one of the product's standard specs
function common.is_standard_spec(line)
  if line.spec == nil or line.spec == "" then return true end
  for _, spec in ipairs((line.product and line.product.standard_specs) or {}) do
    if spec == line.spec then return true end
  end
  return false
end

-- 技术部协助 (2.3): a difficult product or a non-standard spec
function common.needs_technical(line)
  return common.is_difficult(line) or not common.is_standard_spec(line)
end

-- 采购部调研 (2.4): a key product (重点产品)
function common.needs_procurement(line)
  return line.product ~= nil and line.product.key == true
end

-- the facts that name a line in a message
function common.about(line)
  return { sku = line.sku, product = line.name or line.sku, spec = line.spec or "",
           quantity = line.quantity }
end

---------------------------------------------------------------------------------------------
-- 合同执行情况 (what has happened against a contract)

-- the contract's lines for a sku (normally one)
local function lines_for(contract, sku)
  local found = {}
  for _, line in ipairs(contract.document.lines or {}) do
    if line.sku == sku then found[#found + 1] = line end
  end
  return found
end

-- the contract line for a sku, or nil when the contract does not have that product
function common.contract_line(contract, sku)
  return lines_for(contract, sku)[1]
end

-- 合同数量 (ordered quantity of a sku)
function common.ordered(contract, sku)
  local n = 0
  for _, line in ipairs(lines_for(contract, sku)) do n = n + line.quantity end
  return n
end

function common.shipped(contract, sku)  return (contract.shipped or {})[sku] or 0 end
function common.returned(contract, sku) return (contract.returned or {})[sku] or 0 end

-- 未发货数量 = ordered − shipped
function common.unshipped(contract, sku)
  return common.ordered(contract, sku) - common.shipped(contract, sku)
end

-- 可退数量 = shipped − returned
function common.returnable(contract, sku)
  return common.shipped(contract, sku) - common.returned(contract, sku)
end

-- 未回款金额 = contract amount − collected
function common.outstanding(contract)
  return contract.document.amount - (contract.collected or money(0))
end

-- 未开票金额 = contract amount − invoiced
function common.uninvoiced(contract)
  return contract.document.amount - (contract.invoiced or money(0))
end

return common
