import Money

/// What has happened against a contract so far: quantities shipped and returned per sku, and
/// the amounts invoiced and collected. Hard stops (shipping beyond the unshipped quantity,
/// invoicing beyond the uninvoiced amount, …) are judged against it.
public struct ContractProgress: Sendable, Hashable, Encodable {
    public var shipped: [String: Int64]
    public var returned: [String: Int64]
    public var invoiced: Money
    public var collected: Money

    public init(shipped: [String: Int64] = [:], returned: [String: Int64] = [:], invoiced: Money = .zero,
                collected: Money = .zero) {
        self.shipped = shipped
        self.returned = returned
        self.invoiced = invoiced
        self.collected = collected
    }

    /// Nothing shipped, returned, invoiced or collected yet.
    public static let none = ContractProgress()
}
