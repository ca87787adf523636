-- 4、发货流程 — a goods requisition (需货申请单) against a sales contract.
local common = require "common"

local shipment = request.document
local contract = request.contract
local customer = request.customer

stages { "branch", "sales", "finance", "leadership", "outbound", "ship", "customer", "file" }

-- 4.1 销售员或分部销售内勤根据《销售合同》填写需货申请单 — it must name a contract
if contract == nil then
  block("shipment.no_contract", {})
  return
end

-- 4.1 只能按合同发货：不得超过合同的未发货数量（合同数量 − 已发货数量）
for _, line in ipairs(shipment.lines) do
  if common.contract_line(contract, line.sku) == nil then
    block("shipment.not_in_contract", { sku = line.sku, contract = contract.id or "" })
  elseif line.quantity > common.unshipped(contract, line.sku) then
    block("shipment.beyond_unshipped",
          { sku = line.sku, quantity = line.quantity, ordered = common.ordered(contract, line.sku),
            shipped = common.shipped(contract, line.sku), unshipped = common.unshipped(contract, line.sku) })
  end
end

-- 4.2 需货申请单经分部经理审核确认后上报销售部
if request.branch ~= nil then
  review("branch", "branch_manager", "shipment.branch_review",
         { branch = request.branch }, { scope = "branch" })
end

-- 4.3 由销售部经理审核《销售合同》及需货申请单
review("sales", "sales_manager", "shipment.sales_review",
       { contract = contract.id or "", amount = shipment.amount })

-- 销售部职责 6「负责销售货款的及时、安全回收」：客户有逾期应收款时，财务部审批发货
if common.has_overdue(customer) then
  escalate("finance", "finance", "shipment.finance_overdue",
           { customer = customer.name, overdue = customer.overdue })
end
-- 逾期应收款超过信用额度时，公司领导也需审批
if customer.overdue > customer.credit_limit then
  escalate("leadership", "leadership", "shipment.leadership_over_credit",
           { customer = customer.name, overdue = customer.overdue, credit_limit = customer.credit_limit })
end

-- 4.3 销售内勤根据审核的需货申请单开具《销售出库单》，第二联交库管
perform("outbound", "sales_clerk", "issue_outbound_slip", "shipment.outbound_slip",
        { amount = shipment.amount })

-- 4.4 库管办理出库手续
perform("ship", "warehouse", "ship", "shipment.ship", { contract = contract.id or "" })

-- 4.5 客户在《客户确认单》上签字
sign("customer", "customer", "shipment.customer_confirms", { customer = customer.name })

-- 4.5 客户签字的《客户确认单》交销售内勤存档
perform("file", "sales_clerk", "file_confirmation", "shipment.file_confirmation",
        { contract = contract.id or "" })
