import Money

/// Return details (退货详单, a red-ink requisition) against a contract.
public struct ReturnOrExchange: Sendable, Hashable, Encodable {
    public var type: ReturnType
    public var lines: [Line]
    public var reason: String

    public init(type: ReturnType, lines: [Line], reason: String) {
        self.type = type
        self.lines = lines
        self.reason = reason
    }

    /// Σ quantity × (line price, else the contract's price for the sku); nil when a line has neither.
    public func amount(pricedBy contract: Contract?) throws(MoneyError) -> Money? {
        try Line.total(lines) { $0.unitPrice ?? contract?.unitPrice(of: $0.sku) }
    }
}
