import SalesDomain

/// Decodes the JSON columns of a `steps` row (`reasons`, `due`, `on_overdue`) — read on every act
/// and submit, where Foundation's `JSONDecoder` was a large share of the cost.
///
/// Contract: the result is exactly what `StoreJSON.decode` gives for the same text. The fast path
/// reads only the compact shapes the store writes (no whitespace, integer-only numbers, no
/// surrogate escapes, no duplicate or unknown keys); for anything else it steps aside and the
/// text goes to `StoreJSON.decode`, so odd or damaged rows decode — or fail, with the same
/// error — exactly as before.
enum StepColumns {
    static func reasons(_ text: String) throws -> [Reason] {
        if let node = CompactJSON.parse(text), let reasons = reasons(node) { return reasons }
        return try StoreJSON.decode([Reason].self, from: text)
    }

    static func due(_ text: String) throws -> Due {
        if let node = CompactJSON.parse(text), case .object(let fields) = node, fields.count == 1,
           case .integer(let value) = fields[0].value, let count = Int(exactly: value) {
            switch fields[0].key {
            case "days": return .days(count)
            case "hours": return .hours(count)
            default: break
            }
        }
        return try StoreJSON.decode(Due.self, from: text)
    }

    static func onOverdue(_ text: String) throws -> OverdueAction {
        switch CompactJSON.parse(text) {
        case .string("remind"):
            return .remind
        case .object(let fields) where fields.count == 1 && fields[0].key == "escalate_to":
            if case .string(let raw) = fields[0].value, let role = Role(rawValue: raw) { return .escalate(to: role) }
        default:
            break
        }
        return try StoreJSON.decode(OverdueAction.self, from: text)
    }

    /// nil when the node is not plainly an array of reasons (the caller falls back).
    private static func reasons(_ node: CompactJSON.Node) -> [Reason]? {
        guard case .array(let items) = node else { return nil }
        var reasons: [Reason] = []
        reasons.reserveCapacity(items.count)
        for item in items {
            guard case .object(let fields) = item else { return nil }
            var code: String?, text: String?, facts: [String: FactValue]?, at: String?
            var sawAt = false
            for (key, value) in fields {
                switch (key, value) {
                case ("code", .string(let string)) where code == nil: code = string
                case ("text", .string(let string)) where text == nil: text = string
                case ("at", .string(let string)) where !sawAt: at = string; sawAt = true
                case ("at", .null) where !sawAt: sawAt = true
                case ("facts", .object(let entries)) where facts == nil:
                    var decoded: [String: FactValue] = [:]
                    decoded.reserveCapacity(entries.count)
                    for (name, entry) in entries {
                        guard decoded[name] == nil, let fact = fact(entry) else { return nil }
                        decoded[name] = fact
                    }
                    facts = decoded
                default:
                    return nil
                }
            }
            guard let code, let text, let facts else { return nil }
            reasons.append(Reason(code: code, text: text, facts: facts, at: at))
        }
        return reasons
    }

    /// As `FactValue.init(from:)` reads JSON: bool, then integer, then text, then list.
    private static func fact(_ node: CompactJSON.Node) -> FactValue? {
        switch node {
        case .bool(let value): return .bool(value)
        case .integer(let value): return .integer(value)
        case .string(let value): return .text(value)
        case .array(let items):
            var list: [FactValue] = []
            list.reserveCapacity(items.count)
            for item in items {
                guard let value = fact(item) else { return nil }
                list.append(value)
            }
            return .list(list)
        case .null, .object: return nil
        }
    }
}
