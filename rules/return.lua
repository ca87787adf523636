-- 8、退货（换货）流程 — a customer's return or exchange against a sales contract.
local common = require "common"
local threshold = require "thresholds"

local goods = request.document
local contract = request.contract
local exchange = goods.type == "exchange"

stages { "branch", "check", "sales", "leadership", "outbound", "warehouse" }

-- 8.4 《退货详单》即红字的需货申请单 — it must name the contract the goods were sold under
if contract == nil then
  block("return.no_contract", {})
  return
end

-- 8.2 核对品名、规格、数量：只能退（换）已发出且尚未退回的货物（已发货 − 已退货）
-- The return amount is quantity × the contract's unit price, computed exactly.
local amount = money(0)
for _, line in ipairs(goods.lines) do
  local sold = common.contract_line(contract, line.sku)
  if sold == nil then
    block("return.not_in_contract", { sku = line.sku, contract = contract.id or "" })
  else
    amount = amount + sold.unit_price * line.quantity
    if line.quantity > common.returnable(contract, line.sku) then
      block("return.beyond_shipped",
            { sku = line.sku, quantity = line.quantity, shipped = common.shipped(contract, line.sku),
              returned = common.returned(contract, line.sku),
              returnable = common.returnable(contract, line.sku) })
    end
  end
end

local facts = { type = goods.type, amount = amount, reason = goods.reason or "" }

-- 8.1 客户提出申请，由销售员报销售分部经理确认
if request.branch ~= nil then
  approve("branch", "branch_manager", "return.branch_confirms", facts, { scope = "branch" })
end

-- 8.2 由销售员核对欲退货（换货）产品的品名、规格、数量
perform("check", "salesperson", "check_goods", "return.check_goods", facts, common.the_submitter_as("salesperson"))
-- 8.3 由销售员配合技术部鉴定退货（换货）产品的真伪（与 8.2 同时进行）
review("check", "technical", "return.verify_genuine", facts)

-- 8.4 分部将核实无误后的《退货详单》报销售部经理审核
approve("sales", "sales_manager", "return.sales_approves", facts)

-- 8.4 退货（换货）金额 ≥ ¥100,000 需公司领导审批
if amount >= threshold.return_leadership_amount then
  escalate("leadership", "leadership", "return.leadership_amount",
           { type = goods.type, amount = amount, threshold = threshold.return_leadership_amount })
end

-- 8.5 销售内勤根据审核的《退货详单》开具红字《销售出库单》，第二联交库管
--     （换货时同时开具换出货物的出库单）
if exchange then
  perform("outbound", "sales_clerk", "issue_exchange_slips", "return.exchange_slips", facts)
else
  perform("outbound", "sales_clerk", "issue_red_outbound_slip", "return.red_outbound_slip", facts)
end

-- 8.6 库管办理退货（换货）手续
if exchange then
  perform("warehouse", "warehouse", "exchange_goods", "return.exchange_goods", facts)
else
  perform("warehouse", "warehouse", "take_back_goods", "return.take_back_goods", facts)
end
