/// A request with every id it names looked up: what the policy engine hands to a kind's script.
/// Only `PolicyContext.resolve(_:)` makes one, so its references are known to be consistent.
public struct ResolvedRequest: Sendable, Equatable {
    public let request: Request
    public let submitter: User
    /// The request's branch, else the submitter's; nil for head-office requests.
    public let branch: String?
    public let customer: Customer
    /// `refs.tender` of a quote.
    public let tender: StoredDocument?
    /// `refs.quote` of a contract (nil for a phone order without a quote).
    public let quote: StoredDocument?
    /// `refs.contract` of a shipment, collection, invoice, return or service request.
    public let contract: StoredDocument?
    /// The product of every sku the document names (lines, service product), by sku.
    public let products: [String: Product]

    init(request: Request, submitter: User, branch: String?, customer: Customer, tender: StoredDocument?,
         quote: StoredDocument?, contract: StoredDocument?, products: [String: Product]) {
        self.request = request
        self.submitter = submitter
        self.branch = branch
        self.customer = customer
        self.tender = tender
        self.quote = quote
        self.contract = contract
        self.products = products
    }
}
