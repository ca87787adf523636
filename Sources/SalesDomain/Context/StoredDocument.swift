/// An earlier document a request may reference (a quote, a contract with its progress, …).
public struct StoredDocument: Sendable, Hashable, Encodable {
    public var id: String
    /// The customer id the document belongs to.
    public var customer: String
    public var document: Document
    /// For contracts only; nil means nothing has happened yet.
    public var progress: ContractProgress?

    public init(id: String, customer: String, document: Document, progress: ContractProgress? = nil) {
        self.id = id
        self.customer = customer
        self.document = document
        self.progress = progress
    }

    public var kind: RequestKind { document.kind }

    enum CodingKeys: String, CodingKey {
        case id, kind, customer, document, progress
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(kind, forKey: .kind)
        try container.encode(customer, forKey: .customer)
        try container.encode(document, forKey: .document)
        try container.encodeIfPresent(progress, forKey: .progress)
    }
}
