/// One planned visit. `customer` is free text (a prospect may not be in master data yet);
/// `key` marks a key visit the sales manager should look at.
public struct PlannedVisit: Sendable, Hashable, Encodable {
    public var customer: String
    public var date: Day
    public var purpose: String
    public var key: Bool

    public init(customer: String, date: Day, purpose: String, key: Bool = false) {
        self.customer = customer
        self.date = date
        self.purpose = purpose
        self.key = key
    }
}
