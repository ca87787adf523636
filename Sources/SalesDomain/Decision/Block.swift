/// A hard stop that rejects the request outright, e.g. `shipment.beyond_unshipped`.
public struct Block: Sendable, Hashable, Codable {
    public var code: String
    public var text: String
    public var facts: [String: FactValue]
    public var at: String?

    public init(code: String, text: String, facts: [String: FactValue] = [:], at: String? = nil) {
        self.code = code
        self.text = text
        self.facts = facts
        self.at = at
    }
}
