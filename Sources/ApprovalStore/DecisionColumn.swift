import SalesDomain

/// Decodes a stored decision (the `decision` column of a case), read with every case record —
/// each act, each cited approved case, each case counted in a contract's progress.
///
/// Contract: the result is exactly `StoreJSON.decode(Decision.self, from: text)`. The compact
/// form the store writes is read from `CompactJSON` nodes with the synthesized decoders' rules
/// (optional fields absent or null are nil; facts as `FactValue` reads JSON); anything else — an
/// unknown or repeated key, a number that is not a plain integer, an unknown role — goes to
/// `JSONDecoder`, which then gives the result or the error.
enum DecisionColumn {
    static func decode(_ text: String) throws -> Decision {
        if let node = CompactJSON.parse(text), let decision = try? decision(node) { return decision }
        return try StoreJSON.decode(Decision.self, from: text)
    }

    /// Thrown inside the fast path only: the text is left to `JSONDecoder`.
    private struct Mismatch: Error {}
    typealias Node = CompactJSON.Node

    /// An object's members by key; unknown or repeated keys are a mismatch.
    private struct Members {
        let values: [String: Node]

        init(_ node: Node, _ allowed: Set<String>) throws {
            guard case .object(let members) = node else { throw Mismatch() }
            var values: [String: Node] = [:]
            values.reserveCapacity(members.count)
            for (key, value) in members {
                guard allowed.contains(key), values.updateValue(value, forKey: key) == nil else { throw Mismatch() }
            }
            self.values = values
        }

        func string(_ key: String) throws -> String {
            guard case .string(let text)? = values[key] else { throw Mismatch() }
            return text
        }

        func optionalString(_ key: String) throws -> String? {
            switch values[key] {
            case nil, .null?: return nil
            case .string(let text)?: return text
            default: throw Mismatch()
            }
        }

        func raw<T: RawRepresentable>(_ key: String, _ type: T.Type) throws -> T where T.RawValue == String {
            guard let value = T(rawValue: try string(key)) else { throw Mismatch() }
            return value
        }

        func optionalRaw<T: RawRepresentable>(_ key: String, _ type: T.Type) throws -> T? where T.RawValue == String {
            guard let text = try optionalString(key) else { return nil }
            guard let value = T(rawValue: text) else { throw Mismatch() }
            return value
        }

        func array(_ key: String) throws -> [Node] {
            guard case .array(let items)? = values[key] else { throw Mismatch() }
            return items
        }

        func facts(_ key: String) throws -> [String: FactValue] {
            guard let node = values[key] else { throw Mismatch() }
            return try DecisionColumn.facts(node)
        }

        func optionalFact(_ key: String) throws -> FactValue? {
            switch values[key] {
            case nil, .null?: return nil
            case let value?: return try fact(value)
            }
        }

        /// Present only when not null (as `decodeIfPresent`).
        func optional(_ key: String) -> Node? {
            if case .null? = values[key] { return nil }
            return values[key]
        }
    }

    private static func decision(_ node: Node) throws -> Decision {
        let m = try Members(node, ["outcome", "route", "escalations", "deviations", "blocks", "policy", "error"])
        return Decision(outcome: try m.raw("outcome", Outcome.self), route: try m.array("route").map(stage),
                        escalations: try m.array("escalations").map(escalation),
                        deviations: try m.array("deviations").map(deviation), blocks: try m.array("blocks").map(block),
                        policy: try m.string("policy"), error: try m.optionalString("error"))
    }

    private static func stage(_ node: Node) throws -> Stage {
        let m = try Members(node, ["name", "steps"])
        return Stage(name: try m.string("name"), steps: try m.array("steps").map(step))
    }

