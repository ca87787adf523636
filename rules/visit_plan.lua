-- 1、拜访新客户与回访老客户流程 — a salesperson's weekly visit plan.
local common = require "common"

local plan = request.document

stages { "sales", "visits" }

local key_visits = 0
for _, visit in ipairs(plan.visits or {}) do
  if visit.key then key_visits = key_visits + 1 end
end

-- 1.2 每周六上午例会：销售员向销售部经理汇报下周客户拜访重点计划，经理指导并最终确定
approve("sales", "sales_manager", "visit_plan.weekly_review",
        { week_of = plan.week_of, visits = #(plan.visits or {}), key_visits = key_visits })

-- 1.3/1.4 销售员按计划拜访，结束后如实填写《目标客户基本信息情况统计表》
perform("visits", "salesperson", "visit_and_record", "visit_plan.record_visits",
        { week_of = plan.week_of }, common.the_submitter_as("salesperson"))
