-- 7、售后服务流程 — a customer's after-sales service request.
local service = request.document

stages { "sales", "form", "technical", "notify" }

local facts = { customer = request.customer.name, product = service.product or "—",
                description = service.description or "" }

-- 7.1 接客户售后服务申请，由销售部经理确认
approve("sales", "sales_manager", "service.confirm", facts)

-- 7.2 销售内勤填写《售后服务申请表》后发给技术部
perform("form", "sales_clerk", "fill_service_form", "service.fill_form", facts)

-- 7.3 技术部和客户沟通；7.4 技术部将服务状况、处理结果反馈给销售部经理及内勤
perform("technical", "technical", "serve_and_report", "service.serve_and_report", facts)

-- 7.5 销售内勤与所属销售员进行内部沟通
perform("notify", "sales_clerk", "inform_salesperson", "service.inform_salesperson", facts)
