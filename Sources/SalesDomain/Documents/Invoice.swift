import Money

/// An invoice request (开票申请单) against a contract.
public struct Invoice: Sendable, Hashable, Encodable {
    /// Greater than zero.
    public var amount: Money
    /// E.g. VAT special or ordinary invoice, free text.
    public var invoiceType: String

    public init(amount: Money, invoiceType: String) {
        self.amount = amount
        self.invoiceType = invoiceType
    }

    enum CodingKeys: String, CodingKey {
        case amount
        case invoiceType = "invoice_type"
    }
}
