-- 6、开票流程 — an invoice request (开票申请单) against a sales contract.
local common = require "common"

local invoice = request.document
local contract = request.contract

stages { "sales", "finance", "customer" }

-- 6.1 销售员填写开票申请单 — it must name a contract
if contract == nil then
  block("invoice.no_contract", {})
  return
end

-- 开票不得超过合同未开票金额（合同金额 − 已开票）
local uninvoiced = common.uninvoiced(contract)
if invoice.amount > uninvoiced then
  block("invoice.beyond_uninvoiced",
        { amount = invoice.amount, contract_amount = contract.document.amount,
          invoiced = contract.invoiced, uninvoiced = uninvoiced })
end

-- 6.2 销售部审核
review("sales", "sales_manager", "invoice.sales_review",
       { amount = invoice.amount, uninvoiced = uninvoiced })

-- 6.3 财务部开票
perform("finance", "finance", "issue_invoice", "invoice.issue",
        { amount = invoice.amount, invoice_type = invoice.invoice_type or "" })

-- 6.4 交客户签收
sign("customer", "customer", "invoice.customer_signs",
     { customer = request.customer.name, amount = invoice.amount })
