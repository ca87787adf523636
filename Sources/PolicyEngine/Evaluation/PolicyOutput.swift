import LuaRuntime

/// The decision table the driver returns, before the host checks and shapes it. Roles, actions
/// and stages arrive as text and are validated by `DecisionAssembler`: the host trusts nothing a
/// script hands back.
///
/// Read straight from the run's result bytes (`LuaWireValue`), not from a `LuaValue` tree: this
/// runs once per decision, and building the tree and its dictionaries cost more than reading
/// the fixed-shape parts (steps, escalations, deviations, blocks and their fields) in place. Only
/// facts and the quoted, actual and `on_overdue` values, which the typed model keeps generic, are
/// decoded into `LuaValue`s.
///
/// Errors name the path inside the decision table, like the generic decoder's. Each table's
/// fields are found in one pass and then checked in a fixed order (never in the order Lua
/// stored them), so a malformed table always reports the same first error.
struct PolicyOutput {
    var stages: [String] = []
    var steps: [StepOutput] = []
    var escalations: [EscalationOutput] = []
    var deviations: [DeviationOutput] = []
    var blocks: [BlockOutput] = []

    struct StepOutput {
        var stage: String
        var role: String
        var action: String
        var code: String
        var facts: [String: LuaValue]?
        var task: String?
        var scope: String?
        var user: String?
        var due: DueOutput?
        var on_overdue: LuaValue?
        var at: String?
    }

    struct DueOutput {
        var days: Int?
        var hours: Int?
    }

    struct EscalationOutput {
        var role: String
        var code: String
        var facts: [String: LuaValue]?
        var at: String?
    }

    struct DeviationOutput {
        var field: String
        var quoted: LuaValue?
        var actual: LuaValue?
        var needs: String
        var code: String
        var facts: [String: LuaValue]?
        var at: String?
    }

    struct BlockOutput {
        var code: String
        var facts: [String: LuaValue]?
        var at: String?
    }

    init() {}

    /// Reads the driver's table; an absent list is an empty one (an empty Lua table cannot say
    /// whether it is a list or a map).
    init(_ decision: LuaWireValue) throws(LuaError) {
        let path = OutputPath.decision
        guard let root = decision.table else { throw path.mismatch("table", decision) }
        var stages, steps, escalations, deviations, blocks: LuaWireValue?
        try root.forEachField { key, value throws(LuaError) in
            if key.isString("stages") { stages = value }
            else if key.isString("steps") { steps = value }
            else if key.isString("escalations") { escalations = value }
            else if key.isString("deviations") { deviations = value }
            else if key.isString("blocks") { blocks = value }
        }
        self.stages = try Self.list(stages, path.field("stages")) { item, path throws(LuaError) in
            try path.string(item)
        }
        self.steps = try Self.list(steps, path.field("steps"), Self.step)
        self.escalations = try Self.list(escalations, path.field("escalations"), Self.escalation)
        self.deviations = try Self.list(deviations, path.field("deviations"), Self.deviation)
        self.blocks = try Self.list(blocks, path.field("blocks"), Self.block)
    }

    /// A sequence (1-based in messages, as in Lua); absent means empty, a table with any other
    /// field is not a list.
    private static func list<Element>(
        _ value: LuaWireValue?, _ path: OutputPath, _ read: (LuaWireValue, OutputPath) throws(LuaError) -> Element
    ) throws(LuaError) -> [Element] {
        guard let value, !value.isNil else { return [] }
        guard let table = value.table, table.fieldCount == 0 else { throw path.mismatch("a list", value) }
        var elements: [Element] = []
        elements.reserveCapacity(table.arrayCount)
        try table.forEachElement { index, item throws(LuaError) in
            elements.append(try read(item, path.element(index)))
        }
        return elements
    }

