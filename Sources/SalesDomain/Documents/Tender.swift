import Money

/// A decision to take part in an inquiry or tender (投标), before any quote is worked up.
public struct Tender: Sendable, Hashable, Encodable {
    public var source: TenderSource
    public var title: String
    public var estimatedAmount: Money
    public var estimatedCost: Money?
    /// The submission deadline.
    public var deadline: Day

    public init(source: TenderSource, title: String, estimatedAmount: Money, estimatedCost: Money? = nil, deadline: Day) {
        self.source = source
        self.title = title
        self.estimatedAmount = estimatedAmount
        self.estimatedCost = estimatedCost
        self.deadline = deadline
    }

    enum CodingKeys: String, CodingKey {
        case source, title
        case estimatedAmount = "estimated_amount"
        case estimatedCost = "estimated_cost"
        case deadline
    }
}
