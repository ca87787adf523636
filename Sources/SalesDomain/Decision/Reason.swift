/// Why something is in a decision: a reason code (its text lives in `rules/messages.lua`), the
/// rendered text, the facts it rests on, and the rule's `file:line` that produced it.
public struct Reason: Sendable, Hashable, Codable {
    public var code: String
    public var text: String
    public var facts: [String: FactValue]
    /// `contract.lua:42`, when traced.
    public var at: String?

    public init(code: String, text: String, facts: [String: FactValue] = [:], at: String? = nil) {
        self.code = code
        self.text = text
        self.facts = facts
        self.at = at
    }
}
