import Money

/// A product the factory sells. `difficult` brings the technical department into quotes, `key`
/// brings procurement in; a line whose spec is not in `standardSpecs` counts as non-standard.
/// `unitCost` (when known) gives a quote's cost and so its gross margin.
public struct Product: Sendable, Hashable, Encodable {
    public var sku: String
    public var name: String
    public var unit: String?
    public var difficult: Bool
    public var key: Bool
    public var standardSpecs: [String]
    public var unitCost: Money?

    public init(sku: String, name: String, unit: String? = nil, difficult: Bool = false, key: Bool = false,
                standardSpecs: [String] = [], unitCost: Money? = nil) {
        self.sku = sku
        self.name = name
        self.unit = unit
        self.difficult = difficult
        self.key = key
        self.standardSpecs = standardSpecs
        self.unitCost = unitCost
    }

    /// Whether `spec` is one of the standard specifications (nil spec counts as standard).
    public func isStandard(spec: String?) -> Bool {
        guard let spec else { return true }
        return standardSpecs.contains(spec)
    }

    enum CodingKeys: String, CodingKey {
        case sku, name, unit, difficult, key
        case standardSpecs = "standard_specs"
        case unitCost = "unit_cost"
    }
}
