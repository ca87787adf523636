import Money

/// A sales contract (合同) or an order without a formal one: the quote's fields plus how it was
/// concluded and when it was signed. Shipments, invoices, collections and returns refer to it.
public struct Contract: Sendable, Hashable, Encodable {
    public var channel: ContractChannel
    /// nil while unsigned (and for phone/fax orders).
    public var signedOn: Day?
    /// At least one line, each with a unit price.
    public var lines: [Line]
    public var paymentTermsDays: Int
    public var deliveryDate: Day
    public var warrantyMonths: Int
    public var otherTerms: String
    public var tenderSource: TenderSource?
    public var validUntil: Day?

    public init(channel: ContractChannel, signedOn: Day? = nil, lines: [Line], paymentTermsDays: Int,
                deliveryDate: Day, warrantyMonths: Int, otherTerms: String = "",
                tenderSource: TenderSource? = nil, validUntil: Day? = nil) {
        self.channel = channel
        self.signedOn = signedOn
        self.lines = lines
        self.paymentTermsDays = paymentTermsDays
        self.deliveryDate = deliveryDate
        self.warrantyMonths = warrantyMonths
        self.otherTerms = otherTerms
        self.tenderSource = tenderSource
        self.validUntil = validUntil
    }

    /// Σ quantity × unit price (lines without a price count as zero; input decoding forbids them).
    public func amount() throws(MoneyError) -> Money {
        try Line.total(lines) { $0.unitPrice ?? .zero } ?? .zero
    }

    /// Σ quantity × the product's unit cost; nil when a product or its cost is unknown.
    public func cost(products: (String) -> Product?) throws(MoneyError) -> Money? {
        try Line.total(lines) { products($0.sku)?.unitCost }
    }

    /// The unit price of the first line for `sku` (what a shipment or return of it is priced at).
    public func unitPrice(of sku: String) -> Money? {
        lines.first { $0.sku == sku }?.unitPrice
    }

    /// The total quantity of `sku` over all lines (0 when absent; saturates at `Int64.max`).
    public func quantity(of sku: String) -> Int64 {
        lines.lazy.filter { $0.sku == sku }.reduce(Int64(0)) { total, line in
            let (sum, overflow) = total.addingReportingOverflow(line.quantity)
            return overflow ? .max : sum
        }
    }

    enum CodingKeys: String, CodingKey {
        case channel
        case signedOn = "signed_on"
        case lines
        case paymentTermsDays = "payment_terms_days"
        case deliveryDate = "delivery_date"
        case warrantyMonths = "warranty_months"
        case otherTerms = "other_terms"
        case tenderSource = "tender_source"
        case validUntil = "valid_until"
    }
}
