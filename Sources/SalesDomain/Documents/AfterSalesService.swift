/// A customer's after-sales service request (售后服务申请表).
public struct AfterSalesService: Sendable, Hashable, Encodable {
    /// The product's sku, when known.
    public var product: String?
    public var description: String
    public var requestedOn: Day

    public init(product: String? = nil, description: String, requestedOn: Day) {
        self.product = product
        self.description = description
        self.requestedOn = requestedOn
    }

    enum CodingKeys: String, CodingKey {
        case product, description
        case requestedOn = "requested_on"
    }
}
