/// A contract term that differs from the referenced quote, e.g. field `lines[SP-16].unit_price`,
/// quoted ¥61,200.00, actual ¥57,000.00, needing the sales manager's or leadership's re-confirmation.
/// `quoted`/`actual` are nil when the term is absent on that side (a line added or dropped).
public struct Deviation: Sendable, Hashable, Codable {
    public var field: String
    public var quoted: FactValue?
    public var actual: FactValue?
    public var needs: Role
    public var code: String
    public var text: String
    public var facts: [String: FactValue]
    public var at: String?

    public init(field: String, quoted: FactValue?, actual: FactValue?, needs: Role, code: String, text: String,
                facts: [String: FactValue] = [:], at: String? = nil) {
        self.field = field
        self.quoted = quoted
        self.actual = actual
        self.needs = needs
        self.code = code
        self.text = text
        self.facts = facts
        self.at = at
    }
}