    private static func step(_ item: LuaWireValue, _ path: OutputPath) throws(LuaError) -> StepOutput {
        guard let table = item.table else { throw path.mismatch("table", item) }
        var stage, role, action, code, facts, task, scope, user, due, onOverdue, at: LuaWireValue?
        try table.forEachField { key, value throws(LuaError) in
            if key.isString("stage") { stage = value }
            else if key.isString("role") { role = value }
            else if key.isString("action") { action = value }
            else if key.isString("code") { code = value }
            else if key.isString("facts") { facts = value }
            else if key.isString("task") { task = value }
            else if key.isString("scope") { scope = value }
            else if key.isString("user") { user = value }
            else if key.isString("due") { due = value }
            else if key.isString("on_overdue") { onOverdue = value }
            else if key.isString("at") { at = value }
        }
        // `due` is read first: the order of the checks is part of the messages' contract.
        let dueOutput = try Self.due(due, path.field("due"))
        return StepOutput(
            stage: try path.field("stage").string(stage), role: try path.field("role").string(role),
            action: try path.field("action").string(action), code: try path.field("code").string(code),
            facts: try path.field("facts").facts(facts), task: try path.field("task").optionalString(task),
            scope: try path.field("scope").optionalString(scope), user: try path.field("user").optionalString(user),
            due: dueOutput, on_overdue: try Self.generic(onOverdue), at: try path.field("at").optionalString(at))
    }

    private static func due(_ value: LuaWireValue?, _ path: OutputPath) throws(LuaError) -> DueOutput? {
        guard let value, !value.isNil else { return nil }
        guard let table = value.table else { throw path.mismatch("table", value) }
        var days, hours: LuaWireValue?
        try table.forEachField { key, value throws(LuaError) in
            if key.isString("days") { days = value }
            else if key.isString("hours") { hours = value }
        }
        return DueOutput(days: try path.field("days").optionalInt(days), hours: try path.field("hours").optionalInt(hours))
    }

    private static func escalation(_ item: LuaWireValue, _ path: OutputPath) throws(LuaError) -> EscalationOutput {
        guard let table = item.table else { throw path.mismatch("table", item) }
        var role, code, facts, at: LuaWireValue?
        try table.forEachField { key, value throws(LuaError) in
            if key.isString("role") { role = value }
            else if key.isString("code") { code = value }
            else if key.isString("facts") { facts = value }
            else if key.isString("at") { at = value }
        }
        return EscalationOutput(role: try path.field("role").string(role), code: try path.field("code").string(code),
                                facts: try path.field("facts").facts(facts), at: try path.field("at").optionalString(at))
    }

    private static func deviation(_ item: LuaWireValue, _ path: OutputPath) throws(LuaError) -> DeviationOutput {
        guard let table = item.table else { throw path.mismatch("table", item) }
        var field, quoted, actual, needs, code, facts, at: LuaWireValue?
        try table.forEachField { key, value throws(LuaError) in
            if key.isString("field") { field = value }
            else if key.isString("quoted") { quoted = value }
            else if key.isString("actual") { actual = value }
            else if key.isString("needs") { needs = value }
            else if key.isString("code") { code = value }
            else if key.isString("facts") { facts = value }
            else if key.isString("at") { at = value }
        }
        return DeviationOutput(
            field: try path.field("field").string(field), quoted: try Self.generic(quoted), actual: try Self.generic(actual),
            needs: try path.field("needs").string(needs), code: try path.field("code").string(code),
            facts: try path.field("facts").facts(facts), at: try path.field("at").optionalString(at))
    }

    private static func block(_ item: LuaWireValue, _ path: OutputPath) throws(LuaError) -> BlockOutput {
        guard let table = item.table else { throw path.mismatch("table", item) }
        var code, facts, at: LuaWireValue?
        try table.forEachField { key, value throws(LuaError) in
            if key.isString("code") { code = value }
            else if key.isString("facts") { facts = value }
            else if key.isString("at") { at = value }
        }
        return BlockOutput(code: try path.field("code").string(code), facts: try path.field("facts").facts(facts),
                           at: try path.field("at").optionalString(at))
    }

    /// A value the typed model keeps generic; absent is nil.
    private static func generic(_ value: LuaWireValue?) throws(LuaError) -> LuaValue? {
        guard let value, !value.isNil else { return nil }
        return try value.decoded()
    }
}
