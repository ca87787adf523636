-- 3、商务谈判与签订合同的流程 — a sales contract, or an order without a formal contract.
local common = require "common"
local threshold = require "thresholds"

local contract = request.document
local customer = request.customer
local channel = contract.channel or "formal"     -- formal, phone, fax, informal

---------------------------------------------------------------------------------------------
-- 3.5（后段）因客户原因无法签订正式《销售合同》或客户电话/传真通知订货的，
--      必须由销售部经理（必要时向公司领导请示）确认后方可执行
if channel ~= "formal" then
  stages { "sales", "leadership", "record" }

  approve("sales", "sales_manager", "phone_order.confirm",
          { channel = channel, amount = contract.amount })

  -- 必要时向公司领导请示: amount ≥ ¥200,000
  if contract.amount >= threshold.phone_order_leadership_amount then
    escalate("leadership", "leadership", "phone_order.leadership_amount",
             { amount = contract.amount, threshold = threshold.phone_order_leadership_amount })
  end
  -- 必要时向公司领导请示: the customer has overdue receivables
  if common.has_overdue(customer) then
    escalate("leadership", "leadership", "phone_order.leadership_overdue",
             { customer = customer.name, overdue = customer.overdue })
  end

  -- 确认后方可执行：销售内勤登记订单
  perform("record", "sales_clerk", "record_order", "phone_order.record",
          { channel = channel, amount = contract.amount })
  return
end

---------------------------------------------------------------------------------------------
-- 正式合同 (formal contract)
stages { "sales", "leadership", "customer", "file" }

local major = common.is_major(contract, customer)

-- 3.2 谈判中及时向销售部经理通报；3.4 销售部经理将所有问题确认后方可签订销售合同
approve("sales", "sales_manager", "contract.review", { amount = contract.amount })

-- 3.2 重大合同需向公司领导请示 (amount ≥ ¥500,000, government procurement, margin < 10%)
for _, why in ipairs(major) do
  escalate("leadership", "leadership", why.code, why.facts)
end

-- who re-confirms a deviation (3.3): the sales manager; leadership when the contract is
-- major or the deviation itself needs leadership
local function needs(leadership_needed)
  if leadership_needed or #major > 0 then return "leadership" end
  return "sales_manager"
end

local function field(sku, name)
  if name == nil then return "lines[" .. sku .. "]" end
  return "lines[" .. sku .. "]." .. name
end

local function describe(line)
  return line.name .. " " .. (line.spec or "") .. " × " .. line.quantity
end

if request.quote == nil then
  -- 3.3 没有可对照的原报价：所有条款都视为未经确认，由销售部经理逐条确认
  approve("sales", "sales_manager", "contract.no_quote", { amount = contract.amount })
