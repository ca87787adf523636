import LuaRuntime

/// The decision table the driver returns, before the host checks and shapes it. Roles, actions
/// and stages arrive as text and are validated by `DecisionAssembler`: the host trusts nothing a
/// script hands back.
///
/// Read straight from the `LuaValue` (not through `Decodable`): this runs once per decision, and
/// the generic decoder's containers and casts cost more than the whole assembly. Errors name the
/// path inside the decision table, like the generic decoder's.
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
    init(_ value: LuaValue) throws(LuaError) {
        let root = try Reader(value, path: "decision").table()
        stages = try root.list("stages").map { r throws(LuaError) in try r.string() }
        steps = try root.list("steps").map { r throws(LuaError) in
            let t = try r.table()
            let due = try t.optionalTable("due").map { d throws(LuaError) in
                DueOutput(days: try d.optionalInt("days"), hours: try d.optionalInt("hours"))
            }
            return StepOutput(
                stage: try t.string("stage"), role: try t.string("role"), action: try t.string("action"),
                code: try t.string("code"), facts: try t.facts(), task: try t.optionalString("task"),
                scope: try t.optionalString("scope"), user: try t.optionalString("user"), due: due,
                on_overdue: t.optional("on_overdue"), at: try t.optionalString("at"))
        }
        escalations = try root.list("escalations").map { r throws(LuaError) in
            let t = try r.table()
            return EscalationOutput(role: try t.string("role"), code: try t.string("code"), facts: try t.facts(),
                                    at: try t.optionalString("at"))
        }
        deviations = try root.list("deviations").map { r throws(LuaError) in
            let t = try r.table()
            return DeviationOutput(field: try t.string("field"), quoted: t.optional("quoted"), actual: t.optional("actual"),
                                   needs: try t.string("needs"), code: try t.string("code"), facts: try t.facts(),
                                   at: try t.optionalString("at"))
        }
        blocks = try root.list("blocks").map { r throws(LuaError) in
            let t = try r.table()
            return BlockOutput(code: try t.string("code"), facts: try t.facts(), at: try t.optionalString("at"))
        }
    }

    /// A value and where it sits in the decision table, for error messages. The path text is
    /// put together only when it is needed (an error, or a table read field by field), not for
    /// every value read.
    struct Reader {
        let value: LuaValue
        private let parent: String
        private let key: String?
        private let index: Int

        init(_ value: LuaValue, path: String) {
            self.init(value, parent: path, key: nil, index: 0)
        }

        init(_ value: LuaValue, parent: String, key: String?, index: Int) {
            self.value = value
            self.parent = parent
            self.key = key
            self.index = index
        }

        var path: String {
            var path = parent
            if let key { path += "." + key }
            if index > 0 { path += "[\(index)]" }
            return path
        }

        func fail(_ expected: String) -> LuaError {
            .value("\(path): expected \(expected), got \(value.typeName)")
        }

        func string() throws(LuaError) -> String {
            guard case .string(let s) = value else { throw fail("string") }
            return s
        }

        func table() throws(LuaError) -> TableReader {
            guard case .table(let t) = value else { throw fail("table") }
            return TableReader(table: t, path: path)
        }
    }

    struct TableReader {
        let table: LuaTable
        let path: String

        func optional(_ key: String) -> LuaValue? {
            let v = table[key]
            if v.isNil { return Optional<LuaValue>.none }
            return v
        }

        func reader(_ key: String) -> Reader { Reader(table[key], parent: path, key: key, index: 0) }

        func string(_ key: String) throws(LuaError) -> String {
            guard case .string(let s) = table[key] else { throw reader(key).fail("string") }
            return s
        }

        func optionalString(_ key: String) throws(LuaError) -> String? {
            switch table[key] {
            case .nil: return nil
            case .string(let s): return s
            default: throw reader(key).fail("string")
            }
        }

        func optionalInt(_ key: String) throws(LuaError) -> Int? {
            switch table[key] {
            case .nil: return nil
            case .integer(let i): return Int(exactly: i)
            default: throw reader(key).fail("integer")
            }
        }

        func optionalTable(_ key: String) throws(LuaError) -> TableReader? {
            guard case .some = optional(key) else { return nil }
            return try reader(key).table()
        }

        /// A sequence (1-based in messages, as in Lua); absent means empty.
        func list(_ key: String) throws(LuaError) -> [Reader] {
            guard let value = optional(key) else { return [] }
            guard case .table(let t) = value, t.fields.isEmpty else { throw reader(key).fail("a list") }
            return t.array.enumerated().map { Reader($0.element, parent: path, key: key, index: $0.offset + 1) }
        }

        /// `facts`: names to values (the assembler checks the values).
        func facts() throws(LuaError) -> [String: LuaValue]? {
            guard let value = optional("facts") else { return nil }
            guard case .table(let t) = value else { throw reader("facts").fail("a table") }
            var facts: [String: LuaValue] = [:]
            facts.reserveCapacity(t.fields.count)
            for (key, v) in t.fields {
                guard case .string(let name) = key else { throw reader("facts").fail("names as keys") }
                facts[name] = v
            }
            return facts
        }
    }
}
