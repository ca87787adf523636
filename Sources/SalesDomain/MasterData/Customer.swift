import Money

/// A customer as the policy sees it: whether it is a government buyer (central procurement makes
/// a tender major), its credit limit, and its overdue receivables (which pull finance into
/// shipments and leadership into phone orders).
public struct Customer: Sendable, Hashable, Encodable {
    public var id: String
    public var name: String
    public var government: Bool
    public var creditLimit: Money
    /// Receivables past their due date.
    public var overdue: Money

    public init(id: String, name: String, government: Bool = false, creditLimit: Money = .zero, overdue: Money = .zero) {
        self.id = id
        self.name = name
        self.government = government
        self.creditLimit = creditLimit
        self.overdue = overdue
    }

    enum CodingKeys: String, CodingKey {
        case id, name, government
        case creditLimit = "credit_limit"
        case overdue
    }
}
