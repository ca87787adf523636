import LuaRuntime
import Money
import SalesDomain

/// The globals a policy run sees: `request`, shaped as editor/signoff.d.lua declares. Built from a
/// `ResolvedRequest`, with the figures the host computes exactly (line amounts, document amount
/// and cost, contract progress) so scripts never add up money themselves unless they want to.
///
/// Written by hand into the wire bytes (`LuaTableWriter`), not through `Encodable`: this runs
/// once per decision and the generic encoder cost about a quarter of it. The field names are the
/// API scripts are written against: EditorDefinitionsTests checks them against those
/// declarations, RequestEncodingTests pins each kind's fields. Absent optionals are
/// absent fields, never `nil` values.
struct PolicyInput {
    /// `{ request = … }`, complete.
    let globals: LuaTableWriter

    init(_ resolved: ResolvedRequest) throws(MoneyError) {
        // About 420 bytes a line and 700 besides: reserved once, so the buffer never regrows.
        let lines = resolved.request.document.lines.count + (resolved.quote?.document.lines.count ?? 0)
            + (resolved.contract?.document.lines.count ?? 0)
        var writer = LuaTableWriter(capacity: 1024 + 512 * lines)
        writer.beginRecord()
        writer.key("request")
        try writer.request(resolved)
        writer.end()
        globals = writer
    }
}

extension PolicyEngine {
    /// `request` exactly as scripts see it (read back from the bytes a decision hands over), for
    /// tools that run the policy elsewhere (the benchmark's plain-Lua reference) or describe it.
    public static func requestView(_ resolved: ResolvedRequest) throws -> LuaValue {
        try PolicyInput(resolved).globals.decoded()["request"]
    }
}

extension LuaTableWriter {
    /// `request`: the envelope, the people and the document, and the documents it refers to.
    mutating func request(_ r: ResolvedRequest) throws(MoneyError) {
        beginRecord()
        field("kind", r.request.kind.rawValue)
        field("id", r.request.id)
        key("submitted_by")
        user(r.submitter)
        field("branch", r.branch)
        key("customer")
        customer(r.customer)
        key("document")
        try document(r.request.document, products: r.products, contract: r.contract?.document.contract)
        try reference("quote", r.quote, products: r.products)
        try reference("contract", r.contract, products: r.products)
        try reference("tender", r.tender, products: r.products)
        end()
    }

    /// `name`, an earlier document: its id, its document, and for a contract what happened
    /// against it. Nothing when there is none.
    mutating func reference(_ name: String, _ stored: StoredDocument?, products: [String: Product]) throws(MoneyError) {
        guard let stored else { return }
        key(name)
        beginRecord()
        field("id", stored.id)
        key("document")
        try document(stored.document, products: products, contract: nil)
        if stored.kind == .contract {
            let progress = stored.progress ?? .none
            key("shipped")
            quantities(progress.shipped)
            key("returned")
            quantities(progress.returned)
            field("invoiced", progress.invoiced)
            field("collected", progress.collected)
        }
        end()
    }

    /// A document's own fields, plus `amount`, `cost` and enriched `lines` computed by the host.
    /// `contract` prices shipment and return lines, which carry no price of their own.
    mutating func document(_ document: Document, products: [String: Product], contract: Contract?) throws(MoneyError) {
        beginRecord()
        switch document {
        case .visitPlan(let v):
            field("week_of", v.weekOf.description)
            key("visits")
            beginList()
            for visit in v.visits {
                beginRecord()
                field("customer", visit.customer)
                field("date", visit.date.description)
                field("purpose", visit.purpose)
                field("key", visit.key)
                end()
            }
            end()
        case .tender(let t):
            field("source", t.source.rawValue)
            field("title", t.title)
            field("estimated_amount", t.estimatedAmount)
            field("estimated_cost", t.estimatedCost)
            field("deadline", t.deadline.description)
            field("amount", t.estimatedAmount)
        case .quote(let q):
            terms(q.paymentTermsDays, q.deliveryDate, q.warrantyMonths, q.otherTerms, q.tenderSource, q.validUntil)
            try lines(q.lines, products: products, contract: contract, withCost: true)
        case .contract(let k):
            field("channel", k.channel.rawValue)
            field("signed_on", k.signedOn?.description)
            terms(k.paymentTermsDays, k.deliveryDate, k.warrantyMonths, k.otherTerms, k.tenderSource, k.validUntil)
            try lines(k.lines, products: products, contract: contract, withCost: true)
        case .shipment(let s):
            try lines(s.lines, products: products, contract: contract, withCost: false)
        case .collection(let c):
            field("amount", c.amount)
            field("method", c.method)
        case .invoice(let i):
            field("amount", i.amount)
            field("invoice_type", i.invoiceType)
        case .service(let s):
            field("product", s.product)
            field("description", s.description)
            field("requested_on", s.requestedOn.description)
        case .returnRequest(let r):
            field("type", r.type.rawValue)
            field("reason", r.reason)
            try lines(r.lines, products: products, contract: contract, withCost: false)
        }
        end()
    }

