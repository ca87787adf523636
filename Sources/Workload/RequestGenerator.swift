import Money
import SalesDomain

/// Realistic requests of every kind for benchmarks and tests, from a seed: 1–20 lines drawn from
/// the master data's products, about 30 % of contracts deviating from their quote (price cuts of
/// up to 8 %, longer payment terms, changed parameters), shipments, invoices, collections and
/// returns within their contract's open amounts (a few beyond them, to exercise the hard stops).
///
/// `context` holds the master data it was given plus the quotes and contracts it generated, so
/// every request resolves against it.
public struct RequestGenerator {
    public private(set) var context: PolicyContext
    private var random: SeededGenerator
    private let quotes: [StoredDocument]
    private let contracts: [StoredDocument]
    private let salespeople: [User]
    private var sequence = 0

    /// - Parameters:
    ///   - master: users (at least one salesperson), customers and products to draw from.
    ///   - documents: how many quotes (and as many contracts) to generate into the context.
    public init(seed: UInt64, master: PolicyContext, documents: Int = 50) {
        random = SeededGenerator(seed: seed)
        salespeople = master.users.filter { $0.has(.salesperson) }
        var quotes: [StoredDocument] = []
        var contracts: [StoredDocument] = []
        var rng = SeededGenerator(seed: seed ^ 0x5EED)
        // Enough distinct products for 20-line documents: the master's, plus variants of them.
        var products = master.products
        for index in 0..<max(0, 40 - products.count) where !master.products.isEmpty {
            var variant = master.products[index % master.products.count]
            variant.sku = String(format: "G-%03d", index)
            variant.name += " \(index)"
            variant.difficult = Int.random(in: 0..<10, using: &rng) == 0
            variant.key = Int.random(in: 0..<10, using: &rng) == 0
            products.append(variant)
        }
        let customers = master.customers
        if !products.isEmpty, !customers.isEmpty {
            for index in 0..<documents {
                let customer = customers[Int.random(in: 0..<customers.count, using: &rng)].id
                let lines = Self.lines(count: Int.random(in: 1...20, using: &rng), products: products, using: &rng)
                let quote = Quote(lines: lines, paymentTermsDays: 30, deliveryDate: Self.day(60), warrantyMonths: 12,
                                  otherTerms: "货到验收合格后付款")
                quotes.append(StoredDocument(id: String(format: "QT-G-%04d", index), customer: customer, document: .quote(quote)))
                let contract = Contract(channel: .formal, lines: lines, paymentTermsDays: 30, deliveryDate: Self.day(60),
                                        warrantyMonths: 12, otherTerms: "货到验收合格后付款")
                var shipped: [String: Int64] = [:]
                for line in lines where Bool.random(using: &rng) { shipped[line.sku, default: 0] += line.quantity / 2 }
                contracts.append(StoredDocument(
                    id: String(format: "CT-G-%04d", index), customer: customer, document: .contract(contract),
                    progress: ContractProgress(shipped: shipped, invoiced: .zero, collected: .zero)))
            }
        }
        self.quotes = quotes
        self.contracts = contracts
        context = PolicyContext(today: master.today, branches: master.branches, users: master.users,
                                customers: master.customers, products: products,
                                documents: master.documents + quotes + contracts)
    }

