/// Why a higher role (usually leadership) is needed, e.g. `contract.major_amount`.
public struct Escalation: Sendable, Hashable, Codable {
    public var role: Role
    public var code: String
    public var text: String
    public var facts: [String: FactValue]
    public var at: String?

    public init(role: Role, code: String, text: String, facts: [String: FactValue] = [:], at: String? = nil) {
        self.role = role
        self.code = code
        self.text = text
        self.facts = facts
        self.at = at
    }
}