    private static func step(_ node: Node) throws -> Step {
        let m = try Members(node, ["role", "action", "task", "scope", "user", "due", "on_overdue", "reasons"])
        return Step(role: try m.raw("role", Role.self), action: try m.raw("action", StepAction.self),
                    task: try m.optionalString("task"), scope: try m.optionalRaw("scope", StepScope.self),
                    user: try m.optionalString("user"), due: try m.optional("due").map(due),
                    onOverdue: try m.optional("on_overdue").map(onOverdue), reasons: try m.array("reasons").map(reason))
    }

    // The readers below also read a step row's own columns (`StepColumns`): one set of rules for
    // a stored reason, due time and overdue action, wherever it is stored.

    static func due(_ node: Node) throws -> Due {
        guard case .object(let members) = node, members.count == 1, case .integer(let value) = members[0].value,
              let count = Int(exactly: value) else { throw Mismatch() }
        switch members[0].key {
        case "days": return .days(count)
        case "hours": return .hours(count)
        default: throw Mismatch()
        }
    }

    static func onOverdue(_ node: Node) throws -> OverdueAction {
        switch node {
        case .string("remind"): return .remind
        case .object(let members) where members.count == 1 && members[0].key == "escalate_to":
            guard case .string(let raw) = members[0].value, let role = Role(rawValue: raw) else { throw Mismatch() }
            return .escalate(to: role)
        default: throw Mismatch()
        }
    }

    /// The most frequent object of all (every step has reasons): read in one pass over its
    /// members, without `Members`' dictionary, with the same rules.
    static func reason(_ node: Node) throws -> Reason {
        guard case .object(let members) = node else { throw Mismatch() }
        var code: String?, text: String?, facts: [String: FactValue]?, at: String?
        var sawAt = false
        for (key, value) in members {
            switch (key, value) {
            case ("code", .string(let string)) where code == nil: code = string
            case ("text", .string(let string)) where text == nil: text = string
            case ("at", .string(let string)) where !sawAt: at = string; sawAt = true
            case ("at", .null) where !sawAt: sawAt = true
            case ("facts", _) where facts == nil: facts = try Self.facts(value)
            default: throw Mismatch()
            }
        }
        guard let code, let text, let facts else { throw Mismatch() }
        return Reason(code: code, text: text, facts: facts, at: at)
    }

    private static func escalation(_ node: Node) throws -> Escalation {
        let m = try Members(node, ["role", "code", "text", "facts", "at"])
        return Escalation(role: try m.raw("role", Role.self), code: try m.string("code"), text: try m.string("text"),
                          facts: try m.facts("facts"), at: try m.optionalString("at"))
    }

    private static func deviation(_ node: Node) throws -> Deviation {
        let m = try Members(node, ["field", "quoted", "actual", "needs", "code", "text", "facts", "at"])
        return Deviation(field: try m.string("field"), quoted: try m.optionalFact("quoted"),
                         actual: try m.optionalFact("actual"), needs: try m.raw("needs", Role.self),
                         code: try m.string("code"), text: try m.string("text"), facts: try m.facts("facts"),
                         at: try m.optionalString("at"))
    }

    private static func block(_ node: Node) throws -> Block {
        let m = try Members(node, ["code", "text", "facts", "at"])
        return Block(code: try m.string("code"), text: try m.string("text"), facts: try m.facts("facts"),
                     at: try m.optionalString("at"))
    }

    /// A facts object: names to values, each name once.
    private static func facts(_ node: Node) throws -> [String: FactValue] {
        guard case .object(let entries) = node else { throw Mismatch() }
        var facts: [String: FactValue] = [:]
        facts.reserveCapacity(entries.count)
        for (name, entry) in entries {
            guard facts.updateValue(try fact(entry), forKey: name) == nil else { throw Mismatch() }
        }
        return facts
    }

    /// As `FactValue.init(from:)` reads JSON: bool, then integer, then text, then list.
    private static func fact(_ node: Node) throws -> FactValue {
        switch node {
        case .bool(let value): return .bool(value)
        case .integer(let value): return .integer(value)
        case .string(let value): return .text(value)
        case .array(let items): return .list(try items.map(fact))
        case .null, .object: throw Mismatch()
        }
    }
}