else
  local quote = request.quote.document
  local quote_id = request.quote.id or ""
  local count = 0

  -- 3.3 与原报价或投标文件发生偏离的任何技术和商务条款需经销售部经理或公司领导再次确认
  -- Lines are matched by sku.
  local quoted_line = {}
  for _, line in ipairs(quote.lines or {}) do
    if quoted_line[line.sku] == nil then quoted_line[line.sku] = line end
  end
  local in_contract = {}

  for _, c in ipairs(contract.lines or {}) do
    local q = quoted_line[c.sku]
    in_contract[c.sku] = true
    if q == nil then
      -- 3.3 合同新增了报价中没有的产品
      count = count + 1
      deviation { field = field(c.sku), quoted = nil, actual = describe(c), needs = needs(false),
                  code = "contract.deviation.line_added", facts = common.about(c) }
    else
      -- 3.3 单价偏离；降价超过 5%（不含 5.00%）需公司领导确认
      if c.unit_price ~= q.unit_price then
        count = count + 1
        local cut_too_far = exceeds_percent(q.unit_price - c.unit_price, q.unit_price,
                                            threshold.price_cut_leadership_percent)
        deviation { field = field(c.sku, "unit_price"), quoted = q.unit_price, actual = c.unit_price,
                    needs = needs(cut_too_far), code = "contract.deviation.unit_price",
                    facts = { sku = c.sku, product = c.name, quoted = q.unit_price, actual = c.unit_price,
                              change = percent_text(c.unit_price - q.unit_price, q.unit_price) } }
        if cut_too_far then
          escalate("leadership", "leadership", "contract.leadership.price_cut",
                   { sku = c.sku, product = c.name, quoted = q.unit_price, actual = c.unit_price,
                     cut = common.percent_up(q.unit_price - c.unit_price, q.unit_price),
                     limit = common.percent_label(threshold.price_cut_leadership_percent) })
        end
      end

      -- 3.3 数量偏离
      if c.quantity ~= q.quantity then
        count = count + 1
        deviation { field = field(c.sku, "quantity"), quoted = q.quantity, actual = c.quantity,
                    needs = needs(false), code = "contract.deviation.quantity",
                    facts = { sku = c.sku, product = c.name, quoted = q.quantity, actual = c.quantity } }
      end

      -- 3.3 规格偏离
      if (c.spec or "") ~= (q.spec or "") then
        count = count + 1
        deviation { field = field(c.sku, "spec"), quoted = q.spec or "", actual = c.spec or "",
                    needs = needs(false), code = "contract.deviation.spec",
                    facts = { sku = c.sku, product = c.name, quoted = q.spec or "", actual = c.spec or "" } }
      end

      -- 3.3 技术参数偏离：任何技术参数的改动都需公司领导确认
      for _, d in ipairs(differences(q.parameters, c.parameters)) do
        count = count + 1
        local facts = { sku = c.sku, product = c.name, parameter = d.name,
                        quoted = d.quoted or "—", actual = d.actual or "—" }
        deviation { field = field(c.sku, "parameters." .. d.name), quoted = d.quoted, actual = d.actual,
                    needs = needs(true), code = "contract.deviation.parameter", facts = facts }
        escalate("leadership", "leadership", "contract.leadership.parameter", facts)
      end
    end
  end

  -- 3.3 报价中的产品在合同中缺失
  for _, q in ipairs(quote.lines or {}) do
    if not in_contract[q.sku] then
      in_contract[q.sku] = true
      count = count + 1
      deviation { field = field(q.sku), quoted = describe(q), actual = nil, needs = needs(false),
                  code = "contract.deviation.line_missing", facts = common.about(q) }
    end
  end

  -- 3.3 付款条件偏离；付款期延长超过 30 天需公司领导确认
  if contract.payment_terms_days ~= quote.payment_terms_days then
    count = count + 1
    local extra = (contract.payment_terms_days or 0) - (quote.payment_terms_days or 0)
    local too_long = extra > threshold.extra_payment_days_leadership
    deviation { field = "payment_terms_days", quoted = quote.payment_terms_days,
                actual = contract.payment_terms_days, needs = needs(too_long),
                code = "contract.deviation.payment_terms",
                facts = { quoted = quote.payment_terms_days or 0, actual = contract.payment_terms_days or 0,
                          extra_days = extra } }
    if too_long then
      escalate("leadership", "leadership", "contract.leadership.payment_terms",
               { quoted = quote.payment_terms_days or 0, actual = contract.payment_terms_days or 0,
                 extra_days = extra, limit = threshold.extra_payment_days_leadership })
    end
  end

  -- 3.3 交货期偏离
  if contract.delivery_date ~= quote.delivery_date then
    count = count + 1
    deviation { field = "delivery_date", quoted = quote.delivery_date, actual = contract.delivery_date,
                needs = needs(false), code = "contract.deviation.delivery_date",
                facts = { quoted = quote.delivery_date or "—", actual = contract.delivery_date or "—" } }
  end

  -- 3.3 质保期偏离
  if contract.warranty_months ~= quote.warranty_months then
    count = count + 1
    deviation { field = "warranty_months", quoted = quote.warranty_months, actual = contract.warranty_months,
                needs = needs(false), code = "contract.deviation.warranty",
                facts = { quoted = quote.warranty_months or 0, actual = contract.warranty_months or 0 } }
  end

  -- 3.3 其他商务条款偏离
  if (contract.other_terms or "") ~= (quote.other_terms or "") then
    count = count + 1
    deviation { field = "other_terms", quoted = quote.other_terms or "", actual = contract.other_terms or "",
                needs = needs(false), code = "contract.deviation.other_terms",
                facts = { quoted = quote.other_terms or "", actual = contract.other_terms or "" } }
  end

  -- 3.3/3.4 销售部经理再次确认全部偏离条款
  if count > 0 then
    approve("sales", "sales_manager", "contract.deviations",
            { quote = quote_id, count = count })
  end
end

-- 3.4 所有问题确认后方可签订销售合同：客户签字盖章
sign("customer", "customer", "contract.customer_signs",
     { customer = customer.name, amount = contract.amount })

-- 3.5 正式《销售合同》经销售部经理确认后由销售内勤于当日保管存档（逾期提醒销售部经理）
perform("file", "sales_clerk", "file_contract", "contract.file_same_day",
        { amount = contract.amount },
        { due = { days = threshold.contract_filing_days }, on_overdue = { escalate_to = "sales_manager" } })
