/// What a request is about; the raw value names the rules script (`rules/<kind>.lua`) and is
/// the `kind` field of request files.
public enum RequestKind: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    case visitPlan = "visit_plan"
    case tender
    case quote
    case contract
    case shipment
    case collection
    case invoice
    case service
    case returnRequest = "return"

    public var description: String { rawValue }

    /// English name for messages ("a shipment must reference its contract").
    public var displayName: String {
        switch self {
        case .visitPlan: "visit plan"
        case .returnRequest: "return or exchange"
        default: rawValue
        }
    }

    /// The display name with its article: "a contract", "an invoice".
    public var withArticle: String {
        let name = displayName
        return (name.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + name
    }

    /// The references (`refs`) this kind may carry, by key, with the kind each must name:
    /// a quote may cite its tender; a contract its quote (optional: a phone order may have none);
    /// shipments, collections, invoices and returns their contract (required); a service request
    /// may cite the contract the goods came under.
    public var allowedRefs: [String: RequestKind] {
        switch self {
        case .visitPlan, .tender: [:]
        case .quote: ["tender": .tender]
        case .contract: ["quote": .quote]
        case .shipment, .collection, .invoice, .returnRequest, .service: ["contract": .contract]
        }
    }

    /// The references that must be present.
    public var requiredRefs: [String] {
        switch self {
        case .shipment, .collection, .invoice, .returnRequest: ["contract"]
        default: []
        }
    }
}