    /// The commercial terms a quote and a contract share.
    private mutating func terms(
        _ paymentTermsDays: Int, _ deliveryDate: Day, _ warrantyMonths: Int, _ otherTerms: String,
        _ tenderSource: TenderSource?, _ validUntil: Day?
    ) {
        field("payment_terms_days", Int64(paymentTermsDays))
        field("delivery_date", deliveryDate.description)
        field("warranty_months", Int64(warrantyMonths))
        field("other_terms", otherTerms)
        field("tender_source", tenderSource?.rawValue)
        field("valid_until", validUntil?.description)
    }

    /// `lines`, each priced by its own unit price or else the contract's, and beside them the
    /// document's `amount` (absent when a line has no price) and, `withCost`, its `cost` (absent
    /// when a product or its unit cost is unknown). No lines: none of the three.
    private mutating func lines(_ lines: [Line], products: [String: Product], contract: Contract?, withCost: Bool) throws(MoneyError) {
        guard !lines.isEmpty else { return }
        var total: Money? = Money.zero
        var totalCost: Money? = withCost ? Money.zero : nil
        key("lines")
        beginList()
        for line in lines {
            let product = products[line.sku]
            let price = line.unitPrice ?? contract?.unitPrice(of: line.sku)
            let amount = try price.map { p throws(MoneyError) in try p.multiplied(by: line.quantity) }
            if let t = total, let a = amount { total = try t.adding(a) } else { total = nil }
            if let t = totalCost, let c = product?.unitCost { totalCost = try t.adding(c.multiplied(by: line.quantity)) } else { totalCost = nil }
            beginRecord()
            field("sku", line.sku)
            field("name", line.name ?? product?.name)
            field("spec", line.spec)
            field("unit", line.unit ?? product?.unit)
            field("quantity", line.quantity)
            field("unit_price", price)
            field("amount", amount)
            key("parameters")
            beginRecord()
            for (name, value) in line.parameters { field(name, value) }
            end()
            if let product {
                key("product")
                self.product(product)
            }
            end()
        }
        end()
        field("amount", total)
        field("cost", totalCost)
    }

    private mutating func user(_ u: User) {
        beginRecord()
        field("id", u.id)
        field("name", u.name)
        key("roles")
        beginList()
        for role in u.roles { string(role.rawValue) }
        end()
        field("branch", u.branch)
        end()
    }

    private mutating func customer(_ c: Customer) {
        beginRecord()
        field("id", c.id)
        field("name", c.name)
        field("government", c.government)
        field("credit_limit", c.creditLimit)
        field("overdue", c.overdue)
        end()
    }

    private mutating func product(_ p: Product) {
        beginRecord()
        field("sku", p.sku)
        field("name", p.name)
        field("unit", p.unit)
        field("difficult", p.difficult)
        field("key", p.key)
        key("standard_specs")
        beginList()
        for spec in p.standardSpecs { string(spec) }
        end()
        field("unit_cost", p.unitCost)
        end()
    }

    /// Quantities by sku. Keys stay strings even when they look like numbers (scripts index
    /// these tables with a line's `sku`, a string).
    private mutating func quantities(_ bySku: [String: Int64]) {
        beginRecord()
        for (sku, quantity) in bySku { field(sku, quantity) }
        end()
    }
}
