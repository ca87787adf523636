-- 2、产品报价、投标的流程 — the final quote or bid (报价单/投标书) before it is sent.
local common = require "common"

local quote = request.document

stages { "support", "sales", "leadership", "send" }

-- 2.2 对询价书或招标信息进行整理（必要时由采购部和技术部协助）— both in parallel:
for _, line in ipairs(quote.lines) do
  -- 2.4 采购部对重点产品的原材料采购价格及交货期进行调研
  if common.needs_procurement(line) then
    review("support", "procurement", "quote.procurement.key_product", common.about(line))
  end
end
for _, line in ipairs(quote.lines) do
  -- 2.3 技术部对疑难产品的型号、技术参数进行协助和支持
  if common.is_difficult(line) then
    review("support", "technical", "quote.technical.difficult_product", common.about(line))
  end
  -- 2.3 非标准规格同样需技术部确认型号和技术参数
  if not common.is_standard_spec(line) then
    review("support", "technical", "quote.technical.nonstandard_spec", common.about(line))
  end
end

-- 2.5 销售部经理对最终报价或标书进行审核，确认后方可进行打印
approve("sales", "sales_manager", "quote.final_review",
        { amount = quote.amount, lines = #quote.lines })

-- 2.5 重大比价或投标需向公司领导请示
for _, why in ipairs(common.is_major(quote, request.customer)) do
  escalate("leadership", "leadership", why.code, why.facts)
end

-- 2.6 制作正规报价单或投标书，装订成册盖章后发出（由提交的销售员办理）
perform("send", "salesperson", "print_stamp_send", "quote.send",
        { amount = quote.amount }, common.the_submitter_as("salesperson"))
