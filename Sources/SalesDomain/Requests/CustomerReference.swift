/// The customer of a request: an id to look up in the context, or the customer given inline
/// (for stateless use without master data).
public enum CustomerReference: Sendable, Hashable, Encodable {
    case id(String)
    case inline(Customer)

    /// The customer's id either way.
    public var id: String {
        switch self {
        case .id(let id): id
        case .inline(let customer): customer.id
        }
    }

    /// Encodes as the id string or the customer object, as in request files.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .id(let id):
            var container = encoder.singleValueContainer()
            try container.encode(id)
        case .inline(let customer):
            try customer.encode(to: encoder)
        }
    }
}
