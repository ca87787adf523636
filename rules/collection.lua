-- 5、回款流程 — a collection request (收款申请单) against a sales contract.
local common = require "common"

local collection = request.document
local contract = request.contract

stages { "confirm", "notify" }

-- 5.2 销售员填写收款申请单 — it must name a contract
if contract == nil then
  block("collection.no_contract", {})
  return
end

-- 收款不得超过合同未回款金额（合同金额 − 已回款）
local outstanding = common.outstanding(contract)
if collection.amount > outstanding then
  block("collection.beyond_outstanding",
        { amount = collection.amount, contract_amount = contract.document.amount,
          collected = contract.collected, outstanding = outstanding })
end

-- 5.3 销售部和财务部确认（同时进行）
approve("confirm", "finance", "collection.finance_confirms",
        { amount = collection.amount, method = collection.method or "" })
approve("confirm", "sales_manager", "collection.sales_confirms",
        { amount = collection.amount, outstanding = outstanding })

-- 5.4 反馈给客户（5.5 客户回款）
perform("notify", "salesperson", "notify_customer", "collection.notify_customer",
        { customer = request.customer.name, amount = collection.amount },
        common.the_submitter_as("salesperson"))
