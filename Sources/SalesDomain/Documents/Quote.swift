import Money

/// A quotation or bid (报价/标书): priced lines and commercial terms. The contract is compared
/// against it term by term; every difference is a deviation to re-confirm.
public struct Quote: Sendable, Hashable, Encodable {
    /// At least one line, each with a unit price.
    public var lines: [Line]
    public var paymentTermsDays: Int
    public var deliveryDate: Day
    public var warrantyMonths: Int
    /// Free text; "" when none.
    public var otherTerms: String
    /// Set when the quote answers a tender.
    public var tenderSource: TenderSource?
    public var validUntil: Day?

    public init(lines: [Line], paymentTermsDays: Int, deliveryDate: Day, warrantyMonths: Int, otherTerms: String = "",
                tenderSource: TenderSource? = nil, validUntil: Day? = nil) {
        self.lines = lines
        self.paymentTermsDays = paymentTermsDays
        self.deliveryDate = deliveryDate
        self.warrantyMonths = warrantyMonths
        self.otherTerms = otherTerms
        self.tenderSource = tenderSource
        self.validUntil = validUntil
    }

    /// Σ quantity × unit price. (A line without a price — impossible after input decoding —
    /// counts as zero.)
    public func amount() throws(MoneyError) -> Money {
        try Line.total(lines) { $0.unitPrice ?? .zero } ?? .zero
    }

    /// Σ quantity × the product's unit cost; nil when a product or its cost is unknown.
    public func cost(products: (String) -> Product?) throws(MoneyError) -> Money? {
        try Line.total(lines) { products($0.sku)?.unitCost }
    }

    enum CodingKeys: String, CodingKey {
        case lines
        case paymentTermsDays = "payment_terms_days"
        case deliveryDate = "delivery_date"
        case warrantyMonths = "warranty_months"
        case otherTerms = "other_terms"
        case tenderSource = "tender_source"
        case validUntil = "valid_until"
    }
}
