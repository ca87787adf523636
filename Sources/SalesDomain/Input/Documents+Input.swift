import Money

/// Input shapes of the documents, exactly as `docs/policy-api.md` lists them per kind. The
/// document's fields depend on the kind, so a document is always read with its kind known.
extension Document {
    /// The fields each kind's document allows, in the order messages list them.
    public static func fields(for kind: RequestKind) -> [String] {
        switch kind {
        case .visitPlan: ["week_of", "visits"]
        case .tender: ["source", "title", "estimated_amount", "estimated_cost", "deadline"]
        case .quote: quoteFields
        case .contract: ["channel", "signed_on"] + quoteFields
        case .shipment: ["lines"]
        case .collection: ["amount", "method"]
        case .invoice: ["amount", "invoice_type"]
        case .service: ["product", "description", "requested_on"]
        case .returnRequest: ["type", "lines", "reason"]
        }
    }

    private static let quoteFields = [
        "lines", "payment_terms_days", "delivery_date", "warranty_months", "other_terms", "tender_source",
        "valid_until",
    ]

    /// Reads the document of a `kind` request at `input`.
    public init(kind: RequestKind, from input: InputValue) throws(InputError) {
        let map = try input.mapping(fields: Self.fields(for: kind))
        switch kind {
        case .visitPlan:
            self = .visitPlan(VisitPlan(
                weekOf: try map.required("week_of") { v throws(InputError) in try v.day() },
                visits: try map.required("visits") { v throws(InputError) -> [PlannedVisit] in
                    var visits: [PlannedVisit] = []
                    for element in try v.nonEmptyList(of: "visit") { visits.append(try PlannedVisit(from: element)) }
                    return visits
                }))
        case .tender:
            self = .tender(Tender(
                source: try map.required("source") { v throws(InputError) in try v.oneOf(TenderSource.self) },
                title: try map.required("title") { v throws(InputError) in try v.text() },
                estimatedAmount: try map.required("estimated_amount") { v throws(InputError) in try v.money() },
                estimatedCost: try map.optional("estimated_cost") { v throws(InputError) in try v.money() },
                deadline: try map.required("deadline") { v throws(InputError) in try v.day() }))
        case .quote:
            let terms = try Terms(map)
            self = .quote(Quote(lines: terms.lines, paymentTermsDays: terms.paymentTermsDays,
                                deliveryDate: terms.deliveryDate, warrantyMonths: terms.warrantyMonths,
                                otherTerms: terms.otherTerms, tenderSource: terms.tenderSource,
                                validUntil: terms.validUntil))
        case .contract:
            let channel = try map.required("channel") { v throws(InputError) in try v.oneOf(ContractChannel.self) }
            let signedOn = try map.optional("signed_on") { v throws(InputError) in try v.day() }
            let terms = try Terms(map)
            self = .contract(Contract(channel: channel, signedOn: signedOn, lines: terms.lines,
                                      paymentTermsDays: terms.paymentTermsDays, deliveryDate: terms.deliveryDate,
                                      warrantyMonths: terms.warrantyMonths, otherTerms: terms.otherTerms,
                                      tenderSource: terms.tenderSource, validUntil: terms.validUntil))
        case .shipment:
            self = .shipment(Shipment(lines: try Self.lines(map, priced: false)))
        case .collection:
            self = .collection(PaymentCollection(
                amount: try map.required("amount") { v throws(InputError) in try v.positiveMoney() },
                method: try map.required("method") { v throws(InputError) in try v.text() }))
        case .invoice:
            self = .invoice(Invoice(
                amount: try map.required("amount") { v throws(InputError) in try v.positiveMoney() },
                invoiceType: try map.required("invoice_type") { v throws(InputError) in try v.text() }))
        case .service:
            self = .service(AfterSalesService(
                product: try map.optional("product") { v throws(InputError) in try v.identifier("a sku") },
                description: try map.required("description") { v throws(InputError) in try v.text() },
                requestedOn: try map.required("requested_on") { v throws(InputError) in try v.day() }))
        case .returnRequest:
            self = .returnRequest(ReturnOrExchange(
                type: try map.required("type") { v throws(InputError) in try v.oneOf(ReturnType.self) },
                lines: try Self.lines(map, priced: false),
                reason: try map.required("reason") { v throws(InputError) in try v.text() }))
        }
    }

