/// The body of a request or stored document: one case per `RequestKind`, so a document's fields
/// always match its kind.
public enum Document: Sendable, Hashable, Encodable {
    case visitPlan(VisitPlan)
    case tender(Tender)
    case quote(Quote)
    case contract(Contract)
    case shipment(Shipment)
    case collection(PaymentCollection)
    case invoice(Invoice)
    case service(AfterSalesService)
    case returnRequest(ReturnOrExchange)

    public var kind: RequestKind {
        switch self {
        case .visitPlan: .visitPlan
        case .tender: .tender
        case .quote: .quote
        case .contract: .contract
        case .shipment: .shipment
        case .collection: .collection
        case .invoice: .invoice
        case .service: .service
        case .returnRequest: .returnRequest
        }
    }

    /// The lines of a quote, contract, shipment or return; empty for the other kinds.
    public var lines: [Line] {
        switch self {
        case .quote(let quote): quote.lines
        case .contract(let contract): contract.lines
        case .shipment(let shipment): shipment.lines
        case .returnRequest(let returned): returned.lines
        default: []
        }
    }

    /// The contract, when this is one.
    public var contract: Contract? {
        if case .contract(let contract) = self { return contract }
        return nil
    }

    /// The quote, when this is one.
    public var quote: Quote? {
        if case .quote(let quote) = self { return quote }
        return nil
    }

    /// Encodes the payload's fields only; the kind is written by the envelope (request or stored
    /// document) beside it.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .visitPlan(let value): try value.encode(to: encoder)
        case .tender(let value): try value.encode(to: encoder)
        case .quote(let value): try value.encode(to: encoder)
        case .contract(let value): try value.encode(to: encoder)
        case .shipment(let value): try value.encode(to: encoder)
        case .collection(let value): try value.encode(to: encoder)
        case .invoice(let value): try value.encode(to: encoder)
        case .service(let value): try value.encode(to: encoder)
        case .returnRequest(let value): try value.encode(to: encoder)
        }
    }
}
