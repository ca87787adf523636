import LuaRuntime
import Money
import SalesDomain

/// The globals a policy run sees: `request`, shaped as docs/policy-api.md describes. Built from a
/// `ResolvedRequest`, with the figures the host computes exactly (line amounts, document amount
/// and cost, contract progress) so scripts never add up money themselves unless they want to.
struct PolicyInput: Encodable {
    let request: RequestView

    init(_ resolved: ResolvedRequest) throws(MoneyError) {
        request = try RequestView(resolved)
    }
}

extension PolicyEngine {
    /// `request` exactly as scripts see it, for tools that run the policy elsewhere (the
    /// benchmark's plain-Lua reference) or describe it.
    public static func requestView(_ resolved: ResolvedRequest) throws -> LuaValue {
        try LuaValueEncoder().encode(PolicyInput(resolved))["request"]
    }
}

struct RequestView: Encodable {
    let kind: String
    let id: String?
    let submittedBy: User
    let branch: String?
    let customer: Customer
    let document: DocumentView
    let quote: ReferenceView?
    let contract: ReferenceView?
    let tender: ReferenceView?

    enum CodingKeys: String, CodingKey {
        case kind, id, branch, customer, document, quote, contract, tender
        case submittedBy = "submitted_by"
    }

    init(_ r: ResolvedRequest) throws(MoneyError) {
        kind = r.request.kind.rawValue
        id = r.request.id
        submittedBy = r.submitter
        branch = r.branch
        customer = r.customer
        let contractDocument = r.contract?.document.contract
        document = try DocumentView(r.request.document, products: r.products, contract: contractDocument)
        quote = try r.quote.map { stored throws(MoneyError) in try ReferenceView(stored, products: r.products) }
        contract = try r.contract.map { stored throws(MoneyError) in try ReferenceView(stored, products: r.products) }
        tender = try r.tender.map { stored throws(MoneyError) in try ReferenceView(stored, products: r.products) }
    }
}

/// An earlier document: its id, its document, and for a contract what happened against it.
struct ReferenceView: Encodable {
    let id: String
    let document: DocumentView
    let shipped: [String: Int64]?
    let returned: [String: Int64]?
    let invoiced: Money?
    let collected: Money?

    init(_ stored: StoredDocument, products: [String: Product]) throws(MoneyError) {
        id = stored.id
        document = try DocumentView(stored.document, products: products, contract: nil)
        if stored.kind == .contract {
            let progress = stored.progress ?? .none
            shipped = progress.shipped
            returned = progress.returned
            invoiced = progress.invoiced
            collected = progress.collected
        } else {
            shipped = nil
            returned = nil
            invoiced = nil
            collected = nil
        }
    }
}

/// A document's own fields, plus `amount`, `cost` and enriched `lines` computed by the host.
struct DocumentView: Encodable {
    let document: Document
    let amount: Money?
    let cost: Money?
    let lines: [LineView]?

    enum CodingKeys: String, CodingKey {
        case amount, cost, lines, channel, type, reason
        case signedOn = "signed_on"
        case paymentTermsDays = "payment_terms_days"
        case deliveryDate = "delivery_date"
        case warrantyMonths = "warranty_months"
        case otherTerms = "other_terms"
        case tenderSource = "tender_source"
        case validUntil = "valid_until"
    }

    /// `contract` prices shipment and return lines, which carry no price of their own.
    init(_ document: Document, products: [String: Product], contract: Contract?) throws(MoneyError) {
        self.document = document
        let lines = document.lines
        if lines.isEmpty {
            self.lines = nil
            cost = nil
            switch document {
            case .collection(let c): amount = c.amount
            case .invoice(let i): amount = i.amount
            case .tender(let t): amount = t.estimatedAmount
            default: amount = nil
            }
            return
        }
        var views: [LineView] = []
        views.reserveCapacity(lines.count)
        var total: Money? = Money.zero
        var totalCost: Money? = Money.zero
        for line in lines {
            let product = products[line.sku]
            let price = line.unitPrice ?? contract?.unitPrice(of: line.sku)
            let lineAmount = try price.map { p throws(MoneyError) in try p.multiplied(by: line.quantity) }
            if let t = total, let a = lineAmount { total = try t.adding(a) } else { total = nil }
            if let t = totalCost, let c = product?.unitCost { totalCost = try t.adding(c.multiplied(by: line.quantity)) } else { totalCost = nil }
            views.append(LineView(line: line, product: product, unitPrice: price, amount: lineAmount))
        }
        self.lines = views
        amount = total
        switch document {
        case .quote, .contract: cost = totalCost
        default: cost = nil
        }
    }

    /// The document's own fields and the computed ones beside them. Documents with lines are
    /// written field by field, so their lines are encoded (and built in Lua) once, as `LineView`s,
    /// rather than once plain and again enriched. EditorDefinitionsTests checks these fields
    /// against what scripts are documented to get.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch document {
        case .quote(let q):
            try encodeTerms(&c, q.paymentTermsDays, q.deliveryDate, q.warrantyMonths, q.otherTerms, q.tenderSource, q.validUntil)
        case .contract(let k):
            try c.encode(k.channel, forKey: .channel)
            try c.encodeIfPresent(k.signedOn, forKey: .signedOn)
            try encodeTerms(&c, k.paymentTermsDays, k.deliveryDate, k.warrantyMonths, k.otherTerms, k.tenderSource, k.validUntil)
        case .returnRequest(let r):
            try c.encode(r.type, forKey: .type)
            try c.encode(r.reason, forKey: .reason)
        case .shipment:
            break
        default:
            try document.encode(to: encoder)  // no lines: the document's own encoding
        }
        try c.encodeIfPresent(amount, forKey: .amount)
        try c.encodeIfPresent(cost, forKey: .cost)
        try c.encodeIfPresent(lines, forKey: .lines)
    }

    private func encodeTerms(
        _ c: inout KeyedEncodingContainer<CodingKeys>, _ paymentTermsDays: Int, _ deliveryDate: Day,
        _ warrantyMonths: Int, _ otherTerms: String, _ tenderSource: TenderSource?, _ validUntil: Day?
    ) throws {
        try c.encode(paymentTermsDays, forKey: .paymentTermsDays)
        try c.encode(deliveryDate, forKey: .deliveryDate)
        try c.encode(warrantyMonths, forKey: .warrantyMonths)
        try c.encode(otherTerms, forKey: .otherTerms)
        try c.encodeIfPresent(tenderSource, forKey: .tenderSource)
        try c.encodeIfPresent(validUntil, forKey: .validUntil)
    }
}

struct LineView: Encodable {
    let line: Line
    let product: Product?
    let unitPrice: Money?
    let amount: Money?

    enum CodingKeys: String, CodingKey {
        case sku, name, spec, unit, quantity, parameters, product, amount
        case unitPrice = "unit_price"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(line.sku, forKey: .sku)
        try c.encodeIfPresent(line.name ?? product?.name, forKey: .name)
        try c.encodeIfPresent(line.spec, forKey: .spec)
        try c.encodeIfPresent(line.unit ?? product?.unit, forKey: .unit)
        try c.encode(line.quantity, forKey: .quantity)
        try c.encodeIfPresent(unitPrice, forKey: .unitPrice)
        try c.encodeIfPresent(amount, forKey: .amount)
        try c.encode(line.parameters, forKey: .parameters)
        try c.encodeIfPresent(product, forKey: .product)
    }
}