    /// The quote/contract terms shared by both kinds.
    private struct Terms {
        var lines: [Line]
        var paymentTermsDays: Int
        var deliveryDate: Day
        var warrantyMonths: Int
        var otherTerms: String
        var tenderSource: TenderSource?
        var validUntil: Day?

        init(_ map: InputMapping) throws(InputError) {
            lines = try Document.lines(map, priced: true)
            paymentTermsDays = Int(try map.required("payment_terms_days") { v throws(InputError) in
                try v.integer("a number of days (0 or more)", in: 0...36_500)
            })
            deliveryDate = try map.required("delivery_date") { v throws(InputError) in try v.day() }
            warrantyMonths = Int(try map.required("warranty_months") { v throws(InputError) in
                try v.integer("a number of months (0 or more)", in: 0...1_200)
            })
            otherTerms = try map.optional("other_terms") { v throws(InputError) in try v.text() } ?? ""
            tenderSource = try map.optional("tender_source") { v throws(InputError) in try v.oneOf(TenderSource.self) }
            validUntil = try map.optional("valid_until") { v throws(InputError) in try v.day() }
        }
    }

    /// The `lines` field: at least one line; with `priced`, every line needs `unit_price`. Also
    /// checks that every line amount and their total can be computed exactly.
    private static func lines(_ map: InputMapping, priced: Bool) throws(InputError) -> [Line] {
        try map.required("lines") { v throws(InputError) -> [Line] in
            var lines: [Line] = []
            var total = Money.zero
            for element in try v.nonEmptyList(of: "line") {
                let line = try Line(from: element, priced: priced)
                do {
                    if let amount = try line.amount() { total = try total.adding(amount) }
                } catch {
                    throw element.error(.invalidValue, "quantity × unit_price is too large to calculate exactly")
                }
                lines.append(line)
            }
            return lines
        }
    }
}

extension PlannedVisit: InputDecodable {
    public static let fields = ["customer", "date", "purpose", "key"]

    public init(from input: InputValue) throws(InputError) {
        let map = try input.mapping(fields: Self.fields)
        self.init(customer: try map.required("customer") { v throws(InputError) in try v.identifier("a customer") },
                  date: try map.required("date") { v throws(InputError) in try v.day() },
                  purpose: try map.required("purpose") { v throws(InputError) in try v.text() },
                  key: try map.optional("key") { v throws(InputError) in try v.bool() } ?? false)
    }
}

extension Line {
    public static let fields = ["sku", "name", "spec", "unit", "quantity", "unit_price", "parameters"]

    /// Reads a line; `priced` (quote and contract lines) makes `unit_price` required.
    public init(from input: InputValue, priced: Bool) throws(InputError) {
        let map = try input.mapping(fields: Self.fields)
        let sku = try map.required("sku") { v throws(InputError) in try v.identifier("a sku") }
        let name = try map.optional("name") { v throws(InputError) in try v.identifier("a name") }
        let spec = try map.optional("spec") { v throws(InputError) in try v.identifier("a spec") }
        let unit = try map.optional("unit") { v throws(InputError) in try v.identifier("a unit") }
        let quantity = try map.required("quantity") { v throws(InputError) in try v.positiveInteger() }
        let unitPrice = priced
            ? try map.required("unit_price") { v throws(InputError) in try v.money() }
            : try map.optional("unit_price") { v throws(InputError) in try v.money() }
        let parameters = try map.optional("parameters") { v throws(InputError) -> [String: String] in
            var parameters: [String: String] = [:]
            for (key, value) in try v.dictionary() { parameters[key] = try value.text() }
            return parameters
        } ?? [:]
        self.init(sku: sku, name: name, spec: spec, unit: unit, quantity: quantity, unitPrice: unitPrice,
                  parameters: parameters)
    }
}
