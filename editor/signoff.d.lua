---@meta signoff
-- Definitions for the Lua Language Server (LuaLS): completion and type checks while editing
-- rules/. rules/.luarc.json points the language server here. A test (EditorDefinitionsTests)
-- keeps these classes in step with what the host really hands to scripts.

---@class Money
---An exact amount in yuan (integer fen). Compare with < <= > >= against money or whole yuan;
---add and subtract money; multiply by an integer. `==` only compares two money values.
local Money = {}
---@return integer fen
function Money:fen() end
---@return string yuan plain text, e.g. "612000.00"
function Money:yuan() end
---@return boolean
function Money:is_zero() end

---@class User
---@field id string
---@field name string
---@field roles Role[]
---@field branch? string

---@class Customer
---@field id string
---@field name string
---@field government boolean
---@field credit_limit Money
---@field overdue Money overdue receivables

---@class Product
---@field sku string
---@field name string
---@field unit? string
---@field difficult boolean 疑难产品 (2.3)
---@field key boolean 重点产品 (2.4)
---@field standard_specs string[]
---@field unit_cost? Money

---@class Line
---@field sku string
---@field name? string defaults to the product's name
---@field spec? string
---@field unit? string
---@field quantity integer
---@field unit_price? Money for shipment and return lines: the contract's price
---@field amount? Money quantity × unit_price
---@field parameters table<string, string> technical parameters
---@field product? Product

---@class PlannedVisit
---@field customer string
---@field date string YYYY-MM-DD
---@field purpose string
---@field key boolean

---@class Document
---@field amount? Money computed by the host (lines), or the document's own amount
---@field cost? Money quotes and contracts: Σ quantity × unit cost, when every cost is known
---@field lines? Line[]
---@field week_of? string visit_plan
---@field visits? PlannedVisit[] visit_plan
---@field source? TenderSource tender
---@field title? string tender
---@field estimated_amount? Money tender
---@field estimated_cost? Money tender
---@field deadline? string tender
---@field payment_terms_days? integer quote, contract
---@field delivery_date? string quote, contract
---@field warranty_months? integer quote, contract
---@field other_terms? string quote, contract
---@field tender_source? TenderSource quote, contract
---@field valid_until? string quote, contract
---@field channel? "formal"|"phone"|"fax"|"informal" contract
---@field signed_on? string contract
---@field method? string collection
---@field invoice_type? string invoice
---@field product? string service: sku
---@field description? string service
---@field requested_on? string service
---@field type? "return"|"exchange" return
---@field reason? string return

---@class Reference
---@field id string
---@field document Document
---@field shipped? table<string, integer> contract: quantity shipped per sku
---@field returned? table<string, integer> contract: quantity returned per sku
---@field invoiced? Money contract
---@field collected? Money contract

---@class Request
---@field kind RequestKind
---@field id? string
---@field submitted_by User
---@field branch? string the request's branch, else the submitter's
---@field customer Customer
---@field document Document
---@field quote? Reference a contract's quote
---@field contract? Reference the contract of a shipment, collection, invoice, return or service
---@field tender? Reference a quote's tender

---@alias RequestKind "visit_plan"|"tender"|"quote"|"contract"|"shipment"|"collection"|"invoice"|"service"|"return"
---@alias TenderSource "inquiry"|"public_tender"|"government_procurement"
---@alias Role "salesperson"|"branch_clerk"|"branch_manager"|"sales_clerk"|"sales_manager"|"leadership"|"technical"|"procurement"|"finance"|"warehouse"|"customer"
---@alias Action "approve"|"review"|"perform"|"sign"|"file"
---@alias Fact Money|integer|string|boolean
---@alias Facts table<string, Fact>

---@class StepOptions
---@field task? string
---@field scope? "branch"
---@field user? string
---@field due? { days: integer }|{ hours: integer }
---@field on_overdue? "remind"|{ escalate_to: Role }

---@class DeviationSpec
---@field field string e.g. "lines[SP-16].unit_price"
---@field quoted? Fact
---@field actual? Fact
---@field needs Role
---@field code string
---@field facts? Facts

---The request being decided.
---@type Request
request = nil

---@param text_or_yuan string|integer
---@return Money
function money(text_or_yuan) end

---@param value any
---@return boolean
function is_money(value) end

---The location of the Lua function `level` frames up (1 = the caller). With `skipping` (a chunk
---name such as "common.lua"), the nearest frame from there up that is not in that chunk, and its level.
---@param level? integer
---@param skipping? string
---@return string? location "contract.lua:42"
---@return integer? level only with `skipping`
function caller_location(level, skipping) end

---Declares this kind's stages, in order.
---@param names string[]
function stages(names) end

---@param stage string
---@param role Role
---@param action Action
---@param code string
---@param facts? Facts
---@param options? StepOptions
function step(stage, role, action, code, facts, options) end

---@param stage string
---@param role Role
---@param code string
---@param facts? Facts
---@param options? StepOptions
function approve(stage, role, code, facts, options) end

---@param stage string
---@param role Role
---@param code string
---@param facts? Facts
---@param options? StepOptions
function review(stage, role, code, facts, options) end

---@param stage string
---@param role Role
---@param code string
---@param facts? Facts
---@param options? StepOptions
function sign(stage, role, code, facts, options) end

---@param stage string
---@param role Role
---@param task string
---@param code string
---@param facts? Facts
---@param options? StepOptions
function perform(stage, role, task, code, facts, options) end

---Records why a higher role is needed and adds its approve step.
---@param stage string
---@param role Role
---@param code string
---@param facts? Facts
function escalate(stage, role, code, facts) end

---@param spec DeviationSpec
function deviation(spec) end

---A hard stop: the request is rejected with this reason.
---@param code string
---@param facts? Facts
function block(code, facts) end

---@param pct number|string
---@return integer
function basis_points(pct) end

---part / whole > pct %, exactly.
---@param part Money|integer
---@param whole Money|integer
---@param pct number|string
---@return boolean
function exceeds_percent(part, whole, pct) end

---@param part Money|integer
---@param whole Money|integer
---@return string e.g. "5.01%"
function percent_text(part, whole) end

---@param amount Money
---@param pct number|string
---@return Money
function percent_of(amount, pct) end

---@class Difference
---@field name string
---@field quoted string? the earlier value as text; nil when only the new side has the name
---@field actual string? the new value as text; nil when the new side dropped the name

---The names whose values differ between two tables (e.g. a quote line's and a contract line's
---parameters), sorted by name; values compare as text. nil tables count as empty.
---@param quoted table?
---@param actual table?
---@return Difference[]
function differences(quoted, actual) end

---@generic T
---@param list T[]
---@param f? fun(item: T): Money
---@return Money
function sum(list, f) end
