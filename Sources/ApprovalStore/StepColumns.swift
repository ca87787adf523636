import SalesDomain

/// Decodes the JSON columns of a `steps` row (`reasons`, `due`, `on_overdue`) — read on every act
/// and submit, where Foundation's `JSONDecoder` was a large share of the cost.
///
/// Contract: the result is exactly what `StoreJSON.decode` gives for the same text. The compact
/// shapes the store writes are read with `DecisionColumn`'s readers (the same values inside a
/// stored decision); for anything else they step aside and the text goes to `StoreJSON.decode`,
/// so odd or damaged rows decode — or fail, with the same error — exactly as before.
enum StepColumns {
    static func reasons(_ text: String) throws -> [Reason] {
        if case .array(let items)? = CompactJSON.parse(text), let reasons = try? items.map(DecisionColumn.reason) {
            return reasons
        }
        return try StoreJSON.decode([Reason].self, from: text)
    }

    static func due(_ text: String) throws -> Due {
        if let node = CompactJSON.parse(text), let due = try? DecisionColumn.due(node) { return due }
        return try StoreJSON.decode(Due.self, from: text)
    }

    static func onOverdue(_ text: String) throws -> OverdueAction {
        if let node = CompactJSON.parse(text), let action = try? DecisionColumn.onOverdue(node) { return action }
        return try StoreJSON.decode(OverdueAction.self, from: text)
    }
}
