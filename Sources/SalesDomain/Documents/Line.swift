import Money

/// One line of a quote, contract, shipment or return: a product, how many, and at what price.
///
/// `unitPrice` is required on quote and contract lines (the input decoder enforces it); shipment and
/// return lines may omit it, the price then comes from the contract. A line's amount is always
/// computed (quantity × unit price), never input.
public struct Line: Sendable, Hashable, Encodable {
    public var sku: String
    /// Defaults to the product's name when absent.
    public var name: String?
    public var spec: String?
    /// Defaults to the product's unit when absent.
    public var unit: String?
    /// Always > 0.
    public var quantity: Int64
    public var unitPrice: Money?
    /// Technical parameters as text, e.g. `power: 15kW`.
    public var parameters: [String: String]

    public init(sku: String, name: String? = nil, spec: String? = nil, unit: String? = nil, quantity: Int64,
                unitPrice: Money? = nil, parameters: [String: String] = [:]) {
        self.sku = sku
        self.name = name
        self.spec = spec
        self.unit = unit
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.parameters = parameters
    }

    /// quantity × (own unit price, else `fallbackPrice`); nil when neither is known.
    public func amount(fallbackPrice: Money? = nil) throws(MoneyError) -> Money? {
        guard let price = unitPrice ?? fallbackPrice else { return nil }
        return try price.multiplied(by: quantity)
    }

    /// Σ amounts of `lines`, each priced by `price(line)`; nil when some line has no price.
    public static func total(_ lines: [Line], price: (Line) -> Money?) throws(MoneyError) -> Money? {
        var total = Money.zero
        for line in lines {
            guard let unit = price(line) else { return nil }
            total = try total.adding(unit.multiplied(by: line.quantity))
        }
        return total
    }

    enum CodingKeys: String, CodingKey {
        case sku, name, spec, unit, quantity
        case unitPrice = "unit_price"
        case parameters
    }
}
