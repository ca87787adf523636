/// A request to decide on: who submits what, for which customer, citing which earlier documents.
///
/// `kind` is not stored: it is the document's, so the two cannot disagree. `refs` maps a reference
/// name to a document id (`quote` for a contract, `contract` for shipments, collections, invoices,
/// returns); which names a kind allows is `RequestKind.allowedRefs`.
public struct Request: Sendable, Hashable, Encodable {
    /// Optional for a dry run (`signoff evaluate`).
    public var id: String?
    /// A user id of the org.
    public var submittedBy: String
    /// Defaults to the submitter's branch when nil.
    public var branch: String?
    public var customer: CustomerReference
    public var refs: [String: String]
    public var document: Document
    /// Lines of the fields in the input file, for cross-reference errors. Ignored by `==`.
    public var origin: SourceOrigin

    public init(id: String? = nil, submittedBy: String, branch: String? = nil, customer: CustomerReference,
                refs: [String: String] = [:], document: Document, origin: SourceOrigin = SourceOrigin()) {
        self.id = id
        self.submittedBy = submittedBy
        self.branch = branch
        self.customer = customer
        self.refs = refs
        self.document = document
        self.origin = origin
    }

    public var kind: RequestKind { document.kind }

    enum CodingKeys: String, CodingKey {
        case kind, id
        case submittedBy = "submitted_by"
        case branch, customer, refs, document
    }

    /// The request-file shape (snake_case keys, `kind` first when keys are sorted or not);
    /// `InputDecoder.request(from:file:)` reads the JSON back to an equal value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encodeIfPresent(id, forKey: .id)
        try container.encode(submittedBy, forKey: .submittedBy)
        try container.encodeIfPresent(branch, forKey: .branch)
        try container.encode(customer, forKey: .customer)
        try container.encode(refs, forKey: .refs)
        try container.encode(document, forKey: .document)
    }
}
