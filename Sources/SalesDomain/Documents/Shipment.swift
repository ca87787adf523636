import Money

/// A goods requisition (需货申请单) against a contract: what to ship. Prices come from the
/// contract unless a line states its own.
public struct Shipment: Sendable, Hashable, Encodable {
    public var lines: [Line]

    public init(lines: [Line]) {
        self.lines = lines
    }

    /// Σ quantity × (line price, else the contract's price for the sku); nil when a line has neither.
    public func amount(pricedBy contract: Contract?) throws(MoneyError) -> Money? {
        try Line.total(lines) { $0.unitPrice ?? contract?.unitPrice(of: $0.sku) }
    }
}
