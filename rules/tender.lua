-- 2、产品报价、投标的流程 — taking part in an inquiry or tender (比价或投标).
local common = require "common"

local tender = request.document

stages { "sales", "leadership" }

-- 2.1 销售员第一时间向部门经理汇报，由部门经理决定是否参加比价或投标
approve("sales", "sales_manager", "tender.participation",
        { title = tender.title, source = tender.source, amount = tender.estimated_amount,
          deadline = tender.deadline })

-- 2.1 重大比价或投标需向公司领导请示
--     (major: amount ≥ ¥500,000, government central procurement, or margin below 10%)
for _, why in ipairs(common.is_major(tender, request.customer)) do
  escalate("leadership", "leadership", why.code, why.facts)
end