    /// The next request of `kind`.
    public mutating func request(_ kind: RequestKind) -> Request {
        sequence += 1
        let submitter = salespeople.isEmpty ? (context.users.first?.id ?? "nobody") : salespeople[Int.random(in: 0..<salespeople.count, using: &random)].id
        let customer = context.customers.isEmpty ? "nobody" : context.customers[Int.random(in: 0..<context.customers.count, using: &random)].id
        switch kind {
        case .visitPlan:
            let visits = (0..<Int.random(in: 1...8, using: &random)).map { i in
                PlannedVisit(customer: customer, date: Self.day(i % 6), purpose: "回访", key: i == 0)
            }
            return Request(submittedBy: submitter, customer: .id(customer), document: .visitPlan(VisitPlan(weekOf: Self.day(0), visits: visits)))
        case .tender:
            let amount = Money(fen: Int64.random(in: 1_000_000...80_000_000, using: &random))
            let source: TenderSource = [.inquiry, .publicTender, .governmentProcurement][Int.random(in: 0..<3, using: &random)]
            return Request(submittedBy: submitter, customer: .id(customer),
                           document: .tender(Tender(source: source, title: "询价 \(sequence)", estimatedAmount: amount, deadline: Self.day(20))))
        case .quote:
            let lines = Self.lines(count: Int.random(in: 1...20, using: &random), products: context.products, using: &random)
            return Request(submittedBy: submitter, customer: .id(customer),
                           document: .quote(Quote(lines: lines, paymentTermsDays: 30, deliveryDate: Self.day(60), warrantyMonths: 12)))
        case .contract:
            guard let quote = pick(quotes), case .quote(let quoted) = quote.document else { break }
            var lines = quoted.lines
            var terms = quoted.paymentTermsDays
            if Int.random(in: 0..<10, using: &random) < 3 {  // ~30 % deviate from their quote
                let i = Int.random(in: 0..<lines.count, using: &random)
                if let price = lines[i].unitPrice {
                    let cut = Int64.random(in: 1...8, using: &random)
                    lines[i].unitPrice = Money(fen: price.fen - price.fen * cut / 100)
                }
                if Bool.random(using: &random) { terms += Int.random(in: 10...60, using: &random) }
                if Bool.random(using: &random), !lines[i].parameters.isEmpty { lines[i].parameters["power"] = "18kW" }
            }
            let contract = Contract(channel: .formal, lines: lines, paymentTermsDays: terms, deliveryDate: quoted.deliveryDate,
                                    warrantyMonths: quoted.warrantyMonths, otherTerms: quoted.otherTerms)
            return Request(submittedBy: submitter, customer: .id(quote.customer), refs: ["quote": quote.id], document: .contract(contract))
        case .shipment, .returnRequest:
            guard let stored = pick(contracts), case .contract(let contract) = stored.document else { break }
            let lines = contract.lines.prefix(Int.random(in: 1...max(1, contract.lines.count), using: &random)).map { line in
                Line(sku: line.sku, quantity: max(1, Int64.random(in: 1...max(1, line.quantity / 2), using: &random)))
            }
            let document: Document = kind == .shipment
                ? .shipment(Shipment(lines: lines))
                : .returnRequest(ReturnOrExchange(type: Bool.random(using: &random) ? .return : .exchange, lines: lines, reason: "质量问题"))
            return Request(submittedBy: submitter, customer: .id(stored.customer), refs: ["contract": stored.id], document: document)
        case .collection, .invoice:
            guard let stored = pick(contracts), case .contract(let contract) = stored.document,
                let total = try? contract.amount(), total.fen > 0 else { break }
            let amount = Money(fen: max(1, Int64.random(in: 1...total.fen, using: &random)))
            let document: Document = kind == .collection
                ? .collection(PaymentCollection(amount: amount, method: "银行转账"))
                : .invoice(Invoice(amount: amount, invoiceType: "增值税专用发票"))
            return Request(submittedBy: submitter, customer: .id(stored.customer), refs: ["contract": stored.id], document: document)
        case .service:
            let product = context.products.isEmpty ? nil : context.products[Int.random(in: 0..<context.products.count, using: &random)].sku
            return Request(submittedBy: submitter, customer: .id(customer),
                           document: .service(AfterSalesService(product: product, description: "设备故障", requestedOn: Self.day(0))))
        }
        // No documents to refer to: a service request always resolves.
        return Request(submittedBy: submitter, customer: .id(customer),
                       document: .service(AfterSalesService(description: "设备故障", requestedOn: Self.day(0))))
    }

    /// A mix of every kind, contracts weighted as in a sales department's week.
    public mutating func anyRequest() -> Request {
        let kinds: [RequestKind] = [.contract, .contract, .contract, .quote, .quote, .shipment, .shipment, .invoice,
                                    .collection, .returnRequest, .tender, .service, .visitPlan]
        return request(kinds[Int.random(in: 0..<kinds.count, using: &random)])
    }

    private mutating func pick(_ documents: [StoredDocument]) -> StoredDocument? {
        documents.isEmpty ? nil : documents[Int.random(in: 0..<documents.count, using: &random)]
    }

    static func lines(count: Int, products: [Product], using random: inout SeededGenerator) -> [Line] {
        var lines: [Line] = []
        for product in products.shuffled(using: &random).prefix(count) {
            let sku = product.sku
            let cost = product.unitCost?.fen ?? 100_000
            let price = Money(fen: cost + cost * Int64.random(in: 5...40, using: &random) / 100)
            lines.append(Line(sku: sku, spec: product.standardSpecs.first, quantity: Int64.random(in: 1...50, using: &random),
                              unitPrice: price, parameters: ["power": "15kW", "tank": "500L"]))
        }
        return lines
    }

    static func day(_ offset: Int) -> Day {
        Day(year: 2026, month: 12, day: 1 + offset % 28) ?? Day(year: 2026, month: 12, day: 1)!
    }
}
